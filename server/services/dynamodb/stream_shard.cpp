#include "services/dynamodb/stream_shard.hpp"

#include <algorithm>
#include <cstdio>

namespace chokepoint {

uint32_t stream_hash(std::string_view text) {
  uint32_t h = 2166136261u;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

std::string_view StreamRecord::event_name() const {
  if (old_item.empty()) return "INSERT";
  return new_item.empty() ? "REMOVE" : "MODIFY";
}

uint64_t StreamShard::trim_point(TimePoint now) const {
  uint64_t point = trimmed_through;
  for (const StreamRecord& r : records) {
    if (r.created + kStreamRetention > now) break;
    point = r.sequence;
  }
  return point;
}

std::size_t StreamShard::first_at(uint64_t sequence, TimePoint now) const {
  const auto it = std::lower_bound(records.begin(), records.end(), sequence,
                                   [](const StreamRecord& r, uint64_t s) { return r.sequence < s; });
  std::size_t at = static_cast<std::size_t>(it - records.begin());
  while (at < records.size() && records[at].created + kStreamRetention <= now) ++at;
  return at;
}

void StreamShard::close(TimePoint at, uint64_t& next_sequence) {
  ending_sequence = std::max(starting_sequence, next_sequence - 1);
  closed = at;
  next_sequence = std::max(next_sequence, *ending_sequence + 1);
}

void StreamShard::trim(TimePoint now, std::size_t max_records) {
  while (!records.empty() && (records.size() > max_records || records.front().created + kStreamRetention <= now)) {
    trimmed_through = records.front().sequence;
    records.pop_front();
  }
}

std::string shard_id_for(std::string_view stream_arn, TimePoint opened) {
  const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(opened.time_since_epoch()).count();
  const std::string seed = std::string(stream_arn) + "#" + std::to_string(ms);
  char text[64];
  std::snprintf(text, sizeof text, "shardId-%020lld-%08x", ms, static_cast<unsigned>(stream_hash(seed)));
  return text;
}

}  // namespace chokepoint
