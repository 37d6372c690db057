#pragma once
// CloudFormation's errors as the query protocol sends them: the modeled errors use their query codes
// (ChangeSetNotFound, InvalidChangeSetStatus, ...), everything about bad input is ValidationError.
#include <string>

#include "protocol/api_types.hpp"

namespace chokepoint {

ApiError stack_validation_error(std::string message);
ApiError stack_not_found(const std::string& name);            // "Stack with id X does not exist" (DescribeStacks)
ApiError stack_not_found_bracketed(const std::string& name);  // "Stack [X] does not exist" (most other calls)
ApiError already_exists(std::string message);
ApiError change_set_not_found(const std::string& name);
ApiError invalid_change_set_status(std::string message);
ApiError insufficient_capabilities(std::string message);
ApiError limit_exceeded(std::string message);

}  // namespace chokepoint
