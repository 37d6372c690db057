#include "services/ssm/ssm_errors.hpp"

#include <string>

namespace chokepoint {

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

}  // namespace chokepoint
