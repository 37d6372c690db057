#include "services/cloudformation/cloudformation_errors.hpp"

namespace chokepoint {

ApiError stack_validation_error(std::string message) {
  return make_error("ValidationError", std::move(message), 400);
}

ApiError stack_not_found(const std::string& name) {
  return stack_validation_error("Stack with id " + name + " does not exist");
}

ApiError stack_not_found_bracketed(const std::string& name) {
  return stack_validation_error("Stack [" + name + "] does not exist");
}

ApiError already_exists(std::string message) {
  return make_error("AlreadyExistsException", std::move(message), 400);
}

ApiError change_set_not_found(const std::string& name) {
  return make_error("ChangeSetNotFound", "ChangeSet [" + name + "] does not exist", 404);
}

ApiError invalid_change_set_status(std::string message) {
  return make_error("InvalidChangeSetStatus", std::move(message), 400);
}

ApiError insufficient_capabilities(std::string message) {
  return make_error("InsufficientCapabilitiesException", std::move(message), 400);
}

ApiError limit_exceeded(std::string message) {
  return make_error("LimitExceededException", std::move(message), 400);
}

}  // namespace chokepoint
