// DynamoDB Streams' shards over time: rollovers to child shards, closed shards read to their end, shards that
// age out, DescribeStream's paging and filter, and the stream's status while the table operation runs.
#include <catch2/catch.hpp>

#include "streams_harness.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;
using testing::StreamsHarness;

json shard_item(const std::string& pk) {
  return {{"pk", {{"S", pk}}}};
}

void put_shard_item(StreamsHarness& h, const std::string& pk) {
  h.ok("PutItem", {{"TableName", "events"}, {"Item", shard_item(pk)}});
}

json described_shards(StreamsHarness& h, const std::string& arn, json params = json::object()) {
  params["StreamArn"] = arn;
  return h.streams_ok("DescribeStream", params)["StreamDescription"];
}

// What a KCL-style reader does: every shard, parents before children, from TRIM_HORIZON to its end.
std::vector<std::string> read_lineage(StreamsHarness& h, const std::string& arn) {
  std::vector<std::string> keys;
  const json description = described_shards(h, arn);
  for (const json& shard : description["Shards"]) {
    std::string iterator = h.streams_ok(
        "GetShardIterator",
        {{"StreamArn", arn}, {"ShardId", shard["ShardId"]}, {"ShardIteratorType", "TRIM_HORIZON"}})["ShardIterator"];
    for (int call = 0; call < 10; ++call) {
      const json out = h.streams_ok("GetRecords", {{"ShardIterator", iterator}});
      for (const json& r : out["Records"]) keys.push_back(r["dynamodb"]["Keys"]["pk"]["S"]);
      if (!out.contains("NextShardIterator") || out["Records"].empty()) break;
      iterator = out["NextShardIterator"];
    }
  }
  return keys;
}

TEST_CASE("stream shards: a rollover closes the shard and a child takes over", "[dynamodb][streams]") {
  StreamsHarness h;
  h.create_streamed_table("events", "KEYS_ONLY");
  const std::string arn = h.latest_arn("events");
  put_shard_item(h, "a");
  const std::string first = h.shard_of(arn);
  std::string iterator = h.streams_ok(
      "GetShardIterator", {{"StreamArn", arn}, {"ShardId", first}, {"ShardIteratorType", "LATEST"}})["ShardIterator"];
  put_shard_item(h, "b");
  // A poller every 10 minutes: it reads "b", then, once the shard closed at 4 hours, is told the shard ended.
  std::vector<std::string> polled;
  int polls = 0;
  for (; polls < 40; ++polls) {
    const json out = h.streams_ok("GetRecords", {{"ShardIterator", iterator}});
    for (const json& r : out["Records"]) polled.push_back(r["dynamodb"]["Keys"]["pk"]["S"]);
    if (!out.contains("NextShardIterator")) break;
    iterator = out["NextShardIterator"];
    h.now += std::chrono::minutes(10);
  }
  CHECK(polled == std::vector<std::string>{"b"});
  CHECK(polls == 24);  // at 4 hours
  put_shard_item(h, "c");
  const json description = described_shards(h, arn);
  CHECK(description["StreamStatus"] == "ENABLED");
  const json shards = description["Shards"];
  REQUIRE(shards.size() == 2);
  CHECK(shards[0]["ShardId"] == first);
  CHECK_FALSE(shards[0].contains("ParentShardId"));
  CHECK(shards[1]["ParentShardId"] == first);
  const json closed_range = shards[0]["SequenceNumberRange"];
  REQUIRE(closed_range.contains("EndingSequenceNumber"));
  CHECK(closed_range["EndingSequenceNumber"].get<std::string>() <
        shards[1]["SequenceNumberRange"]["StartingSequenceNumber"].get<std::string>());
  CHECK_FALSE(shards[1]["SequenceNumberRange"].contains("EndingSequenceNumber"));
  // Readers following the lineage see every record once, in order.
  CHECK(read_lineage(h, arn) == std::vector<std::string>{"a", "b", "c"});
  // LATEST on a closed shard: nothing more, and no next iterator.
  const json end = h.streams_ok(
      "GetRecords",
      {{"ShardIterator",
        h.streams_ok("GetShardIterator",
                     {{"StreamArn", arn}, {"ShardId", first}, {"ShardIteratorType", "LATEST"}})["ShardIterator"]}});
  CHECK(end["Records"].empty());
  CHECK_FALSE(end.contains("NextShardIterator"));
}

