#pragma once
// Service Quotas' errors. Every modeled exception of the service carries its message in `Message`, so typed SDK
// exceptions fill their field; input that breaks the model's constraints gets the front end's ValidationException
// in the usual "1 validation error detected" form.
#include <string>
#include <string_view>

#include "protocol/api_types.hpp"

namespace chokepoint {

ApiError quotas_error(std::string code, std::string message);

ApiError quotas_missing_member(std::string_view member);
ApiError quotas_constraint_error(std::string_view value, std::string_view member, std::string_view constraint);
ApiError quotas_serialization_error(std::string_view member);

ApiError no_such_service(std::string_view service_code);
ApiError no_such_quota(std::string_view service_code, std::string_view quota_code);
ApiError no_such_request(std::string_view request_id);
ApiError invalid_pagination_token();

}  // namespace chokepoint
