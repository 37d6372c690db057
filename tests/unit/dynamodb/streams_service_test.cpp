#include <catch2/catch.hpp>

#include "streams_harness.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;
using testing::StreamsHarness;

json stream_item(const std::string& pk, const std::string& v) { return {{"pk", {{"S", pk}}}, {"v", {{"S", v}}}}; }

TEST_CASE("streams: every write path records, in order, with the view type's images", "[dynamodb][streams]") {
  StreamsHarness h;
  h.create_streamed_table("things", "NEW_AND_OLD_IMAGES");
  const std::string arn = h.latest_arn("things");
  CHECK(arn.rfind("arn:aws:dynamodb:us-east-1:123456789012:table/things/stream/", 0) == 0);
  h.ok("PutItem", {{"TableName", "things"}, {"Item", stream_item("a", "1")}});
  h.ok("PutItem", {{"TableName", "things"}, {"Item", stream_item("a", "1")}});  // the same item: no record
  h.ok("UpdateItem", {{"TableName", "things"}, {"Key", {{"pk", {{"S", "a"}}}}}, {"UpdateExpression", "SET v = :v"},
                      {"ExpressionAttributeValues", {{":v", {{"S", "2"}}}}}});
  h.ok("DeleteItem", {{"TableName", "things"}, {"Key", {{"pk", {{"S", "a"}}}}}});
  h.ok("DeleteItem", {{"TableName", "things"}, {"Key", {{"pk", {{"S", "a"}}}}}});  // nothing there: no record
  h.ok("BatchWriteItem", {{"RequestItems", {{"things", {{{"PutRequest", {{"Item", stream_item("b", "1")}}}}}}}}});
  h.ok("TransactWriteItems", {{"TransactItems", {{{"Put", {{"TableName", "things"}, {"Item", stream_item("c", "1")}}}}}}});
  h.ok("ExecuteStatement", {{"Statement", "INSERT INTO things VALUE {'pk': 'd', 'v': '1'}"}});
  const json records = h.streams_ok("GetRecords", {{"ShardIterator", h.iterator(arn, "TRIM_HORIZON")}})["Records"];
  REQUIRE(records.size() == 6);
  std::vector<std::string> names;
  for (const json& r : records) names.push_back(r["eventName"]);
  CHECK(names == std::vector<std::string>{"INSERT", "MODIFY", "REMOVE", "INSERT", "INSERT", "INSERT"});
  CHECK(records[1]["dynamodb"]["OldImage"] == stream_item("a", "1"));
  CHECK(records[1]["dynamodb"]["NewImage"] == stream_item("a", "2"));
  CHECK(records[1]["dynamodb"]["Keys"] == json{{"pk", {{"S", "a"}}}});
  CHECK(records[2]["dynamodb"]["OldImage"] == stream_item("a", "2"));
  CHECK_FALSE(records[2]["dynamodb"].contains("NewImage"));
  CHECK(records[0]["eventSource"] == "aws:dynamodb");
  CHECK(records[0]["eventVersion"] == "1.1");
  CHECK(records[0]["awsRegion"] == "us-east-1");
  CHECK(records[0]["dynamodb"]["StreamViewType"] == "NEW_AND_OLD_IMAGES");
  CHECK(records[0]["dynamodb"]["SizeBytes"].get<int>() > 0);
  CHECK_FALSE(records[0].contains("userIdentity"));
  for (std::size_t i = 1; i < records.size(); ++i) {
    CHECK(records[i - 1]["dynamodb"]["SequenceNumber"].get<std::string>() <
          records[i]["dynamodb"]["SequenceNumber"].get<std::string>());
  }
}

TEST_CASE("streams: KEYS_ONLY and OLD_IMAGE show only what they ask for", "[dynamodb][streams]") {
  StreamsHarness h;
  h.create_streamed_table("keys", "KEYS_ONLY");
  h.create_streamed_table("olds", "OLD_IMAGE");
  for (const char* t : {"keys", "olds"}) {
    h.ok("PutItem", {{"TableName", t}, {"Item", stream_item("a", "1")}});
    h.ok("PutItem", {{"TableName", t}, {"Item", stream_item("a", "2")}});
  }
  const json keys = h.streams_ok("GetRecords", {{"ShardIterator", h.iterator(h.latest_arn("keys"), "TRIM_HORIZON")}});
  CHECK_FALSE(keys["Records"][1]["dynamodb"].contains("NewImage"));
  CHECK_FALSE(keys["Records"][1]["dynamodb"].contains("OldImage"));
  const json old = h.streams_ok("GetRecords", {{"ShardIterator", h.iterator(h.latest_arn("olds"), "TRIM_HORIZON")}});
  CHECK(old["Records"][1]["dynamodb"]["OldImage"] == stream_item("a", "1"));
  CHECK_FALSE(old["Records"][1]["dynamodb"].contains("NewImage"));
}

