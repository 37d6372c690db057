#pragma once
// One shard of a DynamoDB stream: a contiguous range of sequence numbers and the records in it. A shard is open
// (it takes new records) until it is closed, by a rollover or by disabling the stream; a closed shard has an
// ending sequence number and stays readable until its records age out. Pure values; time is a parameter.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "services/dynamodb/packed_item.hpp"

namespace chokepoint {

// [DDBSTREAMS] "All data in DynamoDB Streams is subject to a 24 hour lifetime."
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html
inline constexpr std::chrono::hours kStreamRetention{24};

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

struct StreamShard {
  std::string id;
  std::string parent_id;  // the shard it took over from; empty for a stream's first shard
  TimePoint opened{};
  uint64_t starting_sequence = 0;
  std::optional<uint64_t> ending_sequence;  // set when it closed
  std::optional<TimePoint> closed;
  std::deque<StreamRecord> records;
  uint64_t trimmed_through = 0;  // records up to this sequence are gone (retention or the size cap)

  // Sequences up to this one are no longer readable at `now` (trimmed, or older than the retention).
  uint64_t trim_point(TimePoint now) const;
  // The first record at or after `sequence` that is still readable at `now`; records.size() when none.
  std::size_t first_at(uint64_t sequence, TimePoint now) const;
  // The sequence after the shard's last: where LATEST reads from (`next_sequence` while it is open).
  uint64_t end(uint64_t next_sequence) const { return ending_sequence ? *ending_sequence + 1 : next_sequence; }
  // Closed long enough ago that every record it had is past the retention: DescribeStream lists it no more.
  bool expired(TimePoint now) const { return closed && now >= *closed + kStreamRetention; }

  // Closes the shard at `at`; `next_sequence` (the table's counter) moves past its range. An empty shard closes
  // on its starting sequence, so that its range stays well formed and the next shard starts after it.
  void close(TimePoint at, uint64_t& next_sequence);
  // Drops records past the retention or beyond `max_records`, oldest first.
  void trim(TimePoint now, std::size_t max_records);
};

// FNV-1a: a stable short hash, so that the ids this file and stream_log.cpp make do not depend on the run.
uint32_t stream_hash(std::string_view text);

// shardId-<20 digits of the opening millisecond>-<8 hex>, the form (and length, 37) of DynamoDB Streams' shard
// ids; the same for the same stream and time in every run. Ids of one stream sort by opening time.
std::string shard_id_for(std::string_view stream_arn, TimePoint opened);

}  // namespace chokepoint
