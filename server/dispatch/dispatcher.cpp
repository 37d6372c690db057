#include "dispatch/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include "auth/identity_resolver.hpp"
#include "common/time_format.hpp"
#include "dispatch/front_end.hpp"
#include "protocol/request_decoder.hpp"
#include "protocol/response_encoder.hpp"

namespace chokepoint {

namespace {

bool is_admin_path(std::string_view path) {
  return path.rfind("/_chokepoint/", 0) == 0 || path.rfind("/_localstack/", 0) == 0;
}

ApiError internal_error(Protocol protocol) {
  ApiError e;
  e.http_status = 500;
  switch (protocol) {
    case Protocol::kJson10:
    case Protocol::kJson11:
      e.code = "InternalServerError";
      e.message = "Internal server error";
      break;
    case Protocol::kEc2:
      e.code = "InternalError";
      e.message = "An internal error has occurred";
      break;
    case Protocol::kQuery:
      e.code = "InternalFailure";
      e.message = "An internal error has occurred";
      break;
  }
  return e;
}

Outcome outcome_of(const ApiResult& result) {
  const auto* error = std::get_if<ApiError>(&result);
  if (!error) return Outcome::kOk;
  if (error->outcome_reason == "throttle") return Outcome::kThrottled;
  if (error->outcome_reason == "fault") return Outcome::kFault;
  return Outcome::kError;
}

void copy_client_headers(const HttpRequest& http, ApiRequest& request) {
  request.tag = std::string(http.header("x-chokepoint-tag").value_or(""));
  request.invocation_id = std::string(http.header("amz-sdk-invocation-id").value_or(""));
  request.sdk_request = std::string(http.header("amz-sdk-request").value_or(""));
  request.user_agent = std::string(http.header("user-agent").value_or(""));
}

FaultRequest fault_request(const Service& service, const ApiRequest& request) {
  const Identity& id = request.identity;
  return FaultRequest{request.service, request.operation, id.account_id, id.region, request.tag,
                      [&service, &request] { return service.resource_of(request); }};
}

// Faults answer through the same encoder as real errors: a throttle fault is the service's own throttling
// error, byte for byte; only the outcome tells them apart.
ApiError fault_error(const Service& service, const ApiRequest& request, const CallContext& ctx,
                     const FaultDecision& fault) {
  ApiError e = fault.kind == FaultDecision::Kind::kThrottle
                   ? service.throttle_error(request, ctx)
                   : make_error(fault.error.code, fault.error.message, fault.error.http_status);
  e.outcome_reason = "fault";
  return e;
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

Dispatcher::Dispatcher(ConfigHolder& config, ServiceRegistry& services, RateLimiter& limiter, FaultEngine& faults,
                       Clock& clock, IdGenerator& ids, AdminApi& admin, std::shared_ptr<spdlog::logger> logger)
    : config_(config),
      services_(services),
      limiter_(limiter),
      faults_(faults),
      clock_(clock),
      ids_(ids),
      admin_(admin),
      logger_(std::move(logger)),
      front_end_(make_front_end()) {}

std::string Dispatcher::new_request_id(const ServiceDescriptor& service) {
  return service.request_id_style == RequestIdStyle::kDynamoDb ? ids_.upper_alnum(52) : ids_.uuid();
}

HandlerResult Dispatcher::handle(HttpRequest& request) {
  const TimePoint now = clock_.now();
  if (auto preflight = cors_preflight(request, new_request_id(front_end_))) return HandlerResult{std::move(*preflight), {}};
  HandlerResult result =
      is_admin_path(request.path()) ? HandlerResult{admin_.handle(request, now), {}} : handle_api(request, now);
  allow_cross_origin(request, result.response);
  return result;
}

HandlerResult Dispatcher::handle_api(HttpRequest& http, TimePoint now) {
  const std::shared_ptr<const Config> config = config_.get();
  const SigV4Parse signature = parse_sigv4(http);
  const auto* sig = std::get_if<SigV4Signature>(&signature);
  DecodeResult decoded = decode_request(http, services_.catalog(), sig ? sig->scope.service : "");

  if (auto* failure = std::get_if<DecodeFailure>(&decoded)) {
    if (failure->not_an_api_call) {
      return HandlerResult{not_an_api_call_response(http, new_request_id(front_end_), config->default_region, now), {}};
    }
    const ServiceDescriptor& service = failure->service ? *failure->service : front_end_;
    HttpResponse response = encode_error(service, new_request_id(service), failure->error, now);
    echo_json_media_type(http, service, response);
    return HandlerResult{std::move(response), {}};
  }

  auto& call = std::get<DecodedCall>(decoded);
  ApiRequest request;
  request.service = call.service->name;
  request.operation = std::move(call.operation);
  request.protocol = call.service->protocol;
  request.params = std::move(call.params);
  request.request_id = new_request_id(*call.service);
  copy_client_headers(http, request);

  ApiResult result = [&]() -> ApiResult {
    auto identity = resolve_identity(*config, signature, http, request.protocol, now);
    if (auto* error = std::get_if<ApiError>(&identity)) return std::move(*error);
    request.identity = std::move(std::get<Identity>(identity));
    if (call.empty_body && call.service->owns_default_front_end) return empty_body_error(*call.service);
    return ApiResponse{};
  }();
  std::string decided_by;
  std::chrono::milliseconds delay{0};
  if (!is_error(result)) {
    result = admit_and_run(*services_.find(request.service), request, *config, now, decided_by, delay);
  }

  HttpResponse response =
      std::holds_alternative<ApiResponse>(result)
          ? encode_success(*call.service, request.operation, request.request_id, std::get<ApiResponse>(result), now)
          : encode_error(*call.service, request.request_id, std::get<ApiError>(result), now);
  echo_json_media_type(http, *call.service, response);
  report(request, result, response.status, decided_by, now);
  return HandlerResult{std::move(response), delay};
}

ApiResult Dispatcher::admit_and_run(Service& service, const ApiRequest& request, const Config& config,
                                    TimePoint now, std::string& decided_by, std::chrono::milliseconds& delay) {
  CallContext ctx{now, config, limiter_, ids_, this};
  try {
    const FaultDecision fault = faults_.evaluate(fault_request(service, request), now);
    delay = fault.delay;
    if (!fault.rule_id.empty()) decided_by = "fault:" + fault.rule_id;
    if (fault.rejects()) return fault_error(service, request, ctx, fault);
    const Identity& id = request.identity;
    const Admission admission = limiter_.admit_call(config, id.account_id, id.region, request.service,
                                                    request.operation, service.rate_variant(request, ctx), now);
    if (!admission.admitted) {
      decided_by = admission.bucket;
      ApiError throttled = service.throttle_error(request, ctx);
      throttled.outcome_reason = "throttle";
      return throttled;
    }
    return service.handle(request, ctx);
  } catch (const std::exception& e) {
    logger_->error("{} {}: unexpected failure: {}", request.service, request.operation, e.what());
    return internal_error(request.protocol);
  }
}

ApiResult Dispatcher::call(ApiRequest request, TimePoint now) {
  Service* service = services_.find(request.service);
  if (!service || !service->descriptor().has_operation(request.operation)) {
    ApiError e;
    e.code = "InvalidAction";
    e.message = "Unknown operation " + request.service + "." + request.operation;
    return e;
  }
  request.protocol = service->descriptor().protocol;
  if (request.request_id.empty()) request.request_id = new_request_id(service->descriptor());
  const std::shared_ptr<const Config> config = config_.get();
  std::string decided_by;
  std::chrono::milliseconds delay{0};  // internal calls have no response to hold back
  ApiResult result = admit_and_run(*service, request, *config, now, decided_by, delay);
  report(request, result, is_error(result) ? std::get<ApiError>(result).http_status : 200, decided_by, now);
  return result;
}

void Dispatcher::report(const ApiRequest& request, const ApiResult& result, int status,
                        const std::string& decided_by, TimePoint start) {
  const Outcome outcome = outcome_of(result);
  const auto* error = std::get_if<ApiError>(&result);
  if (logger_->should_log(spdlog::level::debug)) {
    logger_->debug("{} {}.{} account={} region={} -> {} {}", request.request_id, request.service, request.operation,
                   request.identity.account_id, request.identity.region, status, error ? error->code : "");
  }
  if (observers_.empty()) return;
  RequestRecord record;
  record.time = start;
  record.service = request.service;
  record.operation = request.operation;
  record.account = request.identity.account_id;
  record.region = request.identity.region;
  record.access_key = request.identity.access_key;
  record.outcome = outcome;
  record.http_status = status;
  record.error_code = error ? error->code : "";
  record.decided_by = decided_by;
  record.request_id = request.request_id;
  record.invocation_id = request.invocation_id;
  record.sdk_request = request.sdk_request;
  record.user_agent = request.user_agent;
  record.tag = request.tag;
  record.duration_ms = std::chrono::duration<double, std::milli>(clock_.now() - start).count();
  for (auto* observer : observers_) observer->on_request(record);
}

}  // namespace chokepoint
