#include "services/dynamodb/throttling_reasons.hpp"

namespace chokepoint {

namespace {

constexpr std::array<std::string_view, 16> kNames = {
    "TableReadProvisionedThroughputExceeded",  "TableReadAccountLimitExceeded",
    "TableReadKeyRangeThroughputExceeded",     "TableReadMaxOnDemandThroughputExceeded",
    "TableWriteProvisionedThroughputExceeded", "TableWriteAccountLimitExceeded",
    "TableWriteKeyRangeThroughputExceeded",    "TableWriteMaxOnDemandThroughputExceeded",
    "IndexReadProvisionedThroughputExceeded",  "IndexReadAccountLimitExceeded",
    "IndexReadKeyRangeThroughputExceeded",     "IndexReadMaxOnDemandThroughputExceeded",
    "IndexWriteProvisionedThroughputExceeded", "IndexWriteAccountLimitExceeded",
    "IndexWriteKeyRangeThroughputExceeded",    "IndexWriteMaxOnDemandThroughputExceeded"};

constexpr const char* kProvisionedTable =
    "The level of configured provisioned throughput for the table was exceeded. Consider increasing your "
    "provisioning level with the UpdateTable API.";
constexpr const char* kProvisionedIndex =
    "The level of configured provisioned throughput for one or more global secondary indexes of the table was "
    "exceeded. Consider increasing your provisioning level for the under-provisioned global secondary indexes with "
    "the UpdateTable API";
constexpr const char* kOnDemand =
    "Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or "
    "index so please try again shortly. If exceptions persist, check if you have a hot key: "
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html";
constexpr const char* kAccount =
    "Throughput exceeds the current throughput limit for your account. Please contact AWS Support at "
    "https://aws.amazon.com/support request a limit increase";
constexpr const char* kMaxOnDemand =
    "Throughput exceeds the maximum OnDemandThroughput configured on the table or index. Consider increasing "
    "MaxReadRequestUnits or MaxWriteRequestUnits with the UpdateTable API.";

const char* message_for(const std::string& exception, const ThrottleReason& reason) {
  if (exception == "RequestLimitExceeded") return kAccount;
  if (exception == "ProvisionedThroughputExceededException") return reason.index ? kProvisionedIndex : kProvisionedTable;
  return reason.limit == LimitType::kMaxOnDemand ? kMaxOnDemand : kOnDemand;
}

}  // namespace

std::string_view reason_name(const ThrottleReason& reason) {
  const std::size_t i = (reason.index ? 8 : 0) + (reason.access == Access::kWrite ? 4 : 0) +
                        static_cast<std::size_t>(reason.limit);
  return kNames[i];
}

const std::array<std::string_view, 16>& all_reason_names() { return kNames; }

const std::string& exception_for(const DynamoDbThrottleExceptions& map, bool on_demand, LimitType limit) {
  if (!on_demand) return limit == LimitType::kKeyRange ? map.provisioned_key_range : map.provisioned_throughput;
  switch (limit) {
    case LimitType::kAccountLimit:
      return map.on_demand_account_limit;
    case LimitType::kMaxOnDemand:
      return map.on_demand_max_throughput;
    case LimitType::kKeyRange:
    case LimitType::kProvisionedThroughput:
      break;
  }
  return map.on_demand_key_range;
}

ApiError throttling_error(const DynamoDbThrottleExceptions& map, bool on_demand, const ThrottleReason* reasons,
                          std::size_t count) {
  const std::string& exception = exception_for(map, on_demand, reasons[0].limit);
  ApiError e = make_error(exception, message_for(exception, reasons[0]));
  // Built member by member: nlohmann's initializer lists copy every value, and this runs for every throttle.
  nlohmann::json list = nlohmann::json::array();
  auto& entries = list.get_ref<nlohmann::json::array_t&>();
  entries.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    auto& members = entries.emplace_back(nlohmann::json::object()).get_ref<nlohmann::json::object_t&>();
    members.emplace("reason", std::string(reason_name(reasons[i])));
    members.emplace("resource", reasons[i].resource_arn);
  }
  e.extra[exception == "ThrottlingException" ? "throttlingReasons" : "ThrottlingReasons"] = std::move(list);
  e.origin = ErrorOrigin::kThrottle;
  return e;
}

CancellationCode cancellation_for(bool on_demand) {
  if (on_demand) return {"ThrottlingError", kOnDemand};
  return {"ProvisionedThroughputExceeded", kProvisionedTable};
}

}  // namespace chokepoint
