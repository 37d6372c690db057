#include <catch2/catch.hpp>

#include "services/cloudformation/cidr_blocks.hpp"
#include "services/cloudformation/downstream_errors.hpp"

using namespace chokepoint;

TEST_CASE("downstream throttling codes are recognised and other errors classified", "[cloudformation]") {
  CHECK(is_throttling_error(make_error("ThrottlingException", "Rate exceeded")));
  CHECK(is_throttling_error(make_error("RequestLimitExceeded", "Request limit exceeded.", 503)));
  CHECK(is_throttling_error(make_error("Throttling", "Rate exceeded")));
  CHECK_FALSE(is_throttling_error(make_error("ProvisionedThroughputExceededException", "x")));
  CHECK_FALSE(is_throttling_error(make_error("TooManyUpdates", "x")));
  ApiError injected = make_error("SomethingElse", "x");
  injected.origin = ErrorOrigin::kThrottle;
  CHECK(is_throttling_error(injected));
  CHECK(handler_error_code(make_error("ParameterNotFound", "")) == "NotFound");
  CHECK(handler_error_code(make_error("ResourceInUseException", "")) == "AlreadyExists");
  CHECK(handler_error_code(make_error("InvalidParameterValue", "")) == "InvalidRequest");
  CHECK(handler_error_code(make_error("InstanceLimitExceeded", "")) == "ServiceLimitExceeded");
  CHECK(handler_error_code(make_error("InternalServerError", "", 500)) == "ServiceInternalError");
}

TEST_CASE("a failed downstream call becomes CloudFormation's handler message", "[cloudformation]") {
  const CallOutcome outcome{make_error("ThrottlingException", "Rate exceeded"), "req-1", "ssm"};
  CHECK(handler_failure_reason(outcome, "tok") ==
        "Resource handler returned message: \"Rate exceeded (Service: Ssm, Status Code: 400, Request ID: req-1)\" "
        "(RequestToken: tok, HandlerErrorCode: Throttling)");
  const CallOutcome dynamo{make_error("ResourceNotFoundException", "Requested resource not found"), "R", "dynamodb"};
  CHECK(handler_failure_reason(dynamo, "t").find("(Service: DynamoDb, Status Code: 400") != std::string::npos);
}

TEST_CASE("Fn::Cidr arithmetic", "[cloudformation]") {
  CHECK(cidr_subnets("10.0.0.0/16", 2, 12) == std::vector<std::string>{"10.0.0.0/20", "10.0.16.0/20"});
  CHECK(cidr_subnets("192.168.1.77/24", 4, 6) ==
        std::vector<std::string>{"192.168.1.0/26", "192.168.1.64/26", "192.168.1.128/26", "192.168.1.192/26"});
  CHECK_FALSE(cidr_subnets("10.0.0.0/24", 3, 7));  // only two /25 in a /24
  CHECK_FALSE(cidr_subnets("10.0.0/24", 1, 8));
  CHECK_FALSE(cidr_subnets("10.0.0.0", 1, 8));
}
