#include <zlib.h>
#include <catch2/catch.hpp>

#include "protocol/content_encoding.hpp"
#include "protocol/request_decoder.hpp"
#include "protocol/response_encoder.hpp"

using namespace chokepoint;

namespace {

const TimePoint kAt{std::chrono::seconds{1'795'379'349}};

ServiceDescriptor query_compatible_cloudwatch() {
  ServiceDescriptor d;
  d.name = "monitoring";
  d.protocol = Protocol::kJson10;
  d.json_target_prefix = "GraniteServiceVersion20100801";
  d.api_version = "2010-08-01";
  d.signing_name = "monitoring";
  d.xml_namespace = "http://monitoring.amazonaws.com/doc/2010-08-01/";
  d.query_compatible = true;
  d.operations = {"ListMetrics"};
  return d;
}

ServiceDescriptor plain_query_cloudformation() {
  ServiceDescriptor d;
  d.name = "cloudformation";
  d.protocol = Protocol::kQuery;
  d.api_version = "2010-05-15";
  d.signing_name = "cloudformation";
  d.operations = {"DescribeStacks"};
  return d;
}

HttpRequest form(std::string body) {
  return HttpRequest{"POST", "/", {{"content-type", "application/x-www-form-urlencoded"}}, std::move(body), {}};
}

std::string gzip(const std::string& text, int members = 1) {
  std::string out;
  for (int m = 0; m < members; ++m) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string buf(compressBound(static_cast<uLong>(text.size())) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(buf.data());
    z.avail_out = static_cast<uInt>(buf.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    buf.resize(z.total_out);
    deflateEnd(&z);
    out += buf;
  }
  return out;
}

}  // namespace

TEST_CASE("query-compatible JSON errors carry x-amzn-query-error with the query code", "[protocol]") {
  ApiError e = make_error("Throttling", "Rate exceeded", 400);
  e.json_type = "ThrottlingException";
  const auto r = encode_error(query_compatible_cloudwatch(), "RID", e, kAt);
  CHECK(r.status == 400);
  CHECK(r.header("x-amzn-query-error").value_or("<absent>") == "Throttling;Sender");
  CHECK(r.header("Content-Type").value_or("<absent>") == "application/x-amz-json-1.0");
  CHECK(r.body == R"({"__type":"ThrottlingException","message":"Rate exceeded"})");
  ApiError internal = make_error("InternalServiceError", "boom", 500);
  const HttpResponse internal_response = encode_error(query_compatible_cloudwatch(), "RID", internal, kAt);
  CHECK(internal_response.header("x-amzn-query-error") == "InternalServiceError;Receiver");
  // Other JSON services do not get the header.
  ServiceDescriptor ssm;
  ssm.protocol = Protocol::kJson11;
  CHECK_FALSE(encode_error(ssm, "RID", e, kAt).header("x-amzn-query-error"));
}

TEST_CASE("a query-compatible service answers query-form calls in query XML", "[protocol]") {
  ApiResponse response;
  response.body["Metrics"] = nlohmann::json::array({{{"MetricName", "m"}}});
  const auto r = encode_success(query_compatible_cloudwatch(), Protocol::kQuery, "ListMetrics", "RID", response, kAt);
  CHECK(r.header("Content-Type").value_or("<absent>") == "text/xml");
  CHECK(r.body.find("<ListMetricsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><ListMetricsResult>"
                    "<Metrics><member><MetricName>m</MetricName></member></Metrics></ListMetricsResult>") !=
        std::string::npos);
  const auto json = encode_success(query_compatible_cloudwatch(), Protocol::kJson10, "ListMetrics", "RID", response, kAt);
  CHECK(json.body == R"({"Metrics":[{"MetricName":"m"}]})");
  const auto err =
      encode_error(query_compatible_cloudwatch(), Protocol::kQuery, "RID", make_error("InvalidParameterValue", "bad"), kAt);
  CHECK(err.body.find(
            "<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type>"
            "<Code>InvalidParameterValue</Code>") != std::string::npos);
  CHECK(err.header("x-amzn-query-error").value_or("<absent>") == "<absent>");
}

TEST_CASE("form calls reach a query-compatible service by signing name or Version, decoded as query", "[protocol]") {
  const ServiceDescriptor cw = query_compatible_cloudwatch(), cfn = plain_query_cloudformation();
  ServiceCatalog catalog;
  catalog.add(cfn);
  catalog.add(cw);
  auto by_version = decode_request(form("Action=ListMetrics&Version=2010-08-01&Namespace=AWS%2FDynamoDB"), catalog, "");
  auto* call = std::get_if<DecodedCall>(&by_version);
  REQUIRE(call);
  CHECK(call->service == &cw);
  CHECK(call->protocol == Protocol::kQuery);
  CHECK(call->params == nlohmann::json{{"Namespace", "AWS/DynamoDB"}});
  auto by_scope = decode_request(form("Action=ListMetrics&Version=2010-08-01"), catalog, "monitoring");
  REQUIRE(std::get_if<DecodedCall>(&by_scope));
  auto unknown = decode_request(form("Action=DeleteEverything&Version=2010-08-01"), catalog, "monitoring");
  auto* failure = std::get_if<DecodeFailure>(&unknown);
  REQUIRE(failure);
  CHECK(failure->error.code == "InvalidAction");
  CHECK(failure->protocol == Protocol::kQuery);
  // JSON calls keep JSON.
  HttpRequest json;
  json.method = "POST";
  json.target = "/";
  json.headers = {{"x-amz-target", "GraniteServiceVersion20100801.ListMetrics"},
                  {"content-type", "application/x-amz-json-1.0"},
                  {"x-amzn-query-mode", "true"}};
  json.body = "{}";
  auto decoded = decode_request(json, catalog, "monitoring");
  REQUIRE(std::get_if<DecodedCall>(&decoded));
  CHECK(std::get<DecodedCall>(decoded).protocol == Protocol::kJson10);
  auto cfn_call = decode_request(form("Action=DescribeStacks&Version=2010-05-15"), catalog, "");
  REQUIRE(std::get_if<DecodedCall>(&cfn_call));
  CHECK(std::get<DecodedCall>(cfn_call).protocol == Protocol::kQuery);
}

TEST_CASE("gunzip: single and multiple members, size limit, damage", "[protocol]") {
  const std::string text(20'000, 'x');
  auto ok = gunzip(gzip(text), 1 << 20);
  CHECK(ok.status == InflateStatus::kOk);
  CHECK(ok.body == text);
  auto two = gunzip(gzip("abc", 2), 100);
  CHECK(two.status == InflateStatus::kOk);
  CHECK(two.body == "abcabc");
  // A bomb: 10 MB of zeros compress to ~10 KB; the limit stops it.
  const std::string zeros(10 * 1024 * 1024, '\0');
  const std::string bomb = gzip(zeros);
  CHECK(bomb.size() < 20'000);
  auto big = gunzip(bomb, 1024 * 1024);
  CHECK(big.status == InflateStatus::kTooLarge);
  CHECK(big.body.empty());
  const std::string good = gzip(text);
  CHECK(gunzip(good.substr(0, good.size() / 2), 1 << 20).status == InflateStatus::kCorrupt);
  CHECK(gunzip(good + "junk", 1 << 20).status == InflateStatus::kCorrupt);
  CHECK(gunzip("not gzip at all", 1 << 20).status == InflateStatus::kCorrupt);
  CHECK(gunzip("", 1 << 20).status == InflateStatus::kCorrupt);
  CHECK(is_gzip_encoding("gzip"));
  CHECK(is_gzip_encoding(" GZIP "));
  CHECK(is_gzip_encoding("x-gzip"));
  CHECK_FALSE(is_gzip_encoding("gzip, br"));
  CHECK_FALSE(is_gzip_encoding("identity"));
}
