#include "services/dynamodb/stream_access.hpp"

#include <mutex>

#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/table_changes.hpp"
#include "services/dynamodb/ttl_expiry.hpp"

namespace chokepoint {

std::variant<LockedStream, ApiError> open_stream(const DynamoCall& call, std::string_view arn) {
  const auto address = parse_stream_arn(arn);
  if (!address) return stream_errors::invalid_arn();
  if (address->account != call.account || address->region != call.region) return stream_errors::stream_not_found(arn);
  LockedStream locked;
  locked.table = call.tables.find(address->table, call.now);
  if (!locked.table) return stream_errors::stream_not_found(arn);
  // A reader waiting for TTL deletions sees them without another call to the table.
  expire_items(*locked.table, call.now);
  {
    // Shards that fell due roll over before anyone reads them (durable mode notes the new shards).
    Table& table = *locked.table;
    std::unique_lock write(table.mutex);
    if (table.streams.advance(call.now) && table.change_log) record_table_state(*table.change_log, table);
  }
  locked.lock = std::shared_lock(locked.table->mutex);
  locked.stream = locked.table->streams.find(address->label, call.now);
  if (!locked.stream) return stream_errors::stream_not_found(arn);
  return locked;
}

std::variant<const StreamShard*, ApiError> find_shard(const Stream& stream, std::string_view id, bool by_iterator) {
  if (const StreamShard* shard = stream.shard(id)) return shard;
  // Ids sort by opening time: one before the oldest listed shard names a shard that aged out.
  const bool trimmed = !stream.shards.empty() && id < stream.shards.front().id;
  if (by_iterator && trimmed) return stream_errors::trimmed();
  return stream_errors::shard_not_found();
}

namespace stream_errors {

ApiError stream_not_found(std::string_view arn) {
  return dynamodb_errors::not_found("Requested resource not found: Stream: " + std::string(arn) + " not found");
}

// The message DynamoDB Streams answers for a shard that is gone, as its readers log it:
// https://github.com/opensearch-project/data-prepper/issues/4401
ApiError shard_not_found() {
  return dynamodb_errors::not_found("Requested resource not found: Shard does not exist");
}

// Unconfirmed wording (AWS publishes none).
ApiError invalid_arn() {
  return dynamodb_errors::validation("Invalid StreamArn");
}
ApiError invalid_iterator() {
  return dynamodb_errors::validation("Invalid ShardIterator");
}

// The message the SDK documentation gives for the exception's `message` member:
// https://botocore.amazonaws.com/v1/documentation/api/latest/reference/services/dynamodbstreams/client/exceptions/ExpiredIteratorException.html
ApiError expired_iterator() {
  return make_error("ExpiredIteratorException", "The provided iterator exceeds the maximum age allowed.");
}

// The exception's documentation (botocore's dynamodbstreams model, TrimmedDataAccessException); the wire message
// is unconfirmed.
ApiError trimmed() {
  return make_error("TrimmedDataAccessException",
                    "The operation attempted to read past the oldest stream record in a shard.");
}

}  // namespace stream_errors

}  // namespace chokepoint