TEST_CASE("streams: iterator types LATEST, AT_ and AFTER_SEQUENCE_NUMBER", "[dynamodb][streams]") {
  StreamsHarness h;
  h.create_streamed_table("things", "NEW_IMAGE");
  const std::string arn = h.latest_arn("things");
  for (const char* pk : {"a", "b", "c"}) h.ok("PutItem", {{"TableName", "things"}, {"Item", stream_item(pk, "1")}});
  const std::string latest = h.iterator(arn, "LATEST");
  const json all = h.streams_ok("GetRecords", {{"ShardIterator", h.iterator(arn, "TRIM_HORIZON")}, {"Limit", 2}});
  REQUIRE(all["Records"].size() == 2);  // Limit
  const std::string second = all["Records"][1]["dynamodb"]["SequenceNumber"];
  const json at = h.streams_ok("GetRecords", {{"ShardIterator", h.iterator(arn, "AT_SEQUENCE_NUMBER", second)}});
  REQUIRE(at["Records"].size() == 2);
  CHECK(at["Records"][0]["dynamodb"]["SequenceNumber"] == second);
  const json after = h.streams_ok("GetRecords", {{"ShardIterator", h.iterator(arn, "AFTER_SEQUENCE_NUMBER", second)}});
  REQUIRE(after["Records"].size() == 1);
  CHECK(after["Records"][0]["dynamodb"]["Keys"]["pk"]["S"] == "c");
  // LATEST sees only what comes after it was taken.
  CHECK(h.streams_ok("GetRecords", {{"ShardIterator", latest}})["Records"].empty());
  h.ok("PutItem", {{"TableName", "things"}, {"Item", stream_item("d", "1")}});
  const json fresh = h.streams_ok("GetRecords", {{"ShardIterator", latest}});
  REQUIRE(fresh["Records"].size() == 1);
  CHECK(fresh["Records"][0]["dynamodb"]["Keys"]["pk"]["S"] == "d");
  // The next iterator carries on from there.
  CHECK(h.streams_ok("GetRecords", {{"ShardIterator", fresh["NextShardIterator"]}})["Records"].empty());
  CHECK(h.streams_error("GetShardIterator", {{"StreamArn", arn}, {"ShardId", h.shard_of(arn)},
                                             {"ShardIteratorType", "AT_SEQUENCE_NUMBER"}})
            .code == "ValidationException");
}

TEST_CASE("streams: iterators expire after 15 minutes; records are trimmed after 24 hours", "[dynamodb][streams]") {
  StreamsHarness h;
  h.create_streamed_table("things", "KEYS_ONLY");
  const std::string arn = h.latest_arn("things");
  h.ok("PutItem", {{"TableName", "things"}, {"Item", stream_item("a", "1")}});
  const std::string it = h.iterator(arn, "TRIM_HORIZON");
  const std::string sequence =
      h.streams_ok("GetRecords", {{"ShardIterator", it}})["Records"][0]["dynamodb"]["SequenceNumber"];
  h.now += std::chrono::minutes(14) + std::chrono::seconds(59);
  CHECK(h.streams_ok("GetRecords", {{"ShardIterator", it}})["Records"].size() == 1);
  h.now += std::chrono::seconds(1);
  const ApiError expired = h.streams_error("GetRecords", {{"ShardIterator", it}});
  CHECK(expired.code == "ExpiredIteratorException");
  CHECK(expired.message == "The provided iterator exceeds the maximum age allowed.");
  // A day after the write the record is gone: an iterator at it is refused, TRIM_HORIZON starts after it.
  const std::string at_record = h.iterator(arn, "AT_SEQUENCE_NUMBER", sequence);
  h.now += std::chrono::hours(24);
  CHECK(h.streams_error("GetShardIterator", {{"StreamArn", arn}, {"ShardId", h.shard_of(arn)},
                                             {"ShardIteratorType", "AT_SEQUENCE_NUMBER"}, {"SequenceNumber", sequence}})
            .code == "TrimmedDataAccessException");
  CHECK(h.streams_ok("GetRecords", {{"ShardIterator", h.iterator(arn, "TRIM_HORIZON")}})["Records"].empty());
  (void)at_record;
}

