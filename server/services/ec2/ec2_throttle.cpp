#include "services/ec2/ec2_throttle.hpp"

namespace chokepoint {

ApiError request_limit_exceeded(const Ec2Settings& settings, std::string_view account, std::string_view action) {
  ApiError e = make_error("RequestLimitExceeded", "Request limit exceeded.", 503);
  if (settings.throttle_message == Ec2ThrottleMessage::kDetailed) {
    e.message += " Account " + std::string(account) + " has been throttled on ec2:" + std::string(action) +
                 " because it exceeded its request rate limit.";
  }
  e.origin = ErrorOrigin::kThrottle;
  return e;
}

std::optional<ApiError> take_instance_tokens(const ApiRequest& request, CallContext& ctx, size_t instances) {
  if (instances == 0) return std::nullopt;
  const Identity& id = request.identity;
  const Admission admission = ctx.limiter.take_resource(ctx.config, id.account_id, id.region, request.service,
                                                        request.operation, static_cast<double>(instances), ctx.now);
  if (admission.admitted) return std::nullopt;
  return request_limit_exceeded(ctx.config.ec2, id.account_id, request.operation);
}

}  // namespace chokepoint
