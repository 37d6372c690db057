#include "services/ssm/ssm_errors.hpp"

#include <array>
#include <cctype>

namespace chokepoint {

namespace {

// Shapes whose message member is spelled "Message" in the botocore model (ssm 2014-11-06).
bool uses_capital_message(std::string_view code) {
  static constexpr std::array<std::string_view, 7> kCodes = {
      "ValidationException",    "TooManyUpdates",      "InvalidNextToken",     "InvalidFilterValue",
      "ServiceSettingNotFound", "InternalServerError", "AccessDeniedException"};
  for (auto c : kCodes) {
    if (c == code) return true;
  }
  return false;
}

}  // namespace

ApiError ssm_error(std::string code, std::string message) {
  ApiError e = make_error(std::move(code), std::move(message), 400);
  if (uses_capital_message(e.code)) e.message_key = "Message";
  return e;
}

ApiError validation_error(std::string message) {
  return ssm_error("ValidationException", std::move(message));
}

ApiError constraint_error(std::string_view value, std::string_view member, std::string_view constraint) {
  return validation_error("1 validation error detected: Value '" + std::string(value) + "' at '" + member_path(member) +
                          "' failed to satisfy constraint: " + std::string(constraint));
}

ApiError missing_member(std::string_view member) {
  return validation_error("1 validation error detected: Value null at '" + member_path(member) +
                          "' failed to satisfy constraint: Member must not be null");
}

ApiError serialization_error(std::string_view member) {
  return ssm_error("SerializationException", "Unexpected value type for member '" + std::string(member) + "'");
}

ApiError parameter_not_found(std::string_view name) {
  return ssm_error("ParameterNotFound", "Parameter " + std::string(name) + " not found.");
}

ApiError version_not_found(std::string_view name, std::string_view version) {
  return ssm_error("ParameterVersionNotFound", "Systems Manager could not find version " + std::string(version) +
                                                   " of " + std::string(name) + ". Verify the version and try again.");
}

ApiError invalid_next_token() {
  return ssm_error("InvalidNextToken", "The specified token isn't valid.");
}

std::string member_path(std::string_view member) {
  std::string out(member);
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace chokepoint
