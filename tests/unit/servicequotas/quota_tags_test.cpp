// Tags on applied quotas: added, replaced, removed and listed by the quota's ARN; refused for quotas of other
// accounts or that do not exist, beyond 50 per quota, and for input outside the model's constraints.
#include <catch2/catch.hpp>

#include "in_process_server.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;
using testing::InProcessServer;

// The default account and region of unsigned calls.
constexpr const char* kReadsArn = "arn:aws:servicequotas:us-east-1:000000000000:ssm/CP-ParameterReads";

HttpResponse tag_call(InProcessServer& server, const std::string& op, const json& body) {
  return server.send(testing::json_request("ServiceQuotasV20190624." + op, body, "application/x-amz-json-1.1"));
}

json tag_ok(InProcessServer& server, const std::string& op, const json& body) {
  const HttpResponse r = tag_call(server, op, body);
  INFO(op << " -> " << r.body);
  REQUIRE(r.status == 200);
  return json::parse(r.body);
}

std::string tag_error(InProcessServer& server, const std::string& op, const json& body) {
  const HttpResponse r = tag_call(server, op, body);
  INFO(op << " -> " << r.body);
  REQUIRE(r.status == 400);
  return json::parse(r.body)["__type"];
}

json tag_list(InProcessServer& server) {
  return tag_ok(server, "ListTagsForResource", {{"ResourceARN", kReadsArn}})["Tags"];
}

TEST_CASE("quota tags: add, replace, remove and list", "[servicequotas]") {
  InProcessServer server;
  CHECK(tag_list(server).empty());
  tag_ok(server, "TagResource",
         {{"ResourceARN", kReadsArn}, {"Tags", {{{"Key", "team"}, {"Value", "a"}}, {{"Key", "env"}, {"Value", ""}}}}});
  tag_ok(server, "TagResource", {{"ResourceARN", kReadsArn}, {"Tags", {{{"Key", "team"}, {"Value", "b"}}}}});
  CHECK(tag_list(server) == json{{{"Key", "env"}, {"Value", ""}}, {{"Key", "team"}, {"Value", "b"}}});
  tag_ok(server, "UntagResource", {{"ResourceARN", kReadsArn}, {"TagKeys", {"env", "absent"}}});
  CHECK(tag_list(server) == json{{{"Key", "team"}, {"Value", "b"}}});
  server.reset();
  CHECK(tag_list(server).empty());
}

TEST_CASE("quota tags: refusals change nothing", "[servicequotas]") {
  InProcessServer server;
  const json one = {{{"Key", "k"}, {"Value", "v"}}};
  CHECK(tag_error(server, "TagResource",
                  {{"ResourceARN", "arn:aws:servicequotas:us-east-1:000000000000:ssm/CP-Nope"}, {"Tags", one}}) ==
        "NoSuchResourceException");
  CHECK(tag_error(server, "TagResource",
                  {{"ResourceARN", "arn:aws:servicequotas:us-east-1:111111111111:ssm/CP-ParameterReads"},
                   {"Tags", one}}) == "NoSuchResourceException");
  CHECK(tag_error(server, "ListTagsForResource",
                  {{"ResourceARN", "arn:aws:servicequotas:eu-west-1:000000000000:ssm/CP-ParameterReads"}}) ==
        "NoSuchResourceException");
  CHECK(tag_error(server, "TagResource", {{"ResourceARN", "not-an-arn"}, {"Tags", one}}) == "ValidationException");
  CHECK(tag_error(server, "TagResource", {{"ResourceARN", kReadsArn}, {"Tags", json::array()}}) ==
        "ValidationException");
  CHECK(tag_error(server, "TagResource", {{"ResourceARN", kReadsArn}, {"Tags", {{{"Key", "a*b"}, {"Value", ""}}}}}) ==
        "ValidationException");
  CHECK(tag_error(server, "TagResource", {{"ResourceARN", kReadsArn}, {"Tags", {{{"Key", "k"}}}}}) ==
        "ValidationException");
  CHECK(tag_error(server, "UntagResource", {{"ResourceARN", kReadsArn}}) == "ValidationException");

  json fifty = json::array();
  for (int i = 0; i < 50; ++i) fifty.push_back({{"Key", "k" + std::to_string(i)}, {"Value", "v"}});
  tag_ok(server, "TagResource", {{"ResourceARN", kReadsArn}, {"Tags", fifty}});
  CHECK(tag_error(server, "TagResource",
                  {{"ResourceARN", kReadsArn}, {"Tags", {{{"Key", "one-more"}, {"Value", ""}}}}}) ==
        "TooManyTagsException");
  // Replacing an existing key does not add one.
  tag_ok(server, "TagResource", {{"ResourceARN", kReadsArn}, {"Tags", {{{"Key", "k0"}, {"Value", "new"}}}}});
  CHECK(tag_list(server).size() == 50);
}

}  // namespace
}  // namespace chokepoint
