#pragma once
// EC2's error values: codes such as InvalidParameterValue, sent in the <Response><Errors> envelope.
#include <string>

#include "protocol/api_types.hpp"

namespace chokepoint {

inline ApiError ec2_error(std::string code, std::string message, int status = 400) {
  ApiError e;
  e.code = std::move(code);
  e.message = std::move(message);
  e.http_status = status;
  return e;
}

}  // namespace chokepoint
