#include "dispatch/front_end.hpp"

#include <zlib.h>

#include "common/time_format.hpp"
#include "protocol/request_decoder.hpp"

namespace chokepoint {

bool is_control_path(std::string_view path) {
  return path.rfind("/_chokepoint/", 0) == 0 || path.rfind("/_localstack/", 0) == 0;
}

namespace {

// The response headers AWS's JSON front ends let a browser page read, on preflight and actual answers alike
// (observed on AWS JSON-protocol endpoints' CORS answers, e.g. ACM's and Cognito's).
constexpr const char* kExposedHeaders = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";

std::string crc32_of(const std::string& body) {
  return std::to_string(crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
}
}  // namespace

bool is_cors_preflight(const HttpRequest& request) {
  return request.method == "OPTIONS" && request.header("origin");
}

HttpResponse cors_preflight(const HttpRequest& request, const std::string& request_id) {
  HttpResponse r;
  r.headers.emplace_back("x-amzn-RequestId", request_id);
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  if (const auto headers = request.header("access-control-request-headers")) {
    r.headers.emplace_back("Access-Control-Allow-Headers", std::string(*headers));
  }
  if (const auto method = request.header("access-control-request-method")) {
    r.headers.emplace_back("Access-Control-Allow-Methods", std::string(*method));
  }
  r.headers.emplace_back("Access-Control-Expose-Headers", kExposedHeaders);
  r.headers.emplace_back("Access-Control-Max-Age", "172800");
  return r;
}

void allow_cross_origin(const HttpRequest& request, HttpResponse& response) {
  if (!request.header("origin")) return;
  response.set_header("Access-Control-Allow-Origin", "*");
  response.set_header("Access-Control-Expose-Headers", kExposedHeaders);
}

HttpResponse not_an_api_call_response(const HttpRequest& request, const std::string& request_id,
                                      const std::string& region, TimePoint now) {
  HttpResponse r;
  r.headers.emplace_back("x-amzn-RequestId", request_id);
  r.headers.emplace_back("Date", rfc1123(now));
  if (request.method == "GET" && request.path() == "/") {
    // DynamoDB names the host it was reached at; the trailing space is DynamoDB's too.
    const auto host = request.header("host");
    r.body = "healthy: " + (host && !host->empty() ? std::string(*host) : "dynamodb." + region + ".amazonaws.com") + " ";
    r.headers.emplace_back("Content-Type", "text/plain");
  } else {
    r.status = 404;
    r.body = "<UnknownOperationException/>\n";
    r.headers.emplace_back("Content-Type", "text/xml");
  }
  r.headers.emplace_back("x-amz-crc32", crc32_of(r.body));
  return r;
}

void echo_json_media_type(const HttpRequest& request, const ServiceDescriptor& service, HttpResponse& response) {
  if (!service.owns_default_front_end) return;
  if (media_type(request.header("content-type").value_or("")) != "application/x-amz-json-1.0") {
    response.set_header("Content-Type", "application/json");
  }
}

ApiError empty_body_error(const ServiceDescriptor& service) {
  ApiError e;
  e.code = "SerializationException";
  e.json_type = service.json_frontend_prefix + e.code;
  return e;
}

}  // namespace chokepoint