TEST_CASE("streams: disable closes the shard, re-enable opens a new stream", "[dynamodb][streams]") {
  StreamsHarness h;
  h.create_streamed_table("things", "NEW_IMAGE");
  const std::string first = h.latest_arn("things");
  h.ok("PutItem", {{"TableName", "things"}, {"Item", stream_item("a", "1")}});
  const ApiError again = h.error("UpdateTable", {{"TableName", "things"},
                                                 {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "KEYS_ONLY"}}}});
  CHECK(again.message == "Table already has an enabled stream: TableName: things");
  h.ok("UpdateTable", {{"TableName", "things"}, {"StreamSpecification", {{"StreamEnabled", false}}}});
  const json described = h.ok("DescribeTable", {{"TableName", "things"}})["Table"];
  CHECK_FALSE(described.contains("StreamSpecification"));
  CHECK(described["LatestStreamArn"] == first);  // survives the disable, as DynamoDB's does
  CHECK(h.error("UpdateTable", {{"TableName", "things"}, {"StreamSpecification", {{"StreamEnabled", false}}}}).message ==
        "Table has no stream to disable: TableName: things");
  h.ok("PutItem", {{"TableName", "things"}, {"Item", stream_item("b", "1")}});  // while disabled: recorded nowhere
  h.now += std::chrono::seconds(1);
  h.ok("UpdateTable", {{"TableName", "things"},
                       {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}}}});
  const std::string second = h.latest_arn("things");
  CHECK(second != first);
  h.ok("PutItem", {{"TableName", "things"}, {"Item", stream_item("c", "1")}});
  const json old_stream = h.streams_ok("DescribeStream", {{"StreamArn", first}})["StreamDescription"];
  CHECK(old_stream["StreamStatus"] == "DISABLED");
  CHECK(old_stream["Shards"][0]["SequenceNumberRange"].contains("EndingSequenceNumber"));
  const json closed = h.streams_ok("GetRecords", {{"ShardIterator", h.iterator(first, "TRIM_HORIZON")}});
  REQUIRE(closed["Records"].size() == 1);
  CHECK_FALSE(closed.contains("NextShardIterator"));  // closed and read to the end
  const json open = h.streams_ok("GetRecords", {{"ShardIterator", h.iterator(second, "TRIM_HORIZON")}});
  REQUIRE(open["Records"].size() == 1);
  CHECK(open["Records"][0]["dynamodb"]["Keys"]["pk"]["S"] == "c");
  CHECK(open.contains("NextShardIterator"));
  const json listed = h.streams_ok("ListStreams", {{"TableName", "things"}});
  REQUIRE(listed["Streams"].size() == 2);
  const json page = h.streams_ok("ListStreams", {{"Limit", 1}});
  CHECK(page["Streams"].size() == 1);
  CHECK(page["LastEvaluatedStreamArn"] == first);
  const json rest = h.streams_ok("ListStreams", {{"ExclusiveStartStreamArn", first}});
  REQUIRE(rest["Streams"].size() == 1);
  CHECK(rest["Streams"][0]["StreamArn"] == second);
  CHECK_FALSE(rest.contains("LastEvaluatedStreamArn"));
}

