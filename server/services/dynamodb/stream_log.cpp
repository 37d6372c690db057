#include "services/dynamodb/stream_log.hpp"

#include <algorithm>
#include <cstdio>

#include "common/time_format.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kViewTypeNames[] = {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"};

// FNV-1a: a stable short hash, so that shard ids do not depend on the run.
uint32_t stable_hash(std::string_view text) {
  uint32_t h = 2166136261u;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

// shardId-<20 digits>-<8 hex>, the form (and length, 37) of DynamoDB Streams' shard ids.
std::string shard_id_for(std::string_view arn, TimePoint created) {
  const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(created.time_since_epoch()).count();
  char text[64];
  std::snprintf(text, sizeof text, "shardId-%020lld-%08x", ms, static_cast<unsigned>(stable_hash(arn)));
  return text;
}

// The label is the enabling time in milliseconds, without the zone.
std::string label_at(TimePoint t) {
  std::string text = iso8601_millis(t);
  if (!text.empty() && text.back() == 'Z') text.pop_back();
  return text;
}

}  // namespace

std::optional<StreamViewType> parse_stream_view_type(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kViewTypeNames); ++i) {
    if (kViewTypeNames[i] == name) return static_cast<StreamViewType>(i);
  }
  return std::nullopt;
}

std::string_view stream_view_type_name(StreamViewType type) {
  return kViewTypeNames[static_cast<std::size_t>(type)];
}

std::string sequence_text(uint64_t sequence) {
  char text[32];
  std::snprintf(text, sizeof text, "1%020llu", static_cast<unsigned long long>(sequence));
  return text;
}

std::optional<uint64_t> parse_sequence(std::string_view text) {
  if (text.size() != 21 || text[0] != '1') return std::nullopt;
  uint64_t value = 0;
  for (const char c : text.substr(1)) {
    if (c < '0' || c > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::string_view StreamRecord::event_name() const {
  if (old_item.empty()) return "INSERT";
  return new_item.empty() ? "REMOVE" : "MODIFY";
}

uint64_t Stream::trim_point(TimePoint now) const {
  uint64_t point = trimmed_through;
  for (const StreamRecord& r : records) {
    if (r.created + kStreamRetention > now) break;
    point = r.sequence;
  }
  return point;
}

std::size_t Stream::first_at(uint64_t sequence, TimePoint now) const {
  const auto it = std::lower_bound(records.begin(), records.end(), sequence,
                                   [](const StreamRecord& r, uint64_t s) { return r.sequence < s; });
  std::size_t at = static_cast<std::size_t>(it - records.begin());
  while (at < records.size() && records[at].created + kStreamRetention <= now) ++at;
  return at;
}

bool item_changed(const PackedItem& old_item, const PackedItem& new_item) {
  if (old_item.empty() || new_item.empty()) return !(old_item.empty() && new_item.empty());
  if (old_item.size_bytes() != new_item.size_bytes()) return true;
  const AttrMap before = old_item.unpack();
  const AttrMap after = new_item.unpack();
  if (before.size() != after.size()) return true;
  for (const auto& [name, value] : before) {
    const AttrValue* now = after.find(name);
    if (!now || !(*now == value)) return true;
  }
  return false;
}

std::string stream_event_id(std::string_view stream_arn, uint64_t sequence) {
  char text[40];
  const unsigned long long mixed = static_cast<unsigned long long>(sequence) * 0x9E3779B97F4A7C15ull;
  std::snprintf(text, sizeof text, "%08x%08x%016llx", static_cast<unsigned>(stable_hash(stream_arn)),
                static_cast<unsigned>(sequence & 0xffffffffu), mixed);
  return text;
}

std::string stream_arn(std::string_view table_arn, std::string_view label) {
  return std::string(table_arn) + "/stream/" + std::string(label);
}

Stream& TableStreams::enable(StreamViewType view_type, TimePoint now, std::string_view table_arn,
                             std::size_t max_records) {
  TimePoint at = now;
  while (std::any_of(streams_.begin(), streams_.end(), [&](const Stream& s) { return s.label == label_at(at); })) {
    at += std::chrono::milliseconds(1);
  }
  Stream stream;
  stream.label = label_at(at);
  stream.view_type = view_type;
  stream.created = now;
  stream.shard_id = shard_id_for(stream_arn(table_arn, stream.label), at);
  stream.starting_sequence = next_sequence_;
  stream.trimmed_through = next_sequence_ - 1;
  stream.max_records = max_records;
  streams_.push_back(std::move(stream));
  return streams_.back();
}

bool TableStreams::disable(TimePoint now) {
  Stream* stream = enabled_stream();
  if (!stream) return false;
  stream->disabled = now;
  // An empty shard closes on its starting sequence: its range stays well formed.
  stream->ending_sequence = std::max(stream->starting_sequence, next_sequence_ - 1);
  // The next stream starts after this shard's range.
  next_sequence_ = std::max(next_sequence_, *stream->ending_sequence + 1);
  return true;
}

Stream* TableStreams::enabled_stream() {
  return !streams_.empty() && !streams_.back().disabled ? &streams_.back() : nullptr;
}

const Stream* TableStreams::enabled() const {
  return const_cast<TableStreams*>(this)->enabled_stream();
}

const Stream* TableStreams::find(std::string_view label, TimePoint now) const {
  for (const Stream& s : streams_) {
    if (s.label == label) return s.expired(now) ? nullptr : &s;
  }
  return nullptr;
}

const StreamRecord* TableStreams::record(const PackedItem& old_item, const PackedItem& new_item, TimePoint now,
                                         bool by_service) {
  // Disabled streams age out here too, whenever the table is written.
  streams_.erase(std::remove_if(streams_.begin(), streams_.end(), [&](const Stream& s) { return s.expired(now); }),
                 streams_.end());
  Stream* stream = enabled_stream();
  if (!stream) return nullptr;
  stream->records.push_back(StreamRecord{next_sequence_++, now, old_item, new_item, by_service});
  trim(*stream, now);
  return stream->records.empty() ? nullptr : &stream->records.back();
}

void TableStreams::trim(Stream& stream, TimePoint now) {
  auto& records = stream.records;
  while (!records.empty() &&
         (records.size() > stream.max_records || records.front().created + kStreamRetention <= now)) {
    stream.trimmed_through = records.front().sequence;
    records.pop_front();
  }
}

void TableStreams::restore_stream(Stream stream) {
  next_sequence_ = std::max(next_sequence_, stream.ending_sequence.value_or(stream.starting_sequence) + 1);
  next_sequence_ = std::max(next_sequence_, stream.starting_sequence);
  for (Stream& s : streams_) {
    if (s.label != stream.label) continue;
    stream.records = std::move(s.records);  // a newer description of a stream whose records came back already
    s = std::move(stream);
    return;
  }
  streams_.push_back(std::move(stream));
}

void TableStreams::restore_record(std::string_view label, StreamRecord record) {
  for (Stream& s : streams_) {
    if (s.label != label) continue;
    next_sequence_ = std::max(next_sequence_, record.sequence + 1);
    if (s.records.empty() || s.records.back().sequence < record.sequence) s.records.push_back(std::move(record));
    return;
  }
}

}  // namespace chokepoint
