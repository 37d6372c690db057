#pragma once
// EC2's error values: codes such as InvalidParameterValue, sent in the <Response><Errors> envelope; and the
// plain answer of actions that only change something.
#include <string>
#include <string_view>

#include "protocol/api_types.hpp"

namespace chokepoint {

inline ApiError ec2_error(std::string code, std::string message, int status = 400) {
  ApiError e;
  e.code = std::move(code);
  e.message = std::move(message);
  e.http_status = status;
  return e;
}

inline ApiError ec2_missing_parameter(std::string_view name) {
  return ec2_error("MissingParameter", "The request must contain the parameter " + std::string(name));
}

inline ApiError ec2_invalid_value(std::string_view name, std::string_view value) {
  return ec2_error("InvalidParameterValue",
                   "Invalid value '" + std::string(value) + "' for " + std::string(name) + ".");
}

// {"return": true}: what EC2's actions that only change something answer.
inline ApiResponse ec2_returned_true() {
  ApiResponse response;
  response.body["return"] = true;
  return response;
}

// What a DryRun call gets when it would have succeeded.
inline ApiError ec2_dry_run_succeeded() {
  return ec2_error("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
}

}  // namespace chokepoint
