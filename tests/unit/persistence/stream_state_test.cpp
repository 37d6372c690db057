// DynamoDB Streams' shards in durable mode: rolled-over shards, their parents and their records come back the
// same from the change log and from a snapshot dump.
#include <catch2/catch.hpp>

#include "dynamodb/streams_harness.hpp"
#include "persistence/record_replay.hpp"
#include "persistence/temp_dir.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;
using testing::StreamsHarness;

// Every shard's description and records, oldest first.
json stream_view(StreamsHarness& h, const std::string& arn) {
  json view = json::array();
  const json description = h.streams_ok("DescribeStream", {{"StreamArn", arn}})["StreamDescription"];
  for (const json& shard : description["Shards"]) {
    const std::string iterator = h.streams_ok(
        "GetShardIterator",
        {{"StreamArn", arn}, {"ShardId", shard["ShardId"]}, {"ShardIteratorType", "TRIM_HORIZON"}})["ShardIterator"];
    view.push_back(
        {{"shard", shard}, {"records", h.streams_ok("GetRecords", {{"ShardIterator", iterator}})["Records"]}});
  }
  return view;
}

void put_durable(StreamsHarness& h, const std::string& pk) {
  h.ok("PutItem", {{"TableName", "kept"}, {"Item", {{"pk", {{"S", pk}}}}}});
}

TEST_CASE("stream shards survive a replay of the change log and a dump", "[persistence][streams]") {
  test::TempDir dir;
  StreamsHarness original;
  test::recorded(dir.path(), original.service, [&] {
    original.create_streamed_table("kept", "KEYS_ONLY");
    put_durable(original, "a");
    original.now += std::chrono::hours(5);
    put_durable(original, "b");  // after a rollover: the new shard is recorded before its first record
    original.now += std::chrono::hours(4);
    original.streams_ok("ListStreams", json::object());
    // A read rolls the shards over too.
    original.streams_ok("DescribeStream", {{"StreamArn", original.latest_arn("kept")}});
    original.now += std::chrono::minutes(1);
    put_durable(original, "c");
  });
  const std::string arn = original.latest_arn("kept");
  const json expected = stream_view(original, arn);
  REQUIRE(expected.size() == 3);
  CHECK(expected[1]["shard"]["ParentShardId"] == expected[0]["shard"]["ShardId"]);
  CHECK(expected[0]["records"].size() == 1);
  CHECK(expected[1]["records"].size() == 1);
  CHECK(expected[2]["records"].size() == 1);

  StreamsHarness replayed;
  replayed.now = original.now;
  test::replay_log(dir.path(), replayed.service, *replayed.config.config, replayed.now);
  CHECK(stream_view(replayed, arn) == expected);

  StreamsHarness restored;
  restored.now = original.now;
  test::copy_dump(original.service, restored.service, *restored.config.config, restored.now);
  CHECK(stream_view(restored, arn) == expected);
}

}  // namespace
}  // namespace chokepoint
