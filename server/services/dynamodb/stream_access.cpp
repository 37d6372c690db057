#include "services/dynamodb/stream_access.hpp"

#include "services/dynamodb/dynamodb_errors.hpp"
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
  locked.lock = std::shared_lock(locked.table->mutex);
  locked.stream = locked.table->streams.find(address->label, call.now);
  if (!locked.stream) return stream_errors::stream_not_found(arn);
  return locked;
}

namespace stream_errors {

ApiError stream_not_found(std::string_view arn) {
  return dynamodb_errors::not_found("Requested resource not found: Stream: " + std::string(arn) + " not found");
}

ApiError shard_not_found(std::string_view shard_id) {
  return dynamodb_errors::not_found("Requested resource not found: Shard: " + std::string(shard_id) + " not found");
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
