#include "metrics/throttle_classification.hpp"

#include <algorithm>
#include <array>

namespace chokepoint {

namespace {

constexpr std::array<std::string_view, 14> kThrottlingCodes = {"Throttling",
                                                               "ThrottlingException",
                                                               "ThrottledException",
                                                               "RequestThrottledException",
                                                               "TooManyRequestsException",
                                                               "ProvisionedThroughputExceededException",
                                                               "TransactionInProgressException",
                                                               "RequestLimitExceeded",
                                                               "BandwidthLimitExceeded",
                                                               "LimitExceededException",
                                                               "RequestThrottled",
                                                               "SlowDown",
                                                               "PriorRequestNotComplete",
                                                               "EC2ThrottledException"};

}  // namespace

bool is_throttling_code(std::string_view code) {
  return std::find(kThrottlingCodes.begin(), kThrottlingCodes.end(), code) != kThrottlingCodes.end();
}

bool was_throttled(const RequestRecord& r) {
  return r.outcome == Outcome::kThrottled || (r.outcome == Outcome::kFault && is_throttling_code(r.error_code));
}

}  // namespace chokepoint
