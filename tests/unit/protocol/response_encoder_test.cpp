#include <catch2/catch.hpp>
#include <zlib.h>

#include "protocol/response_encoder.hpp"

using namespace chokepoint;

namespace {

const TimePoint kNow{std::chrono::seconds{1'795'379'349}};

ServiceDescriptor dynamodb() {
  ServiceDescriptor d;
  d.name = "dynamodb";
  d.protocol = Protocol::kJson10;
  d.json_error_prefix = "com.amazonaws.dynamodb.v20120810#";
  d.send_crc32 = true;
  return d;
}
ServiceDescriptor ssm() {
  ServiceDescriptor d;
  d.name = "ssm";
  d.protocol = Protocol::kJson11;
  return d;
}
ServiceDescriptor cloudformation() {
  ServiceDescriptor d;
  d.name = "cloudformation";
  d.protocol = Protocol::kQuery;
  d.xml_namespace = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
  return d;
}
ServiceDescriptor ec2() {
  ServiceDescriptor d;
  d.name = "ec2";
  d.protocol = Protocol::kEc2;
  d.xml_namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
  return d;
}

}  // namespace

TEST_CASE("DynamoDB throttle error: 400, namespaced __type, ThrottlingReasons, CRC32 of the body", "[protocol]") {
  ApiError e = make_error("ProvisionedThroughputExceededException",
                          "The level of configured provisioned throughput for the table was exceeded. Consider "
                          "increasing your provisioning level with the UpdateTable API.");
  e.extra["ThrottlingReasons"] = {{{"reason", "TableWriteProvisionedThroughputExceeded"},
                                   {"resource", "arn:aws:dynamodb:us-east-1:000000000000:table/t"}}};
  const auto r = encode_error(dynamodb(), "RID", e, kNow);
  CHECK(r.status == 400);
  CHECK(r.body ==
        R"({"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.","ThrottlingReasons":[{"reason":"TableWriteProvisionedThroughputExceeded","resource":"arn:aws:dynamodb:us-east-1:000000000000:table/t"}]})");
  CHECK(r.header("x-amzn-RequestId").value_or("<absent>") == "RID");
  CHECK(r.header("Content-Type").value_or("<absent>") == "application/x-amz-json-1.0");
  const auto crc = crc32(0L, reinterpret_cast<const Bytef*>(r.body.data()), static_cast<uInt>(r.body.size()));
  CHECK(r.header("x-amz-crc32").value_or("<absent>") == std::to_string(crc));
  CHECK(r.header("Date").value_or("<absent>") == "Sun, 22 Nov 2026 20:29:09 GMT");
}

TEST_CASE("DynamoDB success carries the CRC32 of the exact body", "[protocol]") {
  ApiResponse ok;
  ok.body["TableNames"] = nlohmann::json::array({"a", "b"});
  const auto r = encode_success(dynamodb(), "ListTables", "RID", ok, kNow);
  CHECK(r.status == 200);
  CHECK(r.body == R"({"TableNames":["a","b"]})");
  CHECK(r.header("x-amz-crc32").value_or("<absent>") == "584661934");
}

TEST_CASE("SSM throttle error: bare ThrottlingException, Rate exceeded, JSON 1.1, no CRC", "[protocol]") {
  const auto r = encode_error(ssm(), "RID", make_error("ThrottlingException", "Rate exceeded"), kNow);
  CHECK(r.status == 400);
  CHECK(r.body == R"({"__type":"ThrottlingException","message":"Rate exceeded"})");
  CHECK(r.header("Content-Type").value_or("<absent>") == "application/x-amz-json-1.1");
  CHECK(r.header("x-amz-crc32").value_or("<absent>") == "<absent>");
}

TEST_CASE("query success has the <OpResult> wrapper and ResponseMetadata", "[protocol]") {
  ApiResponse ok;
  ok.body["Stacks"] = nlohmann::json::array({{{"StackName", "s"}, {"Tags", nlohmann::json::array()}}});
  const auto r = encode_success(cloudformation(), "DescribeStacks", "RID", ok, kNow);
  CHECK(r.body ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
        "<DescribeStacksResult><Stacks><member><StackName>s</StackName><Tags></Tags></member></Stacks>"
        "</DescribeStacksResult><ResponseMetadata><RequestId>RID</RequestId></ResponseMetadata>"
        "</DescribeStacksResponse>");
  CHECK(r.header("Content-Type").value_or("<absent>") == "text/xml");
  CHECK(r.header("x-amzn-RequestId").value_or("<absent>") == "RID");
}

TEST_CASE("query throttle error: ErrorResponse envelope with Type Sender", "[protocol]") {
  const auto r = encode_error(cloudformation(), "RID", make_error("Throttling", "Rate exceeded"), kNow);
  CHECK(r.status == 400);
  CHECK(r.body ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type>"
        "<Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>RID</RequestId></ErrorResponse>");
}

TEST_CASE("EC2 success has requestId and no wrapper; lists use <item>", "[protocol]") {
  ApiResponse ok;
  ok.body["regionInfo"] = nlohmann::json::array({{{"regionName", "us-east-1"}}});
  ok.body["return"] = true;
  const auto r = encode_success(ec2(), "DescribeRegions", "RID", ok, kNow);
  CHECK(r.body ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>RID</requestId>"
        "<regionInfo><item><regionName>us-east-1</regionName></item></regionInfo><return>true</return>"
        "</DescribeRegionsResponse>");
}

TEST_CASE("EC2 throttle error: 503 RequestLimitExceeded in Response/Errors with RequestID", "[protocol]") {
  const auto r = encode_error(
      ec2(), "RID", make_error("RequestLimitExceeded", "Request limit exceeded.", 503),
      kNow);
  CHECK(r.status == 503);
  CHECK(r.body ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error>"
        "</Errors><RequestID>RID</RequestID></Response>");
  CHECK(r.header("x-amzn-RequestId").value_or("<absent>") == "RID");
}

TEST_CASE("XML text is escaped and invalid UTF-8 in JSON is replaced, not thrown", "[protocol]") {
  ApiResponse ok;
  ok.body["Value"] = "a<b&\"c\"";
  CHECK(encode_success(ec2(), "X", "R", ok, kNow).body.find("<Value>a&lt;b&amp;&quot;c&quot;</Value>") !=
        std::string::npos);
  ApiResponse bad;
  bad.body["v"] = std::string("\xff\xfe");
  CHECK_NOTHROW(encode_success(ssm(), "X", "R", bad, kNow));
}

TEST_CASE("JSON errors: __type, then the message, then extra members; ill-formed UTF-8 replaced", "[protocol]") {
  ApiError e = make_error("IncompleteSignatureException", std::string("Authorization=AWS4-\xff\xfe bad"));
  e.message_key = "Message";
  e.extra["Zeta"] = 1;
  e.extra["Alpha"] = {{"b", true}};
  const auto r = encode_error(ssm(), "RID", e, kNow);
  CHECK(r.body == "{\"__type\":\"IncompleteSignatureException\",\"Message\":\"Authorization=AWS4-\xEF\xBF\xBD\xEF\xBF\xBD"
                  " bad\",\"Alpha\":{\"b\":true},\"Zeta\":1}");
  CHECK_FALSE(nlohmann::json::parse(r.body, nullptr, false).is_discarded());
}
