#pragma once
// EC2's throttling answer and its resource-token buckets. The request buckets are admitted by the
// dispatcher; the resource buckets (instances per RunInstances, StartInstances, StopInstances,
// TerminateInstances) are taken here, once a call is known to be valid, before it changes anything.
#include <optional>
#include <string_view>

#include "services/service.hpp"

namespace chokepoint {

// RequestLimitExceeded, HTTP 503, in the configured wording; marked as a throttle for the counters.
ApiError request_limit_exceeded(const Ec2Settings& settings, std::string_view account, std::string_view action);

// Takes `instances` tokens from the action's resource bucket; RequestLimitExceeded when refused (nothing taken).
std::optional<ApiError> take_instance_tokens(const ApiRequest& request, CallContext& ctx, size_t instances);

}  // namespace chokepoint