TEST_CASE("streams: StreamSpecification checks with DynamoDB's messages", "[dynamodb][streams]") {
  StreamsHarness h;
  json create = {{"TableName", "things"},
                 {"BillingMode", "PAY_PER_REQUEST"},
                 {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                 {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                 {"StreamSpecification", {{"StreamEnabled", true}}}};
  CHECK(h.error("CreateTable", create).message ==
        "One or more parameter values were invalid: Table is being created with a stream enabled, UpdateViewType is required");
  create["StreamSpecification"] = {{"StreamEnabled", false}, {"StreamViewType", "KEYS_ONLY"}};
  CHECK(h.error("CreateTable", create).message ==
        "One or more parameter values were invalid: Table is being created with a stream disabled, UpdateViewType should not be specified");
  h.create_simple_table("plain");
  CHECK(h.error("UpdateTable", {{"TableName", "plain"}, {"StreamSpecification", {{"StreamEnabled", true}}}}).message ==
        "One or more parameter values were invalid: If stream is being enabled then UpdateViewType is required");
  CHECK(h.error("UpdateTable", {{"TableName", "plain"},
                                {"StreamSpecification", {{"StreamEnabled", false}, {"StreamViewType", "KEYS_ONLY"}}}})
            .message == "One or more parameter values were invalid: If stream is being disabled, then UpdateViewType must not be specified");
  CHECK_FALSE(h.ok("DescribeTable", {{"TableName", "plain"}})["Table"].contains("LatestStreamArn"));
}

TEST_CASE("streams: bad ARNs, shards, iterators and limits", "[dynamodb][streams]") {
  StreamsHarness h;
  h.create_streamed_table("things", "KEYS_ONLY");
  const std::string arn = h.latest_arn("things");
  CHECK(h.streams_error("DescribeStream", {{"StreamArn", "short"}}).code == "ValidationException");
  CHECK(h.streams_error("DescribeStream", {{"StreamArn", arn + "x"}}).code == "ResourceNotFoundException");
  CHECK(h.streams_error("DescribeStream", {{"StreamArn", "arn:aws:dynamodb:us-east-1:123456789012:table/things/index/i0"}})
            .code == "ValidationException");
  CHECK(h.streams_error("GetShardIterator", {{"StreamArn", arn},
                                             {"ShardId", "shardId-00000000000000000000-00000000"},
                                             {"ShardIteratorType", "LATEST"}})
            .code == "ResourceNotFoundException");
  CHECK(h.streams_error("GetRecords", {{"ShardIterator", "not an iterator"}}).code == "ValidationException");
  const ApiError limit = h.streams_error("GetRecords", {{"ShardIterator", h.iterator(arn, "LATEST")}, {"Limit", 1001}});
  CHECK(limit.code == "ValidationException");
  CHECK(limit.message.find("less than or equal to 1000") != std::string::npos);
  CHECK(h.streams_error("ListStreams", {{"TableName", "missing"}}).code == "ResourceNotFoundException");
  // A deleted table's stream is gone with it.
  h.ok("DeleteTable", {{"TableName", "things"}});
  CHECK(h.streams_error("DescribeStream", {{"StreamArn", arn}}).code == "ResourceNotFoundException");
}

}  // namespace
}  // namespace chokepoint

namespace chokepoint {
namespace {

TEST_CASE("streams: TTL deletions are REMOVE records in the service's name", "[dynamodb][streams][ttl]") {
  StreamsHarness h;
  h.create_streamed_table("expiring", "OLD_IMAGE");
  h.ok("UpdateTimeToLive", {{"TableName", "expiring"},
                            {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "expires"}}}});
  const long long now_s = std::chrono::duration_cast<std::chrono::seconds>(h.now.time_since_epoch()).count();
  json soon = stream_item("soon", "1");
  soon["expires"] = {{"N", std::to_string(now_s + 60)}};
  json never = stream_item("never", "1");
  never["expires"] = {{"S", "not a number"}};
  h.ok("PutItem", {{"TableName", "expiring"}, {"Item", soon}});
  h.ok("PutItem", {{"TableName", "expiring"}, {"Item", never}});
  h.now += std::chrono::seconds(30);
  CHECK(h.ok("GetItem", {{"TableName", "expiring"}, {"Key", {{"pk", {{"S", "soon"}}}}}}).contains("Item"));
  h.now += std::chrono::seconds(31);
  CHECK_FALSE(h.ok("GetItem", {{"TableName", "expiring"}, {"Key", {{"pk", {{"S", "soon"}}}}}}).contains("Item"));
  CHECK(h.ok("GetItem", {{"TableName", "expiring"}, {"Key", {{"pk", {{"S", "never"}}}}}}).contains("Item"));
  const json records =
      h.streams_ok("GetRecords", {{"ShardIterator", h.iterator(h.latest_arn("expiring"), "TRIM_HORIZON")}})["Records"];
  REQUIRE(records.size() == 3);
  CHECK(records[2]["eventName"] == "REMOVE");
  CHECK(records[2]["dynamodb"]["OldImage"] == soon);
  CHECK(records[2]["userIdentity"] == json{{"Type", "Service"}, {"PrincipalId", "dynamodb.amazonaws.com"}});
  CHECK_FALSE(records[0].contains("userIdentity"));
}

}  // namespace
}  // namespace chokepoint
