#pragma once
// SSM's error values. The shapes (which message member each error uses) and the errors the rules shared with the
// config loader answer with are in config/ssm_error_values.hpp; these are the service's own.
#include <string_view>

#include "config/ssm_error_values.hpp"
#include "protocol/api_types.hpp"

namespace chokepoint {

// A required member that is absent ("Value null at 'name' failed to satisfy constraint: Member must not be null").
ApiError missing_member(std::string_view member);
// A member of the wrong JSON type: the front end cannot deserialize the request.
ApiError serialization_error(std::string_view member);

ApiError parameter_not_found(std::string_view name);  // "Parameter NAME not found."
ApiError version_not_found(std::string_view name, std::string_view version);
ApiError invalid_next_token();

}  // namespace chokepoint
