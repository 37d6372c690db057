#include "services/cloudwatch/cloudwatch_errors.hpp"

namespace chokepoint {

namespace {

ApiError cw_error(std::string shape, std::string code, std::string message, int status = 400) {
  ApiError e = make_error(std::move(code), std::move(message), status);
  e.json_type = std::move(shape);
  e.fault_type = "Sender";
  return e;
}

}  // namespace

ApiError cw_invalid_parameter_value(std::string message) {
  return cw_error("InvalidParameterValueException", "InvalidParameterValue", std::move(message));
}

ApiError cw_invalid_parameter_combination(std::string message) {
  return cw_error("InvalidParameterCombinationException", "InvalidParameterCombination", std::move(message));
}

ApiError cw_missing_parameter(std::string_view name) {
  return cw_error("MissingRequiredParameterException", "MissingParameter",
                  "The parameter " + std::string(name) + " is required.");
}

ApiError cw_resource_not_found(std::string message) {
  return cw_error("ResourceNotFound", "ResourceNotFound", std::move(message), 404);
}

ApiError cw_tagged_resource_not_found(std::string_view type, std::string_view id) {
  ApiError e = cw_error("ResourceNotFoundException", "ResourceNotFoundException", "", 404);
  e.extra = {{"ResourceType", type}, {"ResourceId", id}};
  return e;
}

ApiError cw_validation_error(std::string message) {
  return cw_error("ValidationError", "ValidationError", std::move(message));
}

ApiError cw_limit_exceeded(std::string message) {
  return cw_error("LimitExceededFault", "LimitExceeded", std::move(message));
}

ApiError cw_invalid_next_token() {
  return cw_error("InvalidNextToken", "InvalidNextToken", "The service returned an invalid next token.");
}

ApiError cw_invalid_format(std::string message) {
  return cw_error("InvalidFormatFault", "InvalidFormat", std::move(message));
}

ApiError cw_invalid_value(std::string_view parameter, std::string_view value) {
  return cw_invalid_parameter_value("The value " + std::string(value) + " for parameter " + std::string(parameter) +
                                    " is not valid.");
}

}  // namespace chokepoint
