#pragma once
// A table's DynamoDB streams: every stream it has had (enabled or disabled, until they age out), each with its
// shards (stream_shard.hpp) and the log of the item changes recorded while it was enabled. Sequence numbers
// come from one counter per table, so successive shards and streams have disjoint, increasing ranges.
//
// Shards are ephemeral, as DynamoDB's are: the open shard closes `shard_lifetime` after it opened and a child
// shard (ParentShardId: the closed one) takes over; a closed shard stays listed and readable until its records
// age out, 24 hours after it closed. Records are kept 24 hours and at most `max_records` per shard (oldest first
// out); a disabled stream disappears 24 hours after it was disabled. Rollovers happen lazily, when the streams
// are next touched (advance()), exactly as if they had happened on time: no write can fall between the due time
// and the rollover. Time is always a parameter. Not thread-safe: the owning Table's lock guards it.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "services/dynamodb/packed_item.hpp"
#include "services/dynamodb/stream_shard.hpp"

namespace chokepoint {

enum class StreamViewType { kKeysOnly, kNewImage, kOldImage, kNewAndOldImages };
std::optional<StreamViewType> parse_stream_view_type(std::string_view name);
std::string_view stream_view_type_name(StreamViewType type);

// [DDBSTREAMS-API] StreamDescription.StreamStatus:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_StreamDescription.html
enum class StreamStatus { kEnabling, kEnabled, kDisabling, kDisabled };
std::string_view stream_status_name(StreamStatus status);

// How long a shard stays open. AWS publishes no figure ("Shards are ephemeral: They are created and deleted
// automatically, as needed", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html);
// unconfirmed: readers of DynamoDB Streams observe a new shard about every four hours
// (https://github.com/opensearch-project/data-prepper/issues/5208, https://github.com/estuary/connectors/pull/3418).
inline constexpr std::chrono::hours kDefaultShardLifetime{4};

// Sequence numbers as DynamoDB Streams writes them: decimal strings of 21 digits or more (the model's minimum),
// increasing. Ours are "1" followed by the counter in 20 digits; nullopt for text of another form.
std::string sequence_text(uint64_t sequence);
std::optional<uint64_t> parse_sequence(std::string_view text);

// What the configuration says about a stream's shards when it is enabled.
struct StreamLimits {
  std::size_t max_records = 100000;  // per shard
  Duration shard_lifetime = kDefaultShardLifetime;
};

struct Stream {
  std::string label;  // 2026-12-07T16:20:31.123: when it was enabled
  std::string arn;
  StreamViewType view_type = StreamViewType::kNewAndOldImages;
  TimePoint created{};
  // When the table operation that enabled it (or, once disabled, disabled it) completes: ENABLING (DISABLING)
  // until then.
  TimePoint settles{};
  std::optional<TimePoint> disabled;  // set once UpdateTable disabled it
  StreamLimits limits;
  std::deque<StreamShard> shards;  // oldest first; while the stream is enabled the last one is open

  StreamStatus status(TimePoint now) const;
  bool expired(TimePoint now) const { return disabled && now >= *disabled + kStreamRetention; }
  // The listed shard of that id; null when there is none (never was, or trimmed).
  const StreamShard* shard(std::string_view id) const;
};

class TableStreams {
 public:
  // Opens a new stream (and its first shard) labelled by `now`; a label already taken moves on by a millisecond.
  // It is ENABLING until `settles`.
  Stream& enable(StreamViewType view_type, TimePoint now, std::string_view table_arn, const StreamLimits& limits,
                 TimePoint settles);
  // Closes the enabled stream's open shard; DISABLING until `settles`. False when no stream is enabled.
  bool disable(TimePoint now, TimePoint settles);
  // The enabled stream; null when none.
  const Stream* enabled() const;
  // The latest stream, enabled or not (LatestStreamArn survives a disable); null when never enabled.
  const Stream* latest() const { return streams_.empty() ? nullptr : &streams_.back(); }
  // The stream of that label, unless it aged out by `now`.
  const Stream* find(std::string_view label, TimePoint now) const;
  const std::vector<Stream>& all() const { return streams_; }

  // Brings the streams to `now`: rolls the enabled stream's shards over as they fell due, drops shards and
  // disabled streams that aged out. True when a shard was opened or closed (durable mode records the streams'
  // descriptions then, before any record of the new shard).
  bool advance(TimePoint now);
  // Appends a change to the enabled stream's open shard (none: nothing to do), then drops what is past the
  // retention or beyond the shard's size cap. Call advance(now) first. Null when no stream is enabled.
  const StreamRecord* record(const PackedItem& old_item, const PackedItem& new_item, TimePoint now, bool by_service);
  // The sequence the next record gets.
  uint64_t next_sequence() const { return next_sequence_; }

  // Durable mode: streams come back with their descriptions, then their records one by one.
  void restore_stream(Stream stream);
  void restore_record(std::string_view label, StreamRecord record);

 private:
  Stream* enabled_stream();
  bool roll(Stream& stream, TimePoint now);

  std::vector<Stream> streams_;  // oldest first; at most the last is enabled
  uint64_t next_sequence_ = 1;
};

// True when writing `new_item` where `old_item` was changes what the table holds: a put of an identical item,
// or a delete of nothing, does not, and DynamoDB Streams records nothing for it.
bool item_changed(const PackedItem& old_item, const PackedItem& new_item);

// A record's eventID: 32 hex digits, the same for the same record every time it is read.
std::string stream_event_id(std::string_view stream_arn, uint64_t sequence);

// The stream's ARN: the table's, "/stream/", and the label.
std::string stream_arn(std::string_view table_arn, std::string_view label);

}  // namespace chokepoint
