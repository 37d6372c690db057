#include "services/servicequotas/quota_errors.hpp"

#include <cctype>

namespace chokepoint {

namespace {

// "ServiceCode" -> "serviceCode", as the front end names members in validation messages.
std::string quotas_member_path(std::string_view member) {
  std::string out(member);
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace

ApiError quotas_error(std::string code, std::string message) {
  ApiError e = make_error(std::move(code), std::move(message), 400);
  e.message_key = "Message";
  return e;
}

ApiError quotas_missing_member(std::string_view member) {
  return quotas_error("ValidationException", "1 validation error detected: Value null at '" +
                                                 quotas_member_path(member) +
                                                 "' failed to satisfy constraint: Member must not be null");
}

ApiError quotas_constraint_error(std::string_view value, std::string_view member, std::string_view constraint) {
  return quotas_error("ValidationException", "1 validation error detected: Value '" + std::string(value) + "' at '" +
                                                 quotas_member_path(member) +
                                                 "' failed to satisfy constraint: " + std::string(constraint));
}

ApiError quotas_serialization_error(std::string_view member) {
  return quotas_error("SerializationException", "Unexpected value type for member '" + std::string(member) + "'");
}

ApiError no_such_service(std::string_view service_code) {
  return quotas_error("NoSuchResourceException", "The request failed because the specified service " +
                                                     std::string(service_code) + " does not exist.");
}

ApiError no_such_quota(std::string_view service_code, std::string_view quota_code) {
  return quotas_error("NoSuchResourceException", "The request failed because the specified quota " +
                                                     std::string(quota_code) + " of service " +
                                                     std::string(service_code) + " does not exist.");
}

ApiError no_such_request(std::string_view request_id) {
  return quotas_error("NoSuchResourceException", "The request failed because the quota increase request " +
                                                     std::string(request_id) + " does not exist.");
}

ApiError invalid_pagination_token() {
  return quotas_error("InvalidPaginationTokenException", "Invalid pagination token.");
}

}  // namespace chokepoint
