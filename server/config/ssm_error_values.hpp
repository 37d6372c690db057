#pragma once
// SSM's error values, as far as the rules shared by the config loader and the SSM service need them (parameter
// names, PutParameter's input). Each modeled error carries its message in the member the botocore model names
// ("message" for most Parameter Store shapes, "Message" for ValidationException, TooManyUpdates and a few
// others), so typed SDK exceptions fill their field.
#include <string>
#include <string_view>

#include "protocol/api_types.hpp"

namespace chokepoint {

// An SSM error with the model's message member. An empty message is left off the wire.
ApiError ssm_error(std::string code, std::string message = {});

ApiError validation_error(std::string message);
// "1 validation error detected: Value 'v' at 'member' failed to satisfy constraint: Member must ..."
ApiError constraint_error(std::string_view value, std::string_view member, std::string_view constraint);

// The wire name of a request member in validation messages: "MaxResults" -> "maxResults".
std::string member_path(std::string_view member);

}  // namespace chokepoint
