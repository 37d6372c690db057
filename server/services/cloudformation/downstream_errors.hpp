#pragma once
// How CloudFormation reads the answers of the services it provisions through: which errors are throttling
// (retried with backoff), which mean "not there", and how a failure becomes a resource status reason:
//   Resource handler returned message: "Rate exceeded (Service: Ssm, Status Code: 400, Request ID: ...)"
//   (RequestToken: ..., HandlerErrorCode: Throttling)
#include <string>

#include "services/cloudformation/resource_provider.hpp"

namespace chokepoint {

bool is_throttling_error(const ApiError& error);
// The error of an outcome; null when the call succeeded.
const ApiError* error_of(const CallOutcome& outcome);
// "Ssm", "DynamoDb", "Ec2": the service name as the AWS SDK for Java spells it in error messages.
std::string service_label(const std::string& service);
// The handler error code CloudFormation reports for a service error (Throttling, NotFound, AlreadyExists, ...).
std::string handler_error_code(const ApiError& error);
std::string handler_failure_reason(const CallOutcome& outcome, const std::string& request_token);
// "Property validation failure: [...]".
std::string property_validation_failure(const std::string& detail);

}  // namespace chokepoint
