// PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on a table and its stream: revisions, the
// conditional ExpectedRevisionId (and NO_POLICY), the 20 KB limit, and the errors for missing resources and policies.
#include <catch2/catch.hpp>

#include "capacity_fixture.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

const std::string kPolicy = R"({"Version":"2012-10-17","Statement":[]})";

}  // namespace

TEST_CASE("resource policies: put, get, replace and delete with revisions", "[dynamodb][policies]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 0}\n");
  h.create_simple_table("orders");
  const std::string arn = kArnPrefix + "orders";
  CHECK(h.error("GetResourcePolicy", {{"ResourceArn", arn}}).code == "PolicyNotFoundException");

  const std::string first =
      h.ok("PutResourcePolicy", {{"ResourceArn", arn}, {"Policy", kPolicy}, {"ExpectedRevisionId", "NO_POLICY"}})["RevisionId"];
  CHECK(h.ok("GetResourcePolicy", {{"ResourceArn", arn}}) == json({{"Policy", kPolicy}, {"RevisionId", first}}));
  // The same document again keeps its revision; NO_POLICY now fails.
  CHECK(h.ok("PutResourcePolicy", {{"ResourceArn", arn}, {"Policy", kPolicy}})["RevisionId"] == first);
  CHECK(h.error("PutResourcePolicy", {{"ResourceArn", arn}, {"Policy", kPolicy}, {"ExpectedRevisionId", "NO_POLICY"}})
            .code == "PolicyNotFoundException");

  const std::string changed = R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny"}]})";
  CHECK(h.error("PutResourcePolicy", {{"ResourceArn", arn}, {"Policy", changed}, {"ExpectedRevisionId", "123"}}).code ==
        "PolicyNotFoundException");
  const std::string second =
      h.ok("PutResourcePolicy", {{"ResourceArn", arn}, {"Policy", changed}, {"ExpectedRevisionId", first}})["RevisionId"];
  CHECK(second != first);
  CHECK(h.ok("GetResourcePolicy", {{"ResourceArn", arn}})["Policy"] == changed);

  CHECK(h.error("DeleteResourcePolicy", {{"ResourceArn", arn}, {"ExpectedRevisionId", first}}).code ==
        "PolicyNotFoundException");
  CHECK(h.ok("DeleteResourcePolicy", {{"ResourceArn", arn}, {"ExpectedRevisionId", second}})["RevisionId"] == second);
  CHECK(h.error("GetResourcePolicy", {{"ResourceArn", arn}}).code == "PolicyNotFoundException");
  CHECK(h.error("DeleteResourcePolicy", {{"ResourceArn", arn}}).code == "PolicyNotFoundException");
}

TEST_CASE("resource policies: streams have their own; missing resources and large policies are refused",
          "[dynamodb][policies]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 0}\n");
  json params = on_demand_table("events");
  params["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", "KEYS_ONLY"}};
  const std::string stream = h.ok("CreateTable", params)["TableDescription"]["LatestStreamArn"];
  h.ok("PutResourcePolicy", {{"ResourceArn", stream}, {"Policy", kPolicy}});
  CHECK(h.ok("GetResourcePolicy", {{"ResourceArn", stream}})["Policy"] == kPolicy);
  CHECK(h.error("GetResourcePolicy", {{"ResourceArn", kArnPrefix + "events"}}).code == "PolicyNotFoundException");

  CHECK(h.error("PutResourcePolicy", {{"ResourceArn", kArnPrefix + "nothing"}, {"Policy", kPolicy}}).code ==
        "ResourceNotFoundException");
  CHECK(h.error("PutResourcePolicy", {{"ResourceArn", kArnPrefix + "events/stream/2000-01-01T00:00:00.000"},
                                      {"Policy", kPolicy}})
            .code == "ResourceNotFoundException");
  const std::string large = R"({"Version":"2012-10-17","Statement":[],"Pad":")" + std::string(20 * 1024, ' ') + "\"}";
  CHECK(h.error("PutResourcePolicy", {{"ResourceArn", kArnPrefix + "events"}, {"Policy", large}}).code ==
        "ValidationException");
  CHECK(h.error("GetResourcePolicy", {{"ResourceArn", kArnPrefix + "events"}}).code == "PolicyNotFoundException");
}
