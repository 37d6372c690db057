#include "metrics/usage_metrics.hpp"

#include <array>
#include <utility>

#include "metrics/throttle_classification.hpp"

namespace chokepoint {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kServiceNames = {{
    {"dynamodb", "DynamoDB"},
    {"ec2", "EC2"},
    {"ssm", "SSM"},
    {"cloudformation", "CloudFormation"},
    {"monitoring", "CloudWatch"},
    {"sts", "STS"},
    {"servicequotas", "ServiceQuotas"},
    {"application-autoscaling", "ApplicationAutoScaling"},
}};

}  // namespace

std::string_view usage_service_name(std::string_view service) {
  for (const auto& [name, display] : kServiceNames) {
    if (name == service) return display;
  }
  return service;
}

void UsageMetrics::on_request(const RequestRecord& r) {
  const MetricDimensionRef dims[] = {
      {"Class", "None"}, {"Resource", r.operation}, {"Service", usage_service_name(r.service)}, {"Type", "API"}};
  MetricPoint point{r.account, r.region, "AWS/Usage", "CallCount", dims, MetricValue::of(1), "None", r.time};
  sink_.put(point);
  if (!was_throttled(r)) return;
  point.metric_name = "ThrottleCount";
  sink_.put(point);
}

}  // namespace chokepoint
