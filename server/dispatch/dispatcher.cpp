#include "dispatch/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include "auth/identity_resolver.hpp"
#include "common/time_format.hpp"
#include "dispatch/front_end.hpp"
#include "dispatch/unemulated_answers.hpp"
#include "protocol/content_encoding.hpp"
#include "protocol/request_decoder.hpp"
#include "protocol/response_encoder.hpp"

namespace chokepoint {

namespace {

Outcome outcome_of(const ApiResult& result) {
  const auto* error = std::get_if<ApiError>(&result);
  if (!error) return Outcome::kOk;
  switch (error->origin) {
    case ErrorOrigin::kThrottle:
      return Outcome::kThrottled;
    case ErrorOrigin::kFault:
      return Outcome::kFault;
    case ErrorOrigin::kUpstream:
      return Outcome::kUpstreamError;
    case ErrorOrigin::kService:
    case ErrorOrigin::kAuth:
      break;
  }
  return Outcome::kError;
}

FaultRequest fault_request(const Service& service, const ApiRequest& request) {
  const Identity& id = request.identity;
  return FaultRequest{request.service, request.operation,
                      id.account_id,   id.region,
                      request.tag,     [&service, &request] { return service.resource_of(request); }};
}

// Faults answer through the same encoder as real errors: a throttle fault is the service's own throttling
// error, byte for byte; only the outcome tells them apart.
ApiError fault_error(const Service& service, const ApiRequest& request, const CallContext& ctx,
                     const FaultDecision& fault) {
  ApiError e = fault.kind == FaultDecision::Kind::kThrottle
                   ? service.throttle_error(request, ctx)
                   : make_error(fault.error.code, fault.error.message, fault.error.http_status);
  // A rule that gives no message still says where the error came from (EC2's body always carries a Message).
  if (e.message.empty()) e.message = "Injected by fault rule " + fault.rule_id;
  e.origin = ErrorOrigin::kFault;
  return e;
}

// The request as the decoder must see it: a gzip body inflated (the signature covers the bytes as sent, so the
// original stays as it is for identity), or an error when it cannot be inflated.
struct DecodableRequest {
  std::optional<HttpRequest> inflated;
  std::optional<ApiError> error;
  const HttpRequest& get(const HttpRequest& original) const { return inflated ? *inflated : original; }
};

DecodableRequest decodable(const HttpRequest& http, long long max_body_bytes) {
  DecodableRequest out;
  const auto encoding = http.header("content-encoding");
  if (!encoding || !is_gzip_encoding(*encoding)) return out;
  Inflated body = gunzip(http.body, static_cast<size_t>(std::max(0LL, max_body_bytes)));
  out.inflated = http;
  out.inflated->body = std::move(body.body);
  if (body.status == InflateStatus::kTooLarge) {
    out.error =
        make_error("RequestEntityTooLarge",
                   "Request body exceeds " + std::to_string(max_body_bytes) + " bytes after decompression", 413);
  } else if (body.status == InflateStatus::kCorrupt) {
    out.error = make_error("SerializationException", "The request body is not valid gzip (Content-Encoding: gzip)");
  }
  return out;
}

ServiceDescriptor make_front_end() {
  ServiceDescriptor d;
  d.name = "front-end";
  d.protocol = Protocol::kJson10;
  d.json_frontend_prefix = "com.amazon.coral.service#";
  d.json_error_prefix = "com.amazon.coral.service#";
  d.request_id_style = RequestIdStyle::kDynamoDb;
  d.send_crc32 = true;
  return d;
}

}  // namespace

ApiError Dispatcher::internal_error(Protocol protocol) {
  ApiError e;
  e.http_status = 500;
  switch (protocol) {
    case Protocol::kJson10:
    case Protocol::kJson11:
    case Protocol::kRestJson:
      e.code = "InternalServerError";
      e.message = "Internal server error";
      break;
    case Protocol::kEc2:
      e.code = "InternalError";
      e.message = "An internal error has occurred";
      break;
    case Protocol::kRestXml:
      e.code = "InternalError";
      e.message = "We encountered an internal error. Please try again.";
      break;
    case Protocol::kQuery:
      e.code = "InternalFailure";
      e.message = "An internal error has occurred";
      break;
  }
  return e;
}

Dispatcher::Dispatcher(ConfigHolder& config, ServiceRegistry& services, RateLimiter& limiter, FaultEngine& faults,
                       Clocks clocks, const SessionCredentials& sessions, IdGenerator& ids, ControlHandler& admin,
                       const AwsCatalog& aws, std::shared_ptr<spdlog::logger> logger)
    : config_(config),
      services_(services),
      limiter_(limiter),
      faults_(faults),
      clocks_(clocks),
      sessions_(sessions),
      ids_(ids),
      admin_(admin),
      logger_(std::move(logger)),
      front_end_(make_front_end()),
      aws_(aws) {
  for (const AwsService& service : aws_.services()) {
    unemulated_.emplace(&service, unemulated_descriptor(service, service.endpoint_prefix));
  }
}

void Dispatcher::copy_client_headers(const HttpRequest& http, ApiRequest& request) {
  request.tag = std::string(http.header("x-chokepoint-tag").value_or(""));
  request.invocation_id = std::string(http.header("amz-sdk-invocation-id").value_or(""));
  request.sdk_request = std::string(http.header("amz-sdk-request").value_or(""));
  request.user_agent = std::string(http.header("user-agent").value_or(""));
  request.body_digest = std::hash<std::string_view>{}(http.body);
}

std::string Dispatcher::new_request_id(const ServiceDescriptor& service) {
  return service.request_id_style == RequestIdStyle::kDynamoDb ? ids_.upper_alnum(52) : ids_.uuid();
}

HandlerResult Dispatcher::handle(HttpRequest& request) {
  const RequestTimes at{clocks_.wall.now(), clocks_.emulated.now()};
  if (is_cors_preflight(request)) return HandlerResult{cors_preflight(request, new_request_id(front_end_)), {}};
  HandlerResult result = is_control_path(request.path()) ? HandlerResult{admin_.handle(request, at.emulated), {}}
                                                         : handle_api(request, at);
  with_cross_origin(request, result);
  return result;
}

HandlerResult Dispatcher::handle_api(HttpRequest& http, RequestTimes at) {
  const std::shared_ptr<const Config> config = config_.get();
  const SigV4Parse signature = parse_sigv4(http);
  const auto* sig = std::get_if<SigV4Signature>(&signature);
  const DecodableRequest body = decodable(http, config->server.max_body_bytes);
  // Every forwarded JSON call comes this way: skip the decode that would fail before handle_unemulated below.
  if (!body.error && targets_no_emulated_service(http, services_.catalog())) {
    if (auto unemulated = handle_unemulated(http, signature, config, at)) return std::move(*unemulated);
  }
  DecodeResult decoded = decode_request(body.get(http), services_.catalog(), sig ? sig->scope.service : "");
  if (body.error) return HandlerResult{reject_undecodable(decoded, *body.error, at.wall), {}};

  if (auto* failure = std::get_if<DecodeFailure>(&decoded)) {
    if (auto unemulated = handle_unemulated(http, signature, config, at)) return std::move(*unemulated);
    if (failure->not_an_api_call) {
      return HandlerResult{not_an_api_call_response(http, new_request_id(front_end_), config->default_region, at.wall),
                           {}};
    }
    HttpResponse response = reject_undecodable(decoded, failure->error, at.wall);
    if (failure->service) echo_json_media_type(http, *failure->service, response);
    return HandlerResult{std::move(response), {}};
  }

  auto& call = std::get<DecodedCall>(decoded);
  ApiRequest request;
  request.service = call.service->name;
  request.operation = std::move(call.operation);
  request.protocol = call.protocol;
  request.params = std::move(call.params);
  request.request_id = new_request_id(*call.service);
  copy_client_headers(http, request);

  ApiResult result = [&]() -> ApiResult {
    auto identity = resolve_identity(*config, sessions_, signature, http, request.protocol, at,
                                     call.service->serves_unsigned(request.operation));
    if (!identity) return std::move(identity).error();
    request.identity = std::move(*identity);
    if (call.empty_body && call.service->owns_default_front_end) return empty_body_error(*call.service);
    return ApiResponse{};
  }();
  Decision decision;
  Service& service = *services_.find(request.service);
  if (!is_error(result) && limiter_.remote()) {
    return admit_emulated_later(service, *call.service, http, std::move(request), config, at);
  }
  if (!is_error(result) && config->upstream.endpoint && config->upstream.forwards(request.service)) {
    // Chokepoint only throttles this service: admitted calls go to the upstream.
    CallContext ctx{at.emulated, *config, limiter_, ids_, this, metric_sink_};
    if (auto refused = admit(service, request, ctx, decision)) {
      result = std::move(*refused);
    } else {
      return forward(*call.service, std::move(request), std::move(decision), at, *config, nullptr);
    }
  } else if (!is_error(result)) {
    result = admit_and_run(service, request, *config, at.emulated, decision);
  }
  HttpResponse response = answer(*call.service, http, request, std::move(result), decision, at);
  return HandlerResult{std::move(response), decision.delay};
}

HttpResponse Dispatcher::answer(const ServiceDescriptor& service, const HttpRequest& http, const ApiRequest& request,
                                ApiResult result, const Decision& decision, RequestTimes at) {
  HttpResponse response =
      std::holds_alternative<ApiResponse>(result)
          ? encode_success(service, request.protocol, request.operation, request.request_id,
                           std::move(std::get<ApiResponse>(result)), at.wall)
          : encode_error(service, request.protocol, request.request_id, std::get<ApiError>(result), at.wall);
  echo_json_media_type(http, service, response);
  report(request, result, response.status, decision, at);
  return response;
}

// Requests that never reach a service: answered in the shape of the service they were meant for, when known.
HttpResponse Dispatcher::reject_undecodable(const DecodeResult& decoded, const ApiError& error, TimePoint wall_now) {
  const ServiceDescriptor* service = nullptr;
  Protocol protocol = front_end_.protocol;
  if (const auto* call = std::get_if<DecodedCall>(&decoded)) {
    service = call->service;
    protocol = call->protocol;
  } else if (const auto* failure = std::get_if<DecodeFailure>(&decoded)) {
    service = failure->service;
    protocol = failure->protocol.value_or(protocol);
  }
  if (!service) return encode_error(front_end_, new_request_id(front_end_), error, wall_now);
  return encode_error(*service, protocol, new_request_id(*service), error, wall_now);
}

ApiResult Dispatcher::admit_and_run(Service& service, const ApiRequest& request, const Config& config, TimePoint now,
                                    Decision& decision) {
  CallContext ctx{now, config, limiter_, ids_, this, metric_sink_};
  ApiResult result = admit_and_run(service, request, ctx, decision);
  decision.consumed_read_units = ctx.consumed.read_units;
  decision.consumed_write_units = ctx.consumed.write_units;
  decision.table = std::move(ctx.consumed.table);
  return result;
}

std::optional<ApiError> Dispatcher::admit(Service& service, const ApiRequest& request, CallContext& ctx,
                                          Decision& decision) {
  if (auto refused = admit_faults(service, request, ctx, decision)) return refused;
  const Identity& id = request.identity;
  // The resource keys the buckets of groups kept per resource (a DynamoDB Streams shard's GetRecords).
  const Admission admission = limiter_.admit_call(ctx.config, id.account_id, id.region, request.service,
                                                  request.operation, service.rate_variant(request, ctx), ctx.now,
                                                  service.resource_of(request));
  return throttled(service, request, ctx, decision, admission);
}

std::optional<ApiError> Dispatcher::admit_faults(Service& service, const ApiRequest& request, CallContext& ctx,
                                                 Decision& decision) {
  const FaultDecision fault = faults_.evaluate(fault_request(service, request), ctx.now);
  decision.delay = fault.delay;
  if (!fault.rule_id.empty()) decision.decided_by = std::string(kFaultRulePrefix) + fault.rule_id;
  if (fault.rejects()) return fault_error(service, request, ctx, fault);
  return std::nullopt;
}

std::optional<ApiError> Dispatcher::throttled(Service& service, const ApiRequest& request, CallContext& ctx,
                                              Decision& decision, const Admission& admission) {
  if (admission.admitted) return std::nullopt;
  decision.decided_by = admission.bucket;
  ApiError throttled = service.throttle_error(request, ctx);
  throttled.origin = ErrorOrigin::kThrottle;
  return throttled;
}

ApiResult Dispatcher::admit_and_run(Service& service, const ApiRequest& request, CallContext& ctx, Decision& decision) {
  try {
    if (auto refused = admit(service, request, ctx, decision)) return std::move(*refused);
    return service.handle(request, ctx);
  } catch (const std::exception& e) {
    logger_->error("{} {}: unexpected failure: {}", request.service, request.operation, e.what());
    return internal_error(request.protocol);
  }
}

ApiResult Dispatcher::call(ApiRequest request, TimePoint now) {
  Service* service = services_.find(request.service);
  if (!service && unemulated_service(request.service)) return call_upstream(std::move(request), now);
  if (!service || !service->descriptor().has_operation(request.operation)) {
    ApiError e;
    e.code = "InvalidAction";
    e.message = "Unknown operation " + request.service + "." + request.operation;
    return e;
  }
  request.protocol = service->descriptor().protocol;
  if (request.request_id.empty()) request.request_id = new_request_id(service->descriptor());
  const std::shared_ptr<const Config> config = config_.get();
  Decision decision;
  ApiResult result = admit_and_run(*service, request, *config, now, decision);
  decision.delay = {};  // internal calls have no response to hold back
  report(request, result, is_error(result) ? std::get<ApiError>(result).http_status : 200, decision,
         RequestTimes{clocks_.wall.now(), now});
  return result;
}

void Dispatcher::report(const ApiRequest& request, const ApiResult& result, int status, const Decision& decision,
                        RequestTimes start) {
  const Outcome outcome = outcome_of(result);
  const auto* error = std::get_if<ApiError>(&result);
  if (logger_->should_log(spdlog::level::debug)) {
    logger_->debug("{} {}.{} account={} region={} -> {} {}", request.request_id, request.service, request.operation,
                   request.identity.account_id, request.identity.region, status, error ? error->code : "");
  }
  if (observers_.empty()) return;
  RequestRecord record;
  record.time = start.emulated;
  record.wall_time = start.wall;
  record.service = request.service;
  record.operation = request.operation;
  record.account = request.identity.account_id;
  record.region = request.identity.region;
  record.access_key = request.identity.access_key;
  record.outcome = outcome;
  record.http_status = status;
  record.error_code = error ? error->code : "";
  record.decided_by = decision.decided_by;
  record.request_id = request.request_id;
  record.invocation_id = request.invocation_id;
  record.sdk_request = request.sdk_request;
  record.user_agent = request.user_agent;
  record.tag = request.tag;
  record.body_digest = request.body_digest;
  record.internal = request.internal;
  record.duration_ms = std::chrono::duration<double, std::milli>(clocks_.wall.now() - start.wall).count();
  record.held_ms = static_cast<double>(decision.delay.count());
  record.consumed_read_units = decision.consumed_read_units;
  record.consumed_write_units = decision.consumed_write_units;
  record.table = decision.table;
  for (auto* observer : observers_) observer->on_request(record);
}

}  // namespace chokepoint
