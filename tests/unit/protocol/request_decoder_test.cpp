#include <catch2/catch.hpp>

#include "protocol/request_decoder.hpp"

using namespace chokepoint;

namespace {

struct Fixture {
  ServiceDescriptor dynamodb, ssm, ec2, cfn, sts;
  ServiceCatalog catalog;
  Fixture() {
    dynamodb.name = "dynamodb";
    dynamodb.protocol = Protocol::kJson10;
    dynamodb.json_target_prefix = "DynamoDB_20120810";
    dynamodb.signing_name = "dynamodb";
    dynamodb.json_frontend_prefix = "com.amazon.coral.service#";
    dynamodb.operations = {"GetItem", "ListTables"};
    dynamodb.owns_default_front_end = true;
    ssm.name = "ssm";
    ssm.protocol = Protocol::kJson11;
    ssm.json_target_prefix = "AmazonSSM";
    ssm.signing_name = "ssm";
    ssm.operations = {"GetParameter"};
    ec2.name = "ec2";
    ec2.protocol = Protocol::kEc2;
    ec2.api_version = "2016-11-15";
    ec2.signing_name = "ec2";
    ec2.operations = {"DescribeInstances"};
    cfn.name = "cloudformation";
    cfn.protocol = Protocol::kQuery;
    cfn.api_version = "2010-05-15";
    cfn.signing_name = "cloudformation";
    cfn.operations = {"DescribeStacks"};
    sts.name = "sts";
    sts.protocol = Protocol::kQuery;
    sts.api_version = "2011-06-15";
    sts.signing_name = "sts";
    sts.operations = {"GetCallerIdentity"};
    for (auto* d : {&dynamodb, &ssm, &ec2, &cfn, &sts}) catalog.add(*d);
  }
};

HttpRequest json_request(std::string target, std::string body) {
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers = {{"x-amz-target", std::move(target)}, {"content-type", "application/x-amz-json-1.0"}};
  r.body = std::move(body);
  return r;
}

HttpRequest form_request(std::string body) {
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers = {{"content-type", "application/x-www-form-urlencoded; charset=utf-8"}};
  r.body = std::move(body);
  return r;
}

}  // namespace

TEST_CASE("JSON requests route by X-Amz-Target", "[protocol]") {
  Fixture f;
  auto result = decode_request(json_request("DynamoDB_20120810.GetItem", R"({"TableName":"t"})"), f.catalog, "");
  REQUIRE(std::holds_alternative<DecodedCall>(result));
  const auto& call = std::get<DecodedCall>(result);
  CHECK(call.service->name == "dynamodb");
  CHECK(call.operation == "GetItem");
  CHECK(call.params["TableName"] == "t");

  auto empty = decode_request(json_request("AmazonSSM.GetParameter", ""), f.catalog, "");
  REQUIRE(std::holds_alternative<DecodedCall>(empty));
  CHECK(std::get<DecodedCall>(empty).params.is_object());
}

TEST_CASE("JSON front-end errors", "[protocol]") {
  Fixture f;
  struct Case {
    const char* target;
    const char* body;
    const char* code;
    const char* json_type;
  };
  const Case cases[] = {
      {"DynamoDB_20120810.NoSuchOp", "{}", "UnknownOperationException", "com.amazon.coral.service#UnknownOperationException"},
      {"whatever", "{}", "UnknownOperationException", "com.amazon.coral.service#UnknownOperationException"},
      {"DynamoDB_20120810.GetItem", "{not json", "SerializationException", "com.amazon.coral.service#SerializationException"},
      {"DynamoDB_20120810.GetItem", "[1,2]", "SerializationException", "com.amazon.coral.service#SerializationException"},
      {"AmazonSSM.GetParameter", "nope", "SerializationException", "SerializationException"},
      {"AmazonSSM.Nope", "{}", "UnknownOperationException", "UnknownOperationException"},
  };
  for (const auto& c : cases) {
    INFO(c.target << " " << c.body);
    auto result = decode_request(json_request(c.target, c.body), f.catalog, "");
    REQUIRE(std::holds_alternative<DecodeFailure>(result));
    const auto& failure = std::get<DecodeFailure>(result);
    CHECK(failure.error.code == c.code);
    CHECK(failure.error.json_type == c.json_type);
    CHECK(failure.error.http_status == 400);
  }
}

TEST_CASE("form requests route by signing name, then Version, then action", "[protocol]") {
  Fixture f;
  auto by_scope = decode_request(form_request("Action=DescribeInstances&Version=2016-11-15"), f.catalog, "ec2");
  REQUIRE(std::holds_alternative<DecodedCall>(by_scope));
  CHECK(std::get<DecodedCall>(by_scope).service->name == "ec2");
  CHECK(std::get<DecodedCall>(by_scope).params == nlohmann::json::object());

  auto by_version = decode_request(form_request("Action=DescribeStacks&Version=2010-05-15&StackName=s"), f.catalog, "");
  REQUIRE(std::holds_alternative<DecodedCall>(by_version));
  CHECK(std::get<DecodedCall>(by_version).service->name == "cloudformation");
  CHECK(std::get<DecodedCall>(by_version).params["StackName"] == "s");

  auto by_action = decode_request(form_request("Action=GetCallerIdentity"), f.catalog, "");
  REQUIRE(std::holds_alternative<DecodedCall>(by_action));
  CHECK(std::get<DecodedCall>(by_action).service->name == "sts");

  HttpRequest presigned;
  presigned.method = "GET";
  presigned.target = "/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=ab";
  auto get = decode_request(presigned, f.catalog, "sts");
  REQUIRE(std::holds_alternative<DecodedCall>(get));
  CHECK(std::get<DecodedCall>(get).params == nlohmann::json::object());
}

