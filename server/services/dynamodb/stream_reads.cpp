// GetShardIterator and GetRecords: positions in a stream's shard, and the records from one.
#include <algorithm>

#include "common/time_format.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/request_shape.hpp"
#include "services/dynamodb/stream_access.hpp"
#include "services/dynamodb/stream_handlers.hpp"

namespace chokepoint {

namespace {

// [DDBSTREAMS-API] GetRecords "can retrieve a maximum of 1 MB of data or 1000 stream records, whichever comes first".
// https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_GetRecords.html
constexpr long long kMaxRecordsPerCall = 1000;
constexpr uint64_t kMaxBytesPerCall = 1024 * 1024;

nlohmann::json image_json(const PackedItem& item, const std::vector<std::string>* names = nullptr) {
  std::string text;
  if (names) {
    item.append_json(text, *names);
  } else {
    item.append_json(text);
  }
  return nlohmann::json::parse(text);
}

struct RecordContext {
  const Stream& stream;
  const std::string& arn;
  const std::string& region;
  std::vector<std::string> keys;
};

// One record as GetRecords answers it; `size` receives its SizeBytes.
nlohmann::json record_json(const RecordContext& c, const StreamRecord& r, uint64_t& size) {
  const PackedItem& current = r.new_item.empty() ? r.old_item : r.new_item;
  const StreamViewType view = c.stream.view_type;
  nlohmann::json change = {{"ApproximateCreationDateTime", epoch_second(r.created)},
                           {"Keys", image_json(current, &c.keys)},
                           {"SequenceNumber", sequence_text(r.sequence)},
                           {"StreamViewType", stream_view_type_name(view)}};
  size = current.size_of(c.keys);
  const bool new_image = view == StreamViewType::kNewImage || view == StreamViewType::kNewAndOldImages;
  const bool old_image = view == StreamViewType::kOldImage || view == StreamViewType::kNewAndOldImages;
  if (new_image && !r.new_item.empty()) {
    change["NewImage"] = image_json(r.new_item);
    size += r.new_item.size_bytes();
  }
  if (old_image && !r.old_item.empty()) {
    change["OldImage"] = image_json(r.old_item);
    size += r.old_item.size_bytes();
  }
  change["SizeBytes"] = size;
  nlohmann::json out = {{"eventID", stream_event_id(c.arn, r.sequence)},
                        {"eventName", r.event_name()},
                        {"eventVersion", "1.1"},
                        {"eventSource", "aws:dynamodb"},
                        {"awsRegion", c.region},
                        {"dynamodb", std::move(change)}};
  // [DDBTTL] TTL deletions carry the service's identity:
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html
  if (r.by_service) out["userIdentity"] = {{"Type", "Service"}, {"PrincipalId", "dynamodb.amazonaws.com"}};
  return out;
}

// Where an AT_ or AFTER_SEQUENCE_NUMBER iterator starts; an error for a number outside the shard or trimmed away.
std::variant<uint64_t, ApiError> sequence_position(const DynamoCall& call, const StreamShard& shard, uint64_t end,
                                                   bool after) {
  if (!param_present(call.params, "SequenceNumber")) {
    // Unconfirmed wording.
    return dynamodb_errors::validation("SequenceNumber is required for ShardIteratorType " +
                                       param_str(call.params, "ShardIteratorType"));
  }
  const std::string text = param_str(call.params, "SequenceNumber");
  const auto sequence = parse_sequence(text);
  if (!sequence || *sequence < shard.starting_sequence || *sequence >= std::max(end, shard.starting_sequence + 1)) {
    // Unconfirmed wording.
    return dynamodb_errors::validation("Invalid SequenceNumber " + text + " for shard " + shard.id);
  }
  if (*sequence <= shard.trim_point(call.now)) return stream_errors::trimmed();
  return after ? *sequence + 1 : *sequence;
}

}  // namespace

ApiResult get_shard_iterator(DynamoCall& call) {
  const std::string arn = param_str(call.params, "StreamArn");
  auto opened = open_stream(call, arn);
  if (auto* e = std::get_if<ApiError>(&opened)) return std::move(*e);
  const LockedStream& locked = std::get<LockedStream>(opened);
  auto found = find_shard(*locked.stream, param_str(call.params, "ShardId"), false);
  if (auto* e = std::get_if<ApiError>(&found)) return std::move(*e);
  const StreamShard& shard = *std::get<const StreamShard*>(found);
  const std::string type = param_str(call.params, "ShardIteratorType");
  const uint64_t end = shard.end(locked.table->streams.next_sequence());
  uint64_t position = end;  // LATEST
  if (type == "TRIM_HORIZON") {
    position = std::max(shard.trim_point(call.now) + 1, shard.starting_sequence);
  } else if (type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER") {
    auto at = sequence_position(call, shard, end, type == "AFTER_SEQUENCE_NUMBER");
    if (auto* e = std::get_if<ApiError>(&at)) return std::move(*e);
    position = std::get<uint64_t>(at);
  }
  ApiResponse r;
  r.body["ShardIterator"] = encode_shard_iterator(ShardIterator{arn, shard.id, position, call.now});
  return r;
}

ApiResult get_records(DynamoCall& call) {
  const auto iterator = decode_shard_iterator(param_str(call.params, "ShardIterator"));
  if (!iterator) return stream_errors::invalid_iterator();
  if (call.now >= iterator->issued + kShardIteratorLifetime) return stream_errors::expired_iterator();
  auto opened = open_stream(call, iterator->stream_arn);
  if (auto* e = std::get_if<ApiError>(&opened)) return std::move(*e);
  const LockedStream& locked = std::get<LockedStream>(opened);
  const Stream& stream = *locked.stream;
  auto found = find_shard(stream, iterator->shard_id, true);
  if (auto* e = std::get_if<ApiError>(&found)) return std::move(*e);
  const StreamShard& shard = *std::get<const StreamShard*>(found);
  if (iterator->position <= shard.trim_point(call.now)) return stream_errors::trimmed();
  const nlohmann::json& wanted = param_json(call.params, "Limit");
  const long long limit = wanted.is_null() ? kMaxRecordsPerCall : shape_integer(wanted);
  const RecordContext context{stream, iterator->stream_arn, call.region, locked.table->meta.schema.key.names()};
  nlohmann::json records = nlohmann::json::array();
  uint64_t next = iterator->position;
  uint64_t bytes = 0;
  for (std::size_t i = shard.first_at(next, call.now); i < shard.records.size(); ++i) {
    if (static_cast<long long>(records.size()) >= limit || bytes >= kMaxBytesPerCall) break;
    uint64_t size = 0;
    records.push_back(record_json(context, shard.records[i], size));
    bytes += size;
    next = shard.records[i].sequence + 1;
  }
  ApiResponse r;
  r.body["Records"] = std::move(records);
  // A closed shard read to its end has no next iterator: the reader moves on to the shard's children.
  const bool exhausted = shard.ending_sequence && shard.first_at(next, call.now) == shard.records.size();
  if (!exhausted) {
    r.body["NextShardIterator"] = encode_shard_iterator(ShardIterator{iterator->stream_arn, shard.id, next, call.now});
  }
  return r;
}

}  // namespace chokepoint
