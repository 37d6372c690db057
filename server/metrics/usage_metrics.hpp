#pragma once
// CloudWatch's AWS/Usage metrics from the requests the dispatcher reports: per account and region,
//   CallCount     every API call, dimensions {Service, Type=API, Resource=<operation>, Class=None}
//   ThrottleCount the calls that were throttled (by a bucket, the service's capacity or a throttle fault),
//                 same dimensions
// Service is the name AWS uses in the dimension ("DynamoDB", "EC2", "SSM", "CloudWatch", ...).
// Thread-safe (the sink is).
#include <string_view>

#include "metrics/metric_sink.hpp"
#include "protocol/request_record.hpp"

namespace chokepoint {

class UsageMetrics final : public RequestObserver {
 public:
  explicit UsageMetrics(MetricSink& sink) : sink_(sink) {}
  void on_request(const RequestRecord& record) override;

 private:
  MetricSink& sink_;
};

// "dynamodb" -> "DynamoDB", "monitoring" -> "CloudWatch"; unknown names are returned as they are.
std::string_view usage_service_name(std::string_view service);

}  // namespace chokepoint
