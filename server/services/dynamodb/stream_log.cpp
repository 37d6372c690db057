#include "services/dynamodb/stream_log.hpp"

#include <algorithm>
#include <cstdio>

#include "common/time_format.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kViewTypeNames[] = {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"};
constexpr std::string_view kStatusNames[] = {"ENABLING", "ENABLED", "DISABLING", "DISABLED"};

// The label is the enabling time in milliseconds, without the zone.
std::string label_at(TimePoint t) {
  std::string text = iso8601_millis(t);
  if (!text.empty() && text.back() == 'Z') text.pop_back();
  return text;
}

StreamShard open_shard(const Stream& stream, TimePoint opened, std::string parent_id, uint64_t next_sequence) {
  StreamShard shard;
  shard.id = shard_id_for(stream.arn, opened);
  shard.parent_id = std::move(parent_id);
  shard.opened = opened;
  shard.starting_sequence = next_sequence;
  shard.trimmed_through = next_sequence - 1;
  return shard;
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

std::string_view stream_status_name(StreamStatus status) {
  return kStatusNames[static_cast<std::size_t>(status)];
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

StreamStatus Stream::status(TimePoint now) const {
  if (disabled) return now < settles ? StreamStatus::kDisabling : StreamStatus::kDisabled;
  return now < settles ? StreamStatus::kEnabling : StreamStatus::kEnabled;
}

const StreamShard* Stream::shard(std::string_view id) const {
  for (const StreamShard& s : shards) {
    if (s.id == id) return &s;
  }
  return nullptr;
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
  std::snprintf(text, sizeof text, "%08x%08x%016llx", static_cast<unsigned>(stream_hash(stream_arn)),
                static_cast<unsigned>(sequence & 0xffffffffu), mixed);
  return text;
}

std::string stream_arn(std::string_view table_arn, std::string_view label) {
  return std::string(table_arn) + "/stream/" + std::string(label);
}

Stream& TableStreams::enable(StreamViewType view_type, TimePoint now, std::string_view table_arn,
                             const StreamLimits& limits, TimePoint settles) {
  TimePoint at = now;
  while (std::any_of(streams_.begin(), streams_.end(), [&](const Stream& s) { return s.label == label_at(at); })) {
    at += std::chrono::milliseconds(1);
  }
  Stream stream;
  stream.label = label_at(at);
  stream.arn = stream_arn(table_arn, stream.label);
  stream.view_type = view_type;
  stream.created = now;
  stream.settles = settles;
  stream.limits = limits;
  stream.shards.push_back(open_shard(stream, at, "", next_sequence_));
  streams_.push_back(std::move(stream));
  return streams_.back();
}

bool TableStreams::disable(TimePoint now, TimePoint settles) {
  advance(now);
  Stream* stream = enabled_stream();
  if (!stream) return false;
  stream->disabled = now;
  stream->settles = settles;
  stream->shards.back().close(now, next_sequence_);
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

bool TableStreams::roll(Stream& stream, TimePoint now) {
  const Duration lifetime = stream.limits.shard_lifetime;
  if (stream.disabled || stream.shards.empty() || lifetime <= Duration::zero()) return false;
  const TimePoint first_due = stream.shards.back().opened + lifetime;
  if (now < first_due) return false;
  // The open shard closes at first_due; shard j (j >= 1) opens at first_due + (j - 1) * lifetime. Shards that
  // would have closed more than the retention ago are never made: they would be listed no more anyway.
  const long long due = static_cast<long long>((now - first_due) / lifetime) + 1;
  const long long kept = static_cast<long long>(kStreamRetention / lifetime) + 2;
  const long long first_made = std::max(1LL, due - kept);
  const auto opening = [&](long long j) { return first_due + (j - 1) * lifetime; };
  stream.shards.back().close(first_due, next_sequence_);
  std::string parent = first_made == 1 ? stream.shards.back().id : shard_id_for(stream.arn, opening(first_made - 1));
  for (long long j = first_made; j <= due; ++j) {
    stream.shards.push_back(open_shard(stream, opening(j), parent, next_sequence_));
    parent = stream.shards.back().id;
    if (j < due) stream.shards.back().close(opening(j + 1), next_sequence_);
  }
  return true;
}

bool TableStreams::advance(TimePoint now) {
  bool rolled = false;
  for (Stream& stream : streams_) {
    rolled = roll(stream, now) || rolled;
    auto& shards = stream.shards;
    shards.erase(std::remove_if(shards.begin(), shards.end(), [&](const StreamShard& s) { return s.expired(now); }),
                 shards.end());
  }
  streams_.erase(std::remove_if(streams_.begin(), streams_.end(), [&](const Stream& s) { return s.expired(now); }),
                 streams_.end());
  return rolled;
}

const StreamRecord* TableStreams::record(const PackedItem& old_item, const PackedItem& new_item, TimePoint now,
                                         bool by_service) {
  Stream* stream = enabled_stream();
  if (!stream || stream->shards.empty()) return nullptr;
  StreamShard& shard = stream->shards.back();
  shard.records.push_back(StreamRecord{next_sequence_++, now, old_item, new_item, by_service});
  shard.trim(now, stream->limits.max_records);
  return shard.records.empty() ? nullptr : &shard.records.back();
}

void TableStreams::restore_stream(Stream stream) {
  for (const StreamShard& shard : stream.shards) {
    next_sequence_ = std::max(next_sequence_, shard.end(shard.starting_sequence));
  }
  for (Stream& s : streams_) {
    if (s.label != stream.label) continue;
    // A newer description of a stream whose records came back already: they stay with their shards.
    for (StreamShard& shard : stream.shards) {
      for (StreamShard& before : s.shards) {
        if (before.id == shard.id) shard.records = std::move(before.records);
      }
    }
    s = std::move(stream);
    return;
  }
  streams_.push_back(std::move(stream));
}

void TableStreams::restore_record(std::string_view label, StreamRecord record) {
  for (Stream& s : streams_) {
    if (s.label != label) continue;
    next_sequence_ = std::max(next_sequence_, record.sequence + 1);
    // The last shard whose range starts at or before the record holds it.
    for (auto it = s.shards.rbegin(); it != s.shards.rend(); ++it) {
      if (it->starting_sequence > record.sequence) continue;
      if (it->records.empty() || it->records.back().sequence < record.sequence)
        it->records.push_back(std::move(record));
      return;
    }
    return;
  }
}

}  // namespace chokepoint
