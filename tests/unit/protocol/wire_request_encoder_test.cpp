#include <catch2/catch.hpp>

#include "protocol/aws_catalog.hpp"
#include "protocol/wire_request_encoder.hpp"
#include "protocol/wire_response_decoder.hpp"

using namespace chokepoint;
using nlohmann::json;

namespace {

const AwsCatalog& wire_test_catalog() {
  static const AwsCatalog catalog = AwsCatalog::built_in();
  return catalog;
}

ApiRequest wire_test_call(std::string service, std::string operation, json params) {
  ApiRequest r;
  r.service = std::move(service);
  r.operation = std::move(operation);
  r.params = std::move(params);
  r.identity.account_id = "111122223333";
  r.identity.region = "eu-west-1";
  return r;
}

HttpRequest wire_test_encode(const ApiRequest& call) {
  const AwsService* service = wire_test_catalog().by_name(call.service);
  REQUIRE(service);
  auto http = encode_wire_request(*service, call, "example.test", "20261121T202909Z");
  REQUIRE(http);
  return *http;
}

HttpResponse wire_test_answer(int status, std::string body, HeaderList headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

}  // namespace

TEST_CASE("query calls flatten lists as member.N and wrapped maps as entry.N", "[wire_encoder]") {
  const HttpRequest http =
      wire_test_encode(wire_test_call("sns", "CreateTopic",
                                      {{"Name", "t 1"},
                                       {"Attributes", query_map({{"DisplayName", "Alerts"}})},
                                       {"Tags", json::array({{{"Key", "team"}, {"Value", "a&b"}}})}}));
  CHECK(http.method == "POST");
  CHECK(http.target == "/");
  CHECK(http.header("content-type") == "application/x-www-form-urlencoded; charset=utf-8");
  CHECK(http.body ==
        "Action=CreateTopic&Version=2010-03-31&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=Alerts"
        "&Name=t%201&Tags.member.1.Key=team&Tags.member.1.Value=a%26b");
  CHECK(http.header("authorization") ==
        "AWS4-HMAC-SHA256 Credential=111122223333/20261121/eu-west-1/sns/aws4_request, SignedHeaders=host;x-amz-date, "
        "Signature=" +
            std::string(64, '0'));
  CHECK(http.header("x-amz-date") == "20261121T202909Z");
  CHECK(http.header("host") == "example.test");
}

TEST_CASE("JSON calls carry X-Amz-Target; SQS is spoken in its JSON form", "[wire_encoder]") {
  const HttpRequest kms = wire_test_encode(wire_test_call("kms", "CreateKey", {{"Description", "d"}}));
  CHECK(kms.header("x-amz-target") == "TrentService.CreateKey");
  CHECK(kms.header("content-type") == "application/x-amz-json-1.1");
  CHECK(json::parse(kms.body) == json{{"Description", "d"}});

  const HttpRequest sqs = wire_test_encode(wire_test_call("sqs", "CreateQueue", {{"QueueName", "q"}}));
  CHECK(sqs.header("x-amz-target") == "AmazonSQS.CreateQueue");
  CHECK(sqs.header("content-type") == "application/x-amz-json-1.0");
}

TEST_CASE("REST calls provisioning makes have their own builders; others are refused", "[wire_encoder]") {
  const HttpRequest create = wire_test_encode(
      wire_test_call("s3", "CreateBucket",
                     {{"Bucket", "my-bucket"}, {"CreateBucketConfiguration", {{"LocationConstraint", "eu-west-1"}}}}));
  CHECK(create.method == "PUT");
  CHECK(create.target == "/my-bucket");
  CHECK(create.body.find("<LocationConstraint>eu-west-1</LocationConstraint>") != std::string::npos);
  const HttpRequest plain = wire_test_encode(wire_test_call("s3", "CreateBucket", {{"Bucket", "b"}}));
  CHECK(plain.body.empty());
  const HttpRequest drop = wire_test_encode(wire_test_call("s3", "DeleteBucket", {{"Bucket", "b"}}));
  CHECK((drop.method == "DELETE" && drop.target == "/b"));

  const HttpRequest fn = wire_test_encode(wire_test_call("lambda", "CreateFunction", {{"FunctionName", "f"}}));
  CHECK((fn.method == "POST" && fn.target == "/2015-03-31/functions"));
  CHECK(json::parse(fn.body)["FunctionName"] == "f");
  const HttpRequest gone = wire_test_encode(wire_test_call("lambda", "DeleteFunction", {{"FunctionName", "f:1"}}));
  CHECK((gone.method == "DELETE" && gone.target == "/2015-03-31/functions/f%3A1"));
  const HttpRequest code = wire_test_encode(
      wire_test_call("lambda", "UpdateFunctionCode", {{"FunctionName", "f"}, {"ZipFile", "UEsFBg=="}}));
  CHECK((code.method == "PUT" && code.target == "/2015-03-31/functions/f/code"));
  CHECK(json::parse(code.body) == json({{"ZipFile", "UEsFBg=="}}));
  const HttpRequest config = wire_test_encode(
      wire_test_call("lambda", "UpdateFunctionConfiguration", {{"FunctionName", "f"}, {"Timeout", 9}}));
  CHECK((config.method == "PUT" && config.target == "/2015-03-31/functions/f/configuration"));
  CHECK(json::parse(config.body) == json({{"Timeout", 9}}));

  const AwsService* s3 = wire_test_catalog().by_name("s3");
  auto refused =
      encode_wire_request(*s3, wire_test_call("s3", "PutObject", {{"Bucket", "b"}}), "h", "20261121T202909Z");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("PutObject") != std::string::npos);
}

