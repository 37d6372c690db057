#pragma once
// A table's DynamoDB streams: every stream it has had (enabled or disabled, until they age out), each with one
// shard and the log of the item changes recorded while it was enabled. Sequence numbers come from one counter
// per table, so the shards of successive streams have disjoint, increasing ranges. Records are kept 24 hours and
// at most `max_records` per shard (oldest first out); a disabled stream disappears 24 hours after it was
// disabled. Time is always a parameter. Not thread-safe: the owning Table's lock guards it.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "services/dynamodb/packed_item.hpp"

namespace chokepoint {

enum class StreamViewType { kKeysOnly, kNewImage, kOldImage, kNewAndOldImages };
std::optional<StreamViewType> parse_stream_view_type(std::string_view name);
std::string_view stream_view_type_name(StreamViewType type);

// [DDBSTREAMS] "All data in DynamoDB Streams is subject to a 24 hour lifetime."
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html
inline constexpr std::chrono::hours kStreamRetention{24};

// Sequence numbers as DynamoDB Streams writes them: decimal strings of 21 digits or more (the model's minimum),
// increasing. Ours are "1" followed by the counter in 20 digits; nullopt for text of another form.
std::string sequence_text(uint64_t sequence);
std::optional<uint64_t> parse_sequence(std::string_view text);

// One item change. `old_item` is empty for an INSERT, `new_item` for a REMOVE; both are kept whatever the view
// type (they share the buffers the table holds), and the view type picks what a reader sees.
struct StreamRecord {
  uint64_t sequence = 0;
  TimePoint created{};
  PackedItem old_item;
  PackedItem new_item;
  bool by_service = false;  // a TTL deletion: userIdentity names DynamoDB

  std::string_view event_name() const;  // INSERT, MODIFY or REMOVE
};

struct Stream {
  std::string label;  // 2026-12-07T16:20:31.123: when it was enabled
  StreamViewType view_type = StreamViewType::kNewAndOldImages;
  TimePoint created{};
  std::optional<TimePoint> disabled;  // set once UpdateTable disabled it
  std::string shard_id;
  uint64_t starting_sequence = 0;
  std::optional<uint64_t> ending_sequence;  // set when the shard closed (the stream was disabled)
  std::deque<StreamRecord> records;
  uint64_t trimmed_through = 0;  // records up to this sequence are gone (retention or the size cap)
  std::size_t max_records = 0;   // the size cap, from the configuration when the stream was enabled

  // Sequences up to this one are no longer readable at `now` (trimmed, or older than the retention).
  uint64_t trim_point(TimePoint now) const;
  bool expired(TimePoint now) const { return disabled && now >= *disabled + kStreamRetention; }
  // The first record at or after `sequence` that is still readable at `now`; records.size() when none.
  std::size_t first_at(uint64_t sequence, TimePoint now) const;
};

class TableStreams {
 public:
  // Opens a new stream (and its shard) labelled by `now`; a label already taken moves on by a millisecond. Its
  // shard keeps at most `max_records` records.
  Stream& enable(StreamViewType view_type, TimePoint now, std::string_view table_arn, std::size_t max_records);
  // Closes the enabled stream's shard. False when no stream is enabled.
  bool disable(TimePoint now);
  // The enabled stream; null when none.
  const Stream* enabled() const;
  // The latest stream, enabled or not (LatestStreamArn survives a disable); null when never enabled.
  const Stream* latest() const { return streams_.empty() ? nullptr : &streams_.back(); }
  // The stream of that label, unless it aged out by `now`.
  const Stream* find(std::string_view label, TimePoint now) const;
  const std::vector<Stream>& all() const { return streams_; }

  // Appends a change to the enabled stream (none: nothing to do), then drops what is past the retention or
  // beyond the stream's size cap.
  // Returns the record, with the label of its stream; null when no stream is enabled.
  const StreamRecord* record(const PackedItem& old_item, const PackedItem& new_item, TimePoint now, bool by_service);
  // The sequence the next record gets.
  uint64_t next_sequence() const { return next_sequence_; }

  // Durable mode: streams come back with their descriptions, then their records one by one.
  void restore_stream(Stream stream);
  void restore_record(std::string_view label, StreamRecord record);

 private:
  Stream* enabled_stream();
  static void trim(Stream& stream, TimePoint now);

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
