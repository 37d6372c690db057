#pragma once
// What every DynamoDB Streams operation does first: find the stream an ARN names among the caller's tables, and
// hold its table's lock while reading it. Also the service's error values (messages marked unconfirmed where no
// AWS source quotes them).
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <variant>

#include "protocol/api_types.hpp"
#include "services/dynamodb/dynamodb_call.hpp"
#include "services/dynamodb/stream_iterator.hpp"

namespace chokepoint {

// A stream with its table read-locked; `stream` stays valid while this lives.
struct LockedStream {
  std::shared_ptr<Table> table;
  std::shared_lock<std::shared_mutex> lock;
  const Stream* stream = nullptr;
};

// ValidationException for an ARN that is not a stream ARN; ResourceNotFoundException for a stream the caller's
// account and region do not have (another account's, a deleted table's, one that aged out).
std::variant<LockedStream, ApiError> open_stream(const DynamoCall& call, std::string_view arn);

// The listed shard of that id. A shard that is not listed is ResourceNotFoundException, or, for an iterator
// (which once named a listed shard) into a shard that aged out, TrimmedDataAccessException.
std::variant<const StreamShard*, ApiError> find_shard(const Stream& stream, std::string_view id, bool by_iterator);

namespace stream_errors {

// Unconfirmed wording, after DynamoDB's "Requested resource not found: Table: <name> not found".
ApiError stream_not_found(std::string_view arn);
ApiError shard_not_found();
ApiError invalid_arn();
ApiError invalid_iterator();
ApiError expired_iterator();
ApiError trimmed();

}  // namespace stream_errors

}  // namespace chokepoint
