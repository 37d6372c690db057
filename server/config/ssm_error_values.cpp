#include "config/ssm_error_values.hpp"

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

std::string member_path(std::string_view member) {
  std::string out(member);
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace chokepoint
