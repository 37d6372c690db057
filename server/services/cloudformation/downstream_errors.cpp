#include "services/cloudformation/downstream_errors.hpp"

#include <array>
#include <cctype>

namespace chokepoint {

namespace {

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

bool is_throttling_error(const ApiError& error) {
  static constexpr std::array<std::string_view, 8> kCodes = {
      "ThrottlingException", "Throttling", "RequestLimitExceeded", "TooManyRequestsException",
      "RequestThrottled",    "SlowDown",   "ThrottledException",   "RequestThrottledException"};
  if (error.origin == ErrorOrigin::kThrottle) return true;
  for (auto code : kCodes) {
    if (error.code == code) return true;
  }
  return false;
}

const ApiError* error_of(const CallOutcome& outcome) {
  return std::get_if<ApiError>(&outcome.result);
}

std::string service_label(const std::string& service) {
  if (service == "dynamodb") return "DynamoDb";
  if (service == "cloudformation") return "CloudFormation";
  std::string out = service;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string handler_error_code(const ApiError& error) {
  const std::string& code = error.code;
  if (is_throttling_error(error)) return "Throttling";
  if (contains(code, "NotFound") || code.rfind("NoSuch", 0) == 0) return "NotFound";  // IAM, S3: NoSuchEntity
  if (contains(code, "AlreadyExists") || contains(code, "Duplicate") || code == "ResourceInUseException") {
    return "AlreadyExists";
  }
  if (contains(code, "LimitExceeded") || contains(code, "InsufficientInstanceCapacity")) return "ServiceLimitExceeded";
  if (contains(code, "AccessDenied") || contains(code, "Unauthorized")) return "AccessDenied";
  if (contains(code, "Validation") || contains(code, "Invalid") || contains(code, "Malformed")) return "InvalidRequest";
  if (error.http_status >= 500) return "ServiceInternalError";
  return "GeneralServiceException";
}

std::string handler_failure_reason(const CallOutcome& outcome, const std::string& request_token) {
  const ApiError* e = error_of(outcome);
  if (!e) return "Resource handler returned an unexpected response";
  const std::string message = e->message.empty() ? e->code : e->message;
  return "Resource handler returned message: \"" + message + " (Service: " + service_label(outcome.service) +
         ", Status Code: " + std::to_string(e->http_status) + ", Request ID: " + outcome.request_id +
         ")\" (RequestToken: " + request_token + ", HandlerErrorCode: " + handler_error_code(*e) + ")";
}

std::string property_validation_failure(const std::string& detail) {
  return "Property validation failure: [" + detail + "]";
}

}  // namespace chokepoint
