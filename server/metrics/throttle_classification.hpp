#pragma once
// Which requests count as throttled in usage metrics and the retry report.
#include <string_view>

#include "protocol/request_record.hpp"

namespace chokepoint {

// A throttling error code as clients classify them (botocore standard mode's list, which JS SDK v3 shares):
// Throttling, ThrottlingException, ProvisionedThroughputExceededException, RequestLimitExceeded, ...
bool is_throttling_code(std::string_view code);

// Throttled by a bucket or the service's capacity, or by a fault rule that answered with a throttling code.
bool was_throttled(const RequestRecord& record);

}  // namespace chokepoint
