#pragma once
// Application Auto Scaling's errors (JSON 1.1, __type without a namespace prefix).
#include <string>

#include "protocol/api_types.hpp"

namespace chokepoint {

inline ApiError autoscaling_validation(std::string message) {
  return make_error("ValidationException", std::move(message));
}
inline ApiError autoscaling_not_found(std::string message) {
  return make_error("ObjectNotFoundException", std::move(message));
}

}  // namespace chokepoint