TEST_CASE("upstream answers decode into results and errors", "[wire_encoder]") {
  SECTION("query success: the <OpResult> as a tree") {
    auto result = decode_wire_response(
        WireProtocol::kQuery, "CreateRole",
        wire_test_answer(200,
                         "<CreateRoleResponse><CreateRoleResult><Role><Arn>arn:r</Arn></Role></CreateRoleResult>"
                         "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></CreateRoleResponse>"));
    REQUIRE(std::holds_alternative<ApiResponse>(result));
    CHECK(std::get<ApiResponse>(result).body == json{{"Role", {{"Arn", "arn:r"}}}});
  }
  SECTION("query error") {
    auto result = decode_wire_response(
        WireProtocol::kQuery, "CreateRole",
        wire_test_answer(409,
                         "<ErrorResponse><Error><Type>Sender</Type><Code>EntityAlreadyExists</Code>"
                         "<Message>Role r exists</Message></Error></ErrorResponse>"));
    const ApiError& e = std::get<ApiError>(result);
    CHECK((e.code == "EntityAlreadyExists" && e.message == "Role r exists" && e.http_status == 409));
  }
  SECTION("S3 error and success") {
    auto error = decode_wire_response(
        WireProtocol::kRestXml, "CreateBucket",
        wire_test_answer(409,
                         "<?xml version=\"1.0\"?><Error><Code>BucketAlreadyExists</Code><Message>m</Message></Error>"));
    CHECK(std::get<ApiError>(error).code == "BucketAlreadyExists");
    auto ok =
        decode_wire_response(WireProtocol::kRestXml, "CreateBucket", wire_test_answer(200, "", {{"Location", "/b"}}));
    CHECK(std::get<ApiResponse>(ok).body == json{{"Location", "/b"}});
  }
  SECTION("JSON error: __type without its namespace; a query-compatible code wins") {
    auto e1 = decode_wire_response(
        WireProtocol::kJson, "CreateSecret",
        wire_test_answer(400, R"({"__type": "com.amazonaws#ResourceExistsException", "message": "exists"})"));
    CHECK((std::get<ApiError>(e1).code == "ResourceExistsException" && std::get<ApiError>(e1).message == "exists"));
    auto e2 = decode_wire_response(
        WireProtocol::kJson, "DeleteQueue",
        wire_test_answer(400, R"({"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "no"})",
                         {{"x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"}}));
    CHECK(std::get<ApiError>(e2).code == "AWS.SimpleQueueService.NonExistentQueue");
    auto e3 = decode_wire_response(
        WireProtocol::kRestJson, "DeleteFunction",
        wire_test_answer(404, R"({"Message": "gone"})", {{"x-amzn-ErrorType", "ResourceNotFoundException:http://x"}}));
    CHECK((std::get<ApiError>(e3).code == "ResourceNotFoundException" && std::get<ApiError>(e3).http_status == 404));
  }
  SECTION("JSON success, and an unreadable answer") {
    auto ok = decode_wire_response(WireProtocol::kJson, "CreateQueue", wire_test_answer(200, R"({"QueueUrl": "u"})"));
    CHECK(std::get<ApiResponse>(ok).body == json{{"QueueUrl", "u"}});
    auto bad = decode_wire_response(WireProtocol::kJson, "CreateQueue", wire_test_answer(500, "<html>oops</html>"));
    CHECK(std::get<ApiError>(bad).http_status == 500);
    CHECK(std::get<ApiError>(bad).message.find("oops") != std::string::npos);
  }
}
