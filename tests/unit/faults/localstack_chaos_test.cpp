#include <catch2/catch.hpp>

#include "admin/localstack_chaos.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;

FaultRuleSpec convert(const char* text) {
  std::vector<FieldError> errors;
  auto spec = localstack_rule_to_spec(json::parse(text), "[0]", errors);
  for (const auto& e : errors) INFO(e.format());
  REQUIRE(spec);
  return *spec;
}

TEST_CASE("localstack chaos: the documented rules convert", "[faults]") {
  auto s3 = convert(R"({"service": "s3", "region": "us-east-1"})");
  CHECK(s3.match.service == "s3");
  CHECK(s3.match.region == "us-east-1");
  CHECK(s3.probability == 1);
  CHECK(std::get<ErrorAction>(s3.action) ==
        ErrorAction{"ServiceUnavailable", 503, "Service '{service}' not accessible due to an outage"});
  auto kinesis = convert(R"({"service": "kinesis", "operation": "PutRecord", "probability": 0.3,
                             "error": {"statusCode": 400, "code": "ProvisionedThroughputExceededException"}})");
  CHECK(kinesis.match.operations == std::vector<std::string>{"PutRecord"});
  CHECK(kinesis.probability == 0.3);
  CHECK(std::get<ErrorAction>(kinesis.action).code == "ProvisionedThroughputExceededException");
  CHECK(std::get<ErrorAction>(kinesis.action).http_status == 400);
  auto everything = convert("{}");
  CHECK(everything.match == FaultMatch{});
  CHECK(convert(R"({"service": "cloudwatch"})").match.service == "monitoring");
}

TEST_CASE("localstack chaos: wrong fields are named", "[faults]") {
  struct Case {
    const char* body;
    const char* field;
  };
  for (const Case& c :
       {Case{R"({"servce": "s3"})", "[0].servce"}, Case{R"({"probability": 2})", "[0].probability"},
        Case{R"({"error": {"statusCode": "503"}})", "[0].error.statusCode"},
        Case{R"({"error": {"statusCode": 200}})", "[0].error.statusCode"}, Case{R"({"error": []})", "[0].error"},
        Case{R"({"region": 5})", "[0].region"}, Case{"[]", "[0]"}}) {
    INFO(c.body);
    std::vector<FieldError> errors;
    CHECK_FALSE(localstack_rule_to_spec(json::parse(c.body), "[0]", errors));
    REQUIRE_FALSE(errors.empty());
    CHECK(errors.front().field == c.field);
  }
}

}  // namespace
}  // namespace chokepoint
