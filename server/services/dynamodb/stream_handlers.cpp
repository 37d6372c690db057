// ListStreams and DescribeStream, and the input shapes of DynamoDB Streams' operations (from its service model:
// botocore data/dynamodbstreams/2012-08-10/service-2.json).
#include "services/dynamodb/stream_handlers.hpp"

#include <algorithm>

#include "common/time_format.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/request_shape.hpp"
#include "services/dynamodb/stream_access.hpp"
#include "services/dynamodb/table_description.hpp"

namespace chokepoint {

namespace {

Shape* stream_arn_shape(ShapeBuilder& b, bool required) {
  Shape* s = b.length(b.string(), 37, 1024);
  s->not_null = required;
  return s;
}

Shape* positive_limit(ShapeBuilder& b, std::optional<double> max = std::nullopt) {
  Shape* s = b.scalar(ShapeKind::kInteger);
  s->min_value = 1;
  s->max_value = max;
  return s;
}

Shape* shard_id_shape(ShapeBuilder& b, bool required) {
  Shape* s = b.length(b.string(), 28, 65);
  s->not_null = required;
  return s;
}

// [DDBSTREAMS-API] ListStreams: "The maximum number of streams to return. The upper limit is 100."
// https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_ListStreams.html
constexpr long long kMaxListedStreams = 100;

// [DDBSTREAMS-API] DescribeStream: "The maximum number of shard objects to return. The upper limit is 100."
// https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_DescribeStream.html
constexpr long long kMaxDescribedShards = 100;

long long streams_limit(const nlohmann::json& params, long long max) {
  const nlohmann::json& limit = param_json(params, "Limit");
  return limit.is_null() ? max : std::min(max, shape_integer(limit));
}

nlohmann::json shard_json(const StreamShard& shard) {
  nlohmann::json range = {{"StartingSequenceNumber", sequence_text(shard.starting_sequence)}};
  if (shard.ending_sequence) range["EndingSequenceNumber"] = sequence_text(*shard.ending_sequence);
  nlohmann::json out = {{"ShardId", shard.id}, {"SequenceNumberRange", std::move(range)}};
  if (!shard.parent_id.empty()) out["ParentShardId"] = shard.parent_id;
  return out;
}

// One page of the stream's shards, oldest first: those after ExclusiveStartShardId (ids sort by opening time,
// so a start that aged out or never was still places the page), or, with a CHILD_SHARDS filter, the children
// of its shard. LastEvaluatedShardId when the page stopped at the limit with shards left.
void add_shards(const DynamoCall& call, const Stream& stream, nlohmann::json& out) {
  const std::string start = param_str(call.params, "ExclusiveStartShardId");
  const nlohmann::json& filter = param_json(call.params, "ShardFilter");
  const bool children_only = param_str(filter, "Type") == "CHILD_SHARDS";
  const std::string parent = param_str(filter, "ShardId");
  const long long limit = streams_limit(call.params, kMaxDescribedShards);
  nlohmann::json shards = nlohmann::json::array();
  for (const StreamShard& shard : stream.shards) {
    if (!start.empty() && shard.id <= start) continue;
    if (children_only && shard.parent_id != parent) continue;
    if (static_cast<long long>(shards.size()) == limit) {
      out["LastEvaluatedShardId"] = shards.back()["ShardId"];
      break;
    }
    shards.push_back(shard_json(shard));
  }
  out["Shards"] = std::move(shards);
}

}  // namespace

Shape* list_streams_input(ShapeBuilder& b) {
  return b.input({{"TableName", b.index_name()},
                  {"Limit", positive_limit(b)},
                  {"ExclusiveStartStreamArn", stream_arn_shape(b, false)}});
}

Shape* describe_stream_input(ShapeBuilder& b) {
  return b.input({{"StreamArn", stream_arn_shape(b, true)},
                  {"Limit", positive_limit(b)},
                  {"ExclusiveStartShardId", shard_id_shape(b, false)},
                  {"ShardFilter", b.field_struct("ShardFilter", {{"Type", b.enumeration({"CHILD_SHARDS"})},
                                                                 {"ShardId", shard_id_shape(b, false)}})}});
}

Shape* get_shard_iterator_input(ShapeBuilder& b) {
  Shape* sequence = b.length(b.string(), 21, 40);
  return b.input({{"StreamArn", stream_arn_shape(b, true)},
                  {"ShardId", shard_id_shape(b, true)},
                  {"ShardIteratorType",
                   b.enumeration({"TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"}, true)},
                  {"SequenceNumber", sequence}});
}

Shape* get_records_input(ShapeBuilder& b) {
  // [DDBSTREAMS-API] GetRecords Limit: "The upper limit is 1000."
  // https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_GetRecords.html
  return b.input({{"ShardIterator", b.length(b.required(b.string()), 1, 2048)}, {"Limit", positive_limit(b, 1000)}});
}

ApiResult list_streams(DynamoCall& call) {
  const std::string table_name = param_str(call.params, "TableName");
  std::vector<std::shared_ptr<Table>> tables;
  if (table_name.empty()) {
    tables = call.tables.tables(call.now);
  } else if (auto table = call.tables.find(table_name, call.now)) {
    tables.push_back(std::move(table));
  } else {
    return dynamodb_errors::table_not_found(table_name);
  }
  const std::string start = param_str(call.params, "ExclusiveStartStreamArn");
  const long long limit = streams_limit(call.params, kMaxListedStreams);
  bool started = start.empty();
  nlohmann::json streams = nlohmann::json::array();
  std::string last;
  bool more = false;
  for (const auto& table : tables) {
    std::shared_lock lock(table->mutex);
    for (const Stream& stream : table->streams.all()) {
      if (stream.expired(call.now)) continue;
      const std::string arn = stream_arn(table->meta.arn, stream.label);
      if (!started) {
        started = arn == start;
        continue;
      }
      if (static_cast<long long>(streams.size()) == limit) {
        more = true;
        break;
      }
      streams.push_back({{"StreamArn", arn}, {"TableName", table->meta.name}, {"StreamLabel", stream.label}});
      last = arn;
    }
    if (more) break;
  }
  ApiResponse r;
  r.body["Streams"] = std::move(streams);
  if (more) r.body["LastEvaluatedStreamArn"] = last;
  return r;
}

ApiResult describe_stream(DynamoCall& call) {
  const std::string arn = param_str(call.params, "StreamArn");
  auto opened = open_stream(call, arn);
  if (auto* e = std::get_if<ApiError>(&opened)) return std::move(*e);
  const LockedStream& locked = std::get<LockedStream>(opened);
  const Stream& stream = *locked.stream;
  nlohmann::json description = {{"StreamArn", arn},
                                {"StreamLabel", stream.label},
                                {"StreamStatus", stream_status_name(stream.status(call.now))},
                                {"StreamViewType", stream_view_type_name(stream.view_type)},
                                {"CreationRequestDateTime", epoch_seconds(stream.created)},
                                {"TableName", locked.table->meta.name},
                                {"KeySchema", key_schema_json(locked.table->meta.schema.key)}};
  add_shards(call, stream, description);
  ApiResponse r;
  r.body["StreamDescription"] = std::move(description);
  return r;
}

}  // namespace chokepoint
