#pragma once
// CloudWatch's errors. CloudWatch is query-compatible: the JSON `__type` is the model's shape name
// (InvalidParameterValueException) while the code clients report is the query code (InvalidParameterValue),
// sent as `x-amzn-query-error: <code>;Sender` (the encoder adds it from ApiError::code). Query-form calls
// get the code in <Error><Code>.
#include <string>
#include <string_view>

#include "protocol/api_types.hpp"

namespace chokepoint {

ApiError cw_invalid_parameter_value(std::string message);        // 400 InvalidParameterValue
ApiError cw_invalid_parameter_combination(std::string message);  // 400 InvalidParameterCombination
ApiError cw_missing_parameter(std::string_view name);            // 400 MissingParameter
ApiError cw_resource_not_found(std::string message);             // 404 ResourceNotFound
// 404 ResourceNotFoundException, the tagging operations' error: it names the resource, with no message.
ApiError cw_tagged_resource_not_found(std::string_view type, std::string_view id);
ApiError cw_validation_error(std::string message);                 // 400 ValidationError
ApiError cw_limit_exceeded(std::string message);                 // 400 LimitExceeded
ApiError cw_invalid_next_token();                                // 400 InvalidNextToken
ApiError cw_invalid_format(std::string message);                 // 400 InvalidFormat
// "The value X for parameter Y is not valid."-style messages, as CloudWatch words them.
ApiError cw_invalid_value(std::string_view parameter, std::string_view value);

}  // namespace chokepoint
