#pragma once
// DynamoDB's throttling reasons and the errors that carry them. A reason is <Table|Index><Read|Write><LimitType>
// with the ARN of the table or index (16 reasons); which exception carries it depends on the table's mode and
// the limit type, as configured (dynamodb.capacity.exceptions; defaults in reference section 3.10):
//   ProvisionedThroughputExceededException and RequestLimitExceeded list them as `ThrottlingReasons`,
//   ThrottlingException as `throttlingReasons` (lower-case t, as the service model spells it).
#include <array>
#include <string>
#include <string_view>

#include "config/dynamodb_capacity_settings.hpp"
#include "protocol/api_types.hpp"

namespace chokepoint {

enum class Access : uint8_t { kRead = 0, kWrite = 1 };
enum class LimitType : uint8_t { kProvisionedThroughput, kAccountLimit, kKeyRange, kMaxOnDemand };

struct ThrottleReason {
  bool index = false;  // a global secondary index rather than the table
  Access access = Access::kRead;
  LimitType limit = LimitType::kProvisionedThroughput;
  std::string_view resource_arn;  // table ARN or index ARN; must outlive the reason

  bool operator==(const ThrottleReason&) const = default;
};

// "TableWriteProvisionedThroughputExceeded", "IndexReadKeyRangeThroughputExceeded", ...
std::string_view reason_name(const ThrottleReason& reason);
// All 16 names, in <Table|Index><Read|Write><Limit> order.
const std::array<std::string_view, 16>& all_reason_names();

// The exception name for a limit type in a mode.
const std::string& exception_for(const DynamoDbThrottleExceptions& map, bool on_demand, LimitType limit);

// The error for a throttled call (origin ErrorOrigin::kThrottle). `reasons` must not be empty; the first one picks the
// exception and the message.
ApiError throttling_error(const DynamoDbThrottleExceptions& map, bool on_demand, const ThrottleReason* reasons,
                          std::size_t count);

template <typename Reasons>
ApiError throttling_error(const DynamoDbThrottleExceptions& map, bool on_demand, const Reasons& reasons) {
  return throttling_error(map, on_demand, reasons.data(), reasons.size());
}

// TransactionCanceledException's reason for an action that was throttled: code and message.
struct CancellationCode {
  const char* code;
  const char* message;
};
CancellationCode cancellation_for(bool on_demand);

}  // namespace chokepoint
