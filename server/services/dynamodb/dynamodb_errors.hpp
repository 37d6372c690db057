#pragma once
// DynamoDB's error values. Validation errors come from the front end (com.amazon.coral.validate#...);
// the others carry the service prefix that the descriptor adds.
#include <string>

#include "protocol/api_types.hpp"

namespace chokepoint {

// How DynamoDB begins a ValidationException about a value it cannot accept.
inline constexpr const char* kInvalidParameterValues = "One or more parameter values were invalid: ";

}  // namespace chokepoint

namespace chokepoint::dynamodb_errors {

inline ApiError validation(std::string message) {
  ApiError e = make_error("ValidationException", std::move(message));
  e.json_type = "com.amazon.coral.validate#ValidationException";
  return e;
}

inline ApiError serialization(std::string message) {
  ApiError e = make_error("SerializationException", std::move(message));
  e.json_type = "com.amazon.coral.service#SerializationException";
  e.message_key = "Message";
  return e;
}

inline ApiError access_denied(std::string message) {
  ApiError e = make_error("AccessDeniedException", std::move(message));
  e.json_type = "com.amazon.coral.service#AccessDeniedException";
  e.message_key = "Message";
  return e;
}

inline ApiError not_found(std::string message = "Requested resource not found") {
  return make_error("ResourceNotFoundException", std::move(message));
}

inline ApiError table_not_found(const std::string& table) {
  return not_found("Requested resource not found: Table: " + table + " not found");
}

// The backup operations (and DescribeContinuousBackups) name a missing table in their own exception.
inline ApiError backups_table_not_found(const std::string& table) {
  return make_error("TableNotFoundException", "Table not found: " + table);
}

inline ApiError in_use(std::string message) { return make_error("ResourceInUseException", std::move(message)); }

inline ApiError limit_exceeded(std::string message) { return make_error("LimitExceededException", std::move(message)); }

inline ApiError conditional_failed() {
  return make_error("ConditionalCheckFailedException", "The conditional request failed");
}

inline ApiError idempotent_mismatch() {
  return make_error("IdempotentParameterMismatchException",
                    "The request uses the same client token as a previous, but non-identical request.");
}

}  // namespace chokepoint::dynamodb_errors