TEST_CASE("stream shards: paging, the CHILD_SHARDS filter and shards that age out", "[dynamodb][streams]") {
  StreamsHarness h;
  h.create_streamed_table("events", "KEYS_ONLY");
  const std::string arn = h.latest_arn("events");
  put_shard_item(h, "a");
  h.now += std::chrono::hours(9);  // shards opened at 0, 4 and 8 hours
  const json all = described_shards(h, arn)["Shards"];
  REQUIRE(all.size() == 3);
  const json page = described_shards(h, arn, {{"Limit", 2}});
  REQUIRE(page["Shards"].size() == 2);
  CHECK(page["LastEvaluatedShardId"] == all[1]["ShardId"]);
  const json rest = described_shards(h, arn, {{"ExclusiveStartShardId", page["LastEvaluatedShardId"]}});
  REQUIRE(rest["Shards"].size() == 1);
  CHECK(rest["Shards"][0] == all[2]);
  CHECK_FALSE(rest.contains("LastEvaluatedShardId"));
  CHECK(
      described_shards(h, arn, {{"ExclusiveStartShardId", "shardId-99999999999999999999-ffffffff"}})["Shards"].empty());
  const json children =
      described_shards(h, arn, {{"ShardFilter", {{"Type", "CHILD_SHARDS"}, {"ShardId", all[0]["ShardId"]}}}})["Shards"];
  REQUIRE(children.size() == 1);
  CHECK(children[0] == all[1]);

  // The first shard closed at 4 hours: listed and readable until 28 hours, then gone.
  const std::string first = all[0]["ShardId"];
  h.now += std::chrono::hours(19) - std::chrono::seconds(1);  // 27:59:59
  const std::string iterator =
      h.streams_ok("GetShardIterator",
                   {{"StreamArn", arn}, {"ShardId", first}, {"ShardIteratorType", "TRIM_HORIZON"}})["ShardIterator"];
  h.now += std::chrono::seconds(1);
  CHECK(described_shards(h, arn)["Shards"][0]["ShardId"] == all[1]["ShardId"]);
  CHECK(h.streams_error("GetRecords", {{"ShardIterator", iterator}}).code == "TrimmedDataAccessException");
  const ApiError gone = h.streams_error(
      "GetShardIterator", {{"StreamArn", arn}, {"ShardId", first}, {"ShardIteratorType", "TRIM_HORIZON"}});
  CHECK(gone.code == "ResourceNotFoundException");
  CHECK(gone.message == "Requested resource not found: Shard does not exist");
}

TEST_CASE("stream shards: the lifetime is a setting", "[dynamodb][streams]") {
  StreamsHarness h("dynamodb:\n  stream_shard_lifetime_ms: 60000\n");
  h.create_streamed_table("events", "KEYS_ONLY");
  const std::string arn = h.latest_arn("events");
  for (const char* pk : {"a", "b", "c"}) {
    put_shard_item(h, pk);
    h.now += std::chrono::minutes(1);
  }
  CHECK(described_shards(h, arn)["Shards"].size() == 4);
  CHECK(read_lineage(h, arn) == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("stream shards: ENABLING and DISABLING while the table operation runs", "[dynamodb][streams]") {
  StreamsHarness h("dynamodb:\n  table_creation_delay_ms: 2000\n  table_update_delay_ms: 3000\n");
  h.create_streamed_table("events", "NEW_IMAGE");
  const std::string arn = h.latest_arn("events");
  CHECK(described_shards(h, arn)["StreamStatus"] == "ENABLING");
  h.now += std::chrono::seconds(2);
  CHECK(described_shards(h, arn)["StreamStatus"] == "ENABLED");
  h.ok("UpdateTable", {{"TableName", "events"}, {"StreamSpecification", {{"StreamEnabled", false}}}});
  CHECK(described_shards(h, arn)["StreamStatus"] == "DISABLING");
  CHECK(h.ok("DescribeTable", {{"TableName", "events"}})["Table"]["TableStatus"] == "UPDATING");
  h.now += std::chrono::seconds(3);
  CHECK(described_shards(h, arn)["StreamStatus"] == "DISABLED");
  h.ok("UpdateTable",
       {{"TableName", "events"}, {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "KEYS_ONLY"}}}});
  const std::string second = h.latest_arn("events");
  const json table = h.ok("DescribeTable", {{"TableName", "events"}})["Table"];
  CHECK(table["TableStatus"] == "UPDATING");
  CHECK(table["StreamSpecification"] == json{{"StreamEnabled", true}, {"StreamViewType", "KEYS_ONLY"}});
  CHECK(described_shards(h, second)["StreamStatus"] == "ENABLING");
  put_shard_item(h, "early");  // recorded from the enabling request on
  h.now += std::chrono::seconds(3);
  CHECK(described_shards(h, second)["StreamStatus"] == "ENABLED");
  CHECK(read_lineage(h, second) == std::vector<std::string>{"early"});
}

}  // namespace
}  // namespace chokepoint