TEST_CASE("form errors: unknown action, missing action, bad escapes", "[protocol]") {
  Fixture f;
  auto unknown = decode_request(form_request("Action=LaunchRockets&Version=2016-11-15"), f.catalog, "ec2");
  REQUIRE(std::holds_alternative<DecodeFailure>(unknown));
  CHECK(std::get<DecodeFailure>(unknown).error.code == "InvalidAction");
  CHECK(std::get<DecodeFailure>(unknown).service->name == "ec2");

  auto missing = decode_request(form_request("Version=2010-05-15"), f.catalog, "");
  REQUIRE(std::holds_alternative<DecodeFailure>(missing));
  CHECK(std::get<DecodeFailure>(missing).error.code == "MissingAction");

  auto bad = decode_request(form_request("Action=DescribeStacks&StackName=%zz"), f.catalog, "cloudformation");
  REQUIRE(std::holds_alternative<DecodeFailure>(bad));
  CHECK(std::get<DecodeFailure>(bad).error.code == "MalformedQueryString");
}

TEST_CASE("requests that are neither JSON nor form calls are not API calls", "[protocol]") {
  Fixture f;
  HttpRequest get;
  get.method = "GET";
  get.target = "/";
  auto result = decode_request(get, f.catalog, "");
  REQUIRE(std::holds_alternative<DecodeFailure>(result));
  CHECK(std::get<DecodeFailure>(result).not_an_api_call);
}

TEST_CASE("the default front end vets media type, JSON and target in DynamoDB's order", "[protocol]") {
  Fixture f;
  struct Case {
    std::string method;
    std::string content_type;  // empty: no header
    std::string target;        // empty: no header
    std::string body;
    std::string outcome;       // "404", a front-end error code, or "call"
  };
  const Case cases[] = {
      {"PUT", "", "", "", "404"},
      {"POST", "", "", "hi", "404"},
      {"POST", "application/x-amz-json-1.1", "", "hi", "404"},
      {"POST", "application/json", "", "hi", "SerializationException"},
      {"POST", "application/json", "DynamoDB_20120810.GetItem", "hi", "SerializationException"},
      {"POST", "", "", "", "UnknownOperationException"},
      {"POST", "application/x-amz-json-1.0", "DynamoDB_20120810.Nope", "{}", "UnknownOperationException"},
      {"POST", "application/x-amz-json-1.0", "DynamoDB_20120810.ListTables", "{}", "call"},
      {"POST", "", "DynamoDB_20120810.ListTables", "", "call"},
      {"POST", "text/plain", "AmazonSSM.GetParameter", "{}", "call"},  // other services are not vetted
  };
  for (const auto& c : cases) {
    INFO(c.method << " " << c.content_type << " " << c.target << " " << c.body);
    HttpRequest r{c.method, "/", {}, c.body, ""};
    if (!c.content_type.empty()) r.headers.emplace_back("content-type", c.content_type);
    if (!c.target.empty()) r.headers.emplace_back("x-amz-target", c.target);
    const auto result = decode_request(r, f.catalog, "");
    const std::string& outcome = c.outcome;
    if (outcome == "call") {
      REQUIRE(std::holds_alternative<DecodedCall>(result));
      CHECK(std::get<DecodedCall>(result).empty_body == c.body.empty());
    } else {
      REQUIRE(std::holds_alternative<DecodeFailure>(result));
      const auto& failure = std::get<DecodeFailure>(result);
      CHECK(failure.not_an_api_call == (outcome == "404"));
      if (outcome != "404") CHECK(failure.error.json_type == "com.amazon.coral.service#" + outcome);
    }
  }
}

TEST_CASE("calls whose JSON target names no emulated service are known before decoding", "[protocol]") {
  Fixture f;
  struct Case {
    std::string content_type, target, target_query;
    bool expected;
  };
  const Case cases[] = {
      {"application/x-amz-json-1.1", "secretsmanager.GetSecretValue", "", true},
      {"application/x-amz-json-1.0", "AWSEvents.PutEvents", "", true},
      {"application/x-amz-json-1.1", "AmazonSSM.GetParameter", "", false},      // emulated
      {"application/x-amz-json-1.0", "DynamoDB_20120810.GetItem", "", false},  // emulated
      {"application/x-www-form-urlencoded", "secretsmanager.GetSecretValue", "", false},
      {"application/x-amz-json-1.1", "", "", false},
      {"application/x-amz-json-1.1", "secretsmanager.GetSecretValue", "Action=DescribeInstances", false},
  };
  for (const auto& c : cases) {
    INFO(c.content_type << " " << c.target << " " << c.target_query);
    HttpRequest r{"POST", c.target_query.empty() ? "/" : "/?" + c.target_query, {}, "{}", ""};
    r.headers.emplace_back("content-type", c.content_type);
    if (!c.target.empty()) r.headers.emplace_back("x-amz-target", c.target);
    CHECK(targets_no_emulated_service(r, f.catalog) == c.expected);
    // The promise it makes: such a call does not decode.
    if (c.expected) CHECK(std::holds_alternative<DecodeFailure>(decode_request(r, f.catalog, "")));
  }
}
