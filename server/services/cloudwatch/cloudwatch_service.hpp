#pragma once
// CloudWatch (signing name `monitoring`): metric data, metric alarms and dashboards. botocore 1.43 speaks JSON 1.0
// (X-Amz-Target GraniteServiceVersion20100801.<Op>, x-amzn-query-mode: true); older clients (AWS CLI v2's
// bundled botocore) send the query form, answered in query XML; both reach the same handlers.
// Metrics live in the shared MetricStore (AWS/DynamoDB from DynamoDB, AWS/Usage from every request,
// PutMetricData for custom namespaces); alarms per account and region, evaluated when they are read; Contributor
// Insights rules from the services that keep them (InsightRuleSource).
// Thread-safe: one mutex serializes the alarm books; the metric store locks itself.
#include <mutex>
#include <string>
#include <unordered_map>

#include "services/cloudwatch/cloudwatch_call.hpp"
#include "services/service.hpp"

namespace chokepoint {

// Every CloudWatch operation the service answers, one entry each.
std::vector<OperationTable<CloudWatchHandler>::Entry> cloudwatch_operations();

class CloudWatchService final : public Service {
 public:
  // `insights`, when given, must outlive the service.
  CloudWatchService(MetricStore& metrics, const InsightRuleSource* insights = nullptr);
  const ServiceDescriptor& descriptor() const override { return descriptor_; }
  const OperationDirectory& operations() const override { return operations_; }
  ApiResult handle(const ApiRequest& request, CallContext& ctx) override;
  void reset() override;

 private:
  ServiceDescriptor descriptor_;
  OperationTable<CloudWatchHandler> operations_;
  MetricStore& metrics_;
  const InsightRuleSource* insights_;
  std::mutex mutex_;
  std::unordered_map<std::string, AlarmBook> alarms_;  // by "account/region"
  std::unordered_map<std::string, Dashboards> dashboards_;  // by account
};

}  // namespace chokepoint
