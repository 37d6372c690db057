#include "dispatch/dispatcher.hpp"

#include <spdlog/spdlog.h>
#include <zlib.h>

#include "auth/identity_resolver.hpp"
#include "common/time_format.hpp"
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

Dispatcher::Dispatcher(ConfigHolder& config, ServiceRegistry& services, RateLimiter& limiter, Clock& clock,
                       IdGenerator& ids, AdminApi& admin, std::shared_ptr<spdlog::logger> logger)
    : config_(config),
      services_(services),
      limiter_(limiter),
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
  if (is_admin_path(request.path())) return HandlerResult{admin_.handle(request, now), {}};
  return handle_api(request, now);
}

// Requests that are neither JSON nor form calls get what DynamoDB's front end answers: 200 on GET /,
// else 404 with an UnknownOperationException stub.
HttpResponse Dispatcher::front_end_response(const HttpRequest& request, TimePoint now) {
  HttpResponse r;
  const std::string request_id = new_request_id(front_end_);
  r.headers.emplace_back("x-amzn-RequestId", request_id);
  r.headers.emplace_back("Date", rfc1123(now));
  if (request.method == "GET" && request.path() == "/") {
    r.status = 200;
    r.body = "healthy: dynamodb." + config_.get()->default_region + ".amazonaws.com ";
    r.headers.emplace_back("Content-Type", "text/plain");
  } else {
    r.status = 404;
    r.body = "<UnknownOperationException/>\n";
    r.headers.emplace_back("Content-Type", "text/xml");
  }
  const auto crc = crc32(0L, reinterpret_cast<const Bytef*>(r.body.data()), static_cast<uInt>(r.body.size()));
  r.headers.emplace_back("x-amz-crc32", std::to_string(crc));
  return r;
}

HandlerResult Dispatcher::handle_api(HttpRequest& http, TimePoint now) {
  const std::shared_ptr<const Config> config = config_.get();
  const SigV4Parse signature = parse_sigv4(http);
  const auto* sig = std::get_if<SigV4Signature>(&signature);
  DecodeResult decoded = decode_request(http, services_.catalog(), sig ? sig->scope.service : "");

  if (auto* failure = std::get_if<DecodeFailure>(&decoded)) {
    if (failure->not_an_api_call) return HandlerResult{front_end_response(http, now), {}};
    const ServiceDescriptor& service = failure->service ? *failure->service : front_end_;
    return HandlerResult{encode_error(service, new_request_id(service), failure->error, now), {}};
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
    return ApiResponse{};
  }();
  std::string decided_by;
  if (!is_error(result)) {
    result = admit_and_run(*services_.find(request.service), request, *config, now, decided_by);
  }

  HttpResponse response =
      std::holds_alternative<ApiResponse>(result)
          ? encode_success(*call.service, request.operation, request.request_id, std::get<ApiResponse>(result), now)
          : encode_error(*call.service, request.request_id, std::get<ApiError>(result), now);
  report(request, result, response.status, decided_by, now);
  return HandlerResult{std::move(response), {}};
}

ApiResult Dispatcher::admit_and_run(Service& service, const ApiRequest& request, const Config& config,
                                    TimePoint now, std::string& decided_by) {
  CallContext ctx{now, config, limiter_, ids_, this};
  try {
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
  ApiResult result = admit_and_run(*service, request, *config, now, decided_by);
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
