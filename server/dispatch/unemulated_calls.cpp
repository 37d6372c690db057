// The dispatcher's path for AWS calls no emulated service answers: a service Chokepoint does not emulate (S3,
// Lambda, IAM, ...), or an operation of an emulated service it does not answer yet. They are recognised from AWS's
// service models, pass identity, fault rules, the rate buckets and concurrency limits like any call, and are then
// forwarded to the upstream, or refused with a "not emulated" error in the caller's protocol.
#include <spdlog/spdlog.h>

#include "auth/identity_resolver.hpp"
#include "common/strings.hpp"
#include "dispatch/dispatcher.hpp"
#include "dispatch/front_end.hpp"
#include "dispatch/unemulated_answers.hpp"
#include "protocol/response_encoder.hpp"

namespace chokepoint {

namespace {

// The body length the head announces; 0 when it announces none (chunked).
long long announced_body_bytes(const HttpRequest& head) {
  long long length = 0;
  if (const auto value = head.header("content-length")) parse_int64(*value, length);
  return length;
}

// What a call addresses, for fault rules ("bucket/key", a function name): its path labels, joined.
std::string unemulated_resource(const RecognisedCall& call) {
  std::string resource;
  for (const auto& [name, value] : call.labels) {
    if (!resource.empty()) resource.push_back('/');
    resource += value;
  }
  return resource;
}

// The part of the resource that keys per-resource buckets: the first label (S3's bucket).
std::string_view bucket_scope(const RecognisedCall& call) {
  return call.labels.empty() ? std::string_view() : std::string_view(call.labels.front().second);
}

const ConcurrencyLimit* concurrency_limit_for(const Config& config, std::string_view service,
                                              std::string_view operation) {
  const auto it = config.throttling.find(std::string(service));
  if (it == config.throttling.end() || !it->second.concurrency) return nullptr;
  for (const auto& pattern : it->second.concurrency->operations) {
    if (glob_match(pattern, operation)) return &*it->second.concurrency;
  }
  return nullptr;
}

}  // namespace

std::optional<HandlerResult> Dispatcher::handle_head(HttpRequest& head) {
  if (is_control_path(head.path())) return std::nullopt;
  const RequestTimes at{clocks_.wall.now(), clocks_.emulated.now()};
  const std::shared_ptr<const Config> config = config_.get();
  if (!config->upstream.endpoint) return std::nullopt;
  const SigV4Parse signature = parse_sigv4(head);
  const auto* sig = std::get_if<SigV4Signature>(&signature);
  std::optional<RecognisedCall> call = recognise_call(head, aws_, sig ? sig->scope.service : "");
  if (!call || (!sig && call->service->is_rest()) || services_.find(call->service->endpoint_prefix)) {
    return std::nullopt;
  }
  if (announced_body_bytes(head) > config->upstream.max_body_bytes) return std::nullopt;
  HandlerResult result = answer_unemulated(head, *call, signature, config, at);
  with_cross_origin(head, result);
  return result;
}

std::optional<HandlerResult> Dispatcher::handle_unemulated(HttpRequest& http, const SigV4Parse& signature,
                                                           const std::shared_ptr<const Config>& config,
                                                           RequestTimes at) {
  const auto* sig = std::get_if<SigV4Signature>(&signature);
  std::optional<RecognisedCall> call = recognise_call(http, aws_, sig ? sig->scope.service : "");
  // An unsigned request by method and path alone is not taken for an S3 call: GET / stays the endpoint's health
  // check, as on DynamoDB's endpoint. (Presigned URLs carry their scope in the query, so they are signed here.)
  if (!call || (!sig && call->service->is_rest())) return std::nullopt;
  const std::string& name = call->service->endpoint_prefix;
  if (Service* emulated = services_.find(name)) {
    // An operation AWS has and the decoder did not route: a call this emulated service does not answer yet. Calls
    // AWS does not have keep the service's own answer.
    // Malformed calls of emulated operations keep the decoder's own error.
    if (!call->known_operation || emulated->descriptor().has_operation(call->operation)) return std::nullopt;
    const ServiceDescriptor& d = emulated->descriptor();
    const Protocol protocol = answer_protocol(*call->service, call->protocol);
    ApiError error = not_emulated_error(*call->service, call->operation, protocol, true);
    if (protocol == Protocol::kJson10 || protocol == Protocol::kJson11)
      error.json_type = d.json_frontend_prefix + error.code;
    HttpResponse response = encode_error(d, protocol, new_request_id(d), error, at.wall);
    echo_json_media_type(http, d, response);
    return HandlerResult{std::move(response), {}};
  }
  return answer_unemulated(http, *call, signature, config, at);
}

HandlerResult Dispatcher::answer_unemulated(HttpRequest& http, const RecognisedCall& call, const SigV4Parse& signature,
                                            const std::shared_ptr<const Config>& config, RequestTimes at) {
  const ServiceDescriptor& d = unemulated_.at(call.service);
  ApiRequest request;
  request.service = d.name;
  request.operation = call.operation;
  request.protocol = answer_protocol(*call.service, call.protocol);
  request.params = nlohmann::json::object();
  request.request_id = new_request_id(d);
  copy_client_headers(http, request);
  Decision decision;
  auto refuse = [&](ApiError error) {
    return HandlerResult{answer(d, http, request, std::move(error), decision, at), decision.delay};
  };

  auto identity = resolve_identity(*config, sessions_, signature, http, request.protocol, at);
  if (!identity) return refuse(std::move(identity).error());
  request.identity = std::move(*identity);
  const Identity& id = request.identity;

  if (auto refused = unemulated_fault(request, unemulated_resource(call), at.emulated, decision)) {
    return refuse(std::move(*refused));
  }
  if (limiter_.remote()) {
    return admit_unemulated_later(http, *call.service, bucket_scope(call), std::move(request), std::move(decision),
                                  config, at);
  }
  const Admission admission = limiter_.admit_call(*config, id.account_id, id.region, request.service,
                                                  request.operation, {}, at.emulated, bucket_scope(call));
  if (auto refused = unemulated_throttled(request, admission, decision)) return refuse(std::move(*refused));
  return forward_unemulated(http, *call.service, std::move(request), std::move(decision), *config, at);
}

HandlerResult Dispatcher::forward_unemulated(const HttpRequest& http, const AwsService& aws_service,
                                             ApiRequest request, Decision decision, const Config& config,
                                             RequestTimes at) {
  const ServiceDescriptor& d = unemulated_.at(&aws_service);
  auto refuse = [&](ApiError error) {
    return HandlerResult{answer(d, http, request, std::move(error), decision, at), decision.delay};
  };
  const Identity& id = request.identity;
  std::shared_ptr<ConcurrencySlot> slot;
  if (const ConcurrencyLimit* limit = concurrency_limit_for(config, request.service, request.operation)) {
    if (!concurrency_.try_acquire(id.account_id, id.region, request.service, limit->limit)) {
      decision.decided_by = "concurrency";
      ApiError e = concurrency_throttle_error(request.service, request.protocol, limit->reason);
      e.origin = ErrorOrigin::kThrottle;
      return refuse(std::move(e));
    }
    slot = std::make_shared<ConcurrencySlot>(concurrency_, id.account_id, id.region, request.service);
  }
  if (!config.upstream.endpoint)
    return refuse(not_emulated_error(aws_service, request.operation, request.protocol, false));
  return forward(d, std::move(request), std::move(decision), at, config, std::move(slot));
}

std::optional<ApiError> Dispatcher::admit_unemulated(const ApiRequest& request, const std::string& resource,
                                                     std::string_view bucket_key, const Config& config, TimePoint now,
                                                     Decision& decision) {
  if (auto refused = unemulated_fault(request, resource, now, decision)) return refused;
  const Identity& id = request.identity;
  const Admission admission =
      limiter_.admit_call(config, id.account_id, id.region, request.service, request.operation, {}, now, bucket_key);
  return unemulated_throttled(request, admission, decision);
}

std::optional<ApiError> Dispatcher::unemulated_fault(const ApiRequest& request, const std::string& resource,
                                                     TimePoint now, Decision& decision) {
  const Identity& id = request.identity;
  const FaultDecision fault = faults_.evaluate(FaultRequest{request.service, request.operation, id.account_id,
                                                            id.region, request.tag, [&resource] { return resource; }},
                                               now);
  decision.delay = fault.delay;
  if (!fault.rule_id.empty()) decision.decided_by = std::string(kFaultRulePrefix) + fault.rule_id;
  if (!fault.rejects()) return std::nullopt;
  ApiError e = fault.kind == FaultDecision::Kind::kThrottle
                   ? unemulated_throttle_error(request.service, request.protocol)
                   : make_error(fault.error.code, fault.error.message, fault.error.http_status);
  if (e.message.empty()) e.message = "Injected by fault rule " + fault.rule_id;
  e.origin = ErrorOrigin::kFault;
  return e;
}

std::optional<ApiError> Dispatcher::unemulated_throttled(const ApiRequest& request, const Admission& admission,
                                                         Decision& decision) {
  if (admission.admitted) return std::nullopt;
  decision.decided_by = admission.bucket;
  ApiError e = unemulated_throttle_error(request.service, request.protocol);
  e.origin = ErrorOrigin::kThrottle;
  return e;
}

HandlerResult Dispatcher::forward(const ServiceDescriptor& service, ApiRequest request, Decision decision,
                                  RequestTimes at, const Config& config, std::shared_ptr<ConcurrencySlot> slot) {
  auto plan = std::make_shared<ForwardPlan>();
  plan->upstream = *config.upstream.endpoint;
  plan->timeout = std::chrono::milliseconds(config.upstream.timeout_ms);
  const std::string url = config.upstream.url.empty() ? plan->upstream.url() : config.upstream.url;
  plan->unreachable_response = [this, &service, request_id = request.request_id, protocol = request.protocol,
                                name = request.service, operation = request.operation,
                                url](const std::string& problem) {
    logger_->warn("upstream {}: {} {} not forwarded: {}", url, name, operation, problem);
    return encode_error(service, protocol, request_id,
                        upstream_unavailable_error(name, operation, url, problem, protocol), clocks_.wall.now());
  };
  const std::chrono::milliseconds delay = decision.delay;
  plan->done = [this, request = std::move(request), decision = std::move(decision), at,
                slot = std::move(slot)](const ForwardOutcome& outcome) mutable {
    slot.reset();  // the call no longer counts as in flight
    ApiResult result = ApiResponse{};
    if (outcome.status == 0) {
      ApiError unavailable = make_error("ServiceUnavailable", outcome.problem, 503);
      unavailable.origin = ErrorOrigin::kUpstream;
      result = std::move(unavailable);
    } else if (outcome.status >= 400) {
      result = make_error("", "", outcome.status);
    }
    report(request, result, outcome.status == 0 ? 503 : outcome.status, decision, at);
  };
  HandlerResult result;
  result.delay = delay;
  result.forward = std::move(plan);
  return result;
}

}  // namespace chokepoint
