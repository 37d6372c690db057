// The dispatcher's path when the API rate buckets live in a store several replicas share (throttling.store: a
// Redis URL). Everything before the bucket's take runs as on the in-process path: decoding, identity, fault rules.
// The take goes to the store without blocking the thread, and the rest (the handler or the forwarding, the
// answer, the report) runs when the store answers, on the connection's thread: the result says `later`.
// Internal calls (ApiCaller::call, CloudFormation's provisioning) keep the synchronous path, and with it the
// replica's own buckets: they wait for nothing.
#include <spdlog/spdlog.h>

#include "dispatch/dispatcher.hpp"
#include "dispatch/front_end.hpp"
#include "dispatch/unemulated_answers.hpp"

namespace chokepoint {

// What a call whose bucket take is under way keeps until the store answers.
struct Dispatcher::PendingCall {
  ApiRequest request;
  std::shared_ptr<const Config> config;
  RequestTimes at;
  Decision decision;
};

void Dispatcher::with_cross_origin(const HttpRequest& request, HandlerResult& result) {
  if (!result.later) return allow_cross_origin(request, result.response);
  if (!request.header("origin")) return;
  // http/ keeps `request` in place until the later result has been given.
  result.later = [later = std::move(result.later), &request](HandlerResultDone done) {
    later([&request, done = std::move(done)](HandlerResult answer) {
      allow_cross_origin(request, answer.response);
      done(std::move(answer));
    });
  };
}

HandlerResult Dispatcher::admit_emulated_later(Service& service, const ServiceDescriptor& descriptor,
                                               const HttpRequest& http, ApiRequest request,
                                               std::shared_ptr<const Config> config, RequestTimes at) {
  auto pending = std::make_shared<PendingCall>(PendingCall{std::move(request), std::move(config), at, {}});
  const ApiRequest& r = pending->request;
  CallContext ctx{at.emulated, *pending->config, limiter_, ids_, this, metric_sink_};
  std::optional<ApiError> refused;
  std::string variant, resource;
  try {
    refused = admit_faults(service, r, ctx, pending->decision);
    if (!refused) {
      variant = service.rate_variant(r, ctx);
      resource = service.resource_of(r);
    }
  } catch (const std::exception& e) {
    logger_->error("{} {}: unexpected failure: {}", r.service, r.operation, e.what());
    refused = internal_error(r.protocol);
  }
  if (refused) {
    HttpResponse response = answer(descriptor, http, r, std::move(*refused), pending->decision, at);
    return HandlerResult{std::move(response), pending->decision.delay};
  }
  HandlerResult result;
  result.later = [this, &service, &descriptor, &http, pending, variant = std::move(variant),
                  resource = std::move(resource)](HandlerResultDone done) {
    const ApiRequest& call = pending->request;
    const Identity& id = call.identity;
    limiter_.admit_call_async(*pending->config, id.account_id, id.region, call.service, call.operation, variant,
                              pending->at.emulated, resource,
                              [this, &service, &descriptor, &http, pending, done](const Admission& admission) {
                                done(finish_emulated(service, descriptor, http, *pending, admission));
                              });
  };
  return result;
}

HandlerResult Dispatcher::finish_emulated(Service& service, const ServiceDescriptor& descriptor,
                                          const HttpRequest& http, PendingCall& call, const Admission& admission) {
  const Config& config = *call.config;
  ApiRequest& request = call.request;
  Decision& decision = call.decision;
  CallContext ctx{call.at.emulated, config, limiter_, ids_, this, metric_sink_};
  const bool forwards = config.upstream.endpoint && config.upstream.forwards(request.service);
  ApiResult result = [&]() -> ApiResult {
    try {
      if (auto refused = throttled(service, request, ctx, decision, admission)) return std::move(*refused);
      if (forwards) return ApiResponse{};
      return service.handle(request, ctx);
    } catch (const std::exception& e) {
      logger_->error("{} {}: unexpected failure: {}", request.service, request.operation, e.what());
      return internal_error(request.protocol);
    }
  }();
  if (forwards && !is_error(result)) {
    return forward(descriptor, std::move(request), std::move(decision), call.at, config, nullptr);
  }
  decision.consumed_read_units = ctx.consumed.read_units;
  decision.consumed_write_units = ctx.consumed.write_units;
  decision.table = std::move(ctx.consumed.table);
  HttpResponse response = answer(descriptor, http, request, std::move(result), decision, call.at);
  return HandlerResult{std::move(response), decision.delay};
}

HandlerResult Dispatcher::admit_unemulated_later(const HttpRequest& http, const AwsService& aws_service,
                                                 std::string_view bucket_key, ApiRequest request, Decision decision,
                                                 std::shared_ptr<const Config> config, RequestTimes at) {
  auto pending =
      std::make_shared<PendingCall>(PendingCall{std::move(request), std::move(config), at, std::move(decision)});
  HandlerResult result;
  result.later = [this, &http, &aws_service, pending, bucket = std::string(bucket_key)](HandlerResultDone done) {
    const ApiRequest& call = pending->request;
    const Identity& id = call.identity;
    limiter_.admit_call_async(
        *pending->config, id.account_id, id.region, call.service, call.operation, {}, pending->at.emulated, bucket,
        [this, &http, &aws_service, pending, done](const Admission& admission) {
          PendingCall& p = *pending;
          if (auto refused = unemulated_throttled(p.request, admission, p.decision)) {
            const ServiceDescriptor& d = unemulated_.at(&aws_service);
            HttpResponse response = answer(d, http, p.request, std::move(*refused), p.decision, p.at);
            return done(HandlerResult{std::move(response), p.decision.delay});
          }
          done(forward_unemulated(http, aws_service, std::move(p.request), std::move(p.decision), *p.config, p.at));
        });
  };
  return result;
}

}  // namespace chokepoint
