#include "services/dynamodb/stream_state_json.hpp"

#include "persistence/record_time.hpp"
#include "services/dynamodb/attribute_json.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

json stored_item_json(const PackedItem& item) {
  if (item.empty()) return nullptr;
  std::string text;
  item.append_json(text);
  return json::parse(text);
}

// False when `j` is neither null nor an item.
bool item_from(const json& j, const Table& table, PackedItem& out) {
  if (j.is_null()) return true;
  AttrMap attrs;
  if (!attrs_from_json(j, attrs).empty()) return false;
  out = table.pack(attrs);
  return true;
}

json optional_sequence(const std::optional<uint64_t>& s) {
  return s ? json(*s) : json(nullptr);
}

}  // namespace

json streams_to_json(const TableStreams& streams) {
  json list = json::array();
  for (const Stream& s : streams.all()) {
    json shards = json::array();
    for (const StreamShard& shard : s.shards) {
      shards.push_back({{"id", shard.id},
                        {"parent", shard.parent_id},
                        {"opened", record_time(shard.opened)},
                        {"closed", record_time(shard.closed)},
                        {"starting_sequence", shard.starting_sequence},
                        {"ending_sequence", optional_sequence(shard.ending_sequence)},
                        {"trimmed_through", shard.trimmed_through}});
    }
    list.push_back(
        {{"label", s.label},
         {"arn", s.arn},
         {"view_type", std::string(stream_view_type_name(s.view_type))},
         {"created", record_time(s.created)},
         {"settles", record_time(s.settles)},
         {"disabled", record_time(s.disabled)},
         {"max_records", s.limits.max_records},
         {"shard_lifetime_ms", std::chrono::duration_cast<std::chrono::milliseconds>(s.limits.shard_lifetime).count()},
         {"shards", std::move(shards)}});
  }
  return list;
}

namespace {

StreamShard shard_from(const json& j) {
  StreamShard shard;
  shard.id = j.at("id").get<std::string>();
  shard.parent_id = j.at("parent").get<std::string>();
  shard.opened = time_from_record(j.at("opened"));
  shard.closed = optional_time_from_record(j.at("closed"));
  shard.starting_sequence = j.at("starting_sequence").get<uint64_t>();
  if (!j.at("ending_sequence").is_null()) shard.ending_sequence = j.at("ending_sequence").get<uint64_t>();
  shard.trimmed_through = j.at("trimmed_through").get<uint64_t>();
  return shard;
}

// A stream written before shards rolled over: one shard, described with the stream.
StreamShard single_shard_from(const json& j, const Stream& stream) {
  StreamShard shard;
  shard.id = j.at("shard_id").get<std::string>();
  shard.opened = stream.created;
  shard.closed = stream.disabled;
  shard.starting_sequence = j.at("starting_sequence").get<uint64_t>();
  if (!j.at("ending_sequence").is_null()) shard.ending_sequence = j.at("ending_sequence").get<uint64_t>();
  shard.trimmed_through = j.at("trimmed_through").get<uint64_t>();
  return shard;
}

}  // namespace

void restore_streams(const json& j, std::string_view table_arn, TableStreams& streams) {
  if (!j.is_array()) return;
  for (const json& s : j) {
    if (!s.is_object()) continue;
    Stream stream;
    stream.label = s.at("label").get<std::string>();
    stream.arn = s.contains("arn") ? s.at("arn").get<std::string>() : stream_arn(table_arn, stream.label);
    stream.view_type = parse_stream_view_type(s.at("view_type").get<std::string>()).value_or(StreamViewType::kKeysOnly);
    stream.created = time_from_record(s.at("created"));
    stream.settles = s.contains("settles") ? time_from_record(s.at("settles")) : stream.created;
    stream.disabled = optional_time_from_record(s.at("disabled"));
    stream.limits.max_records = s.at("max_records").get<std::size_t>();
    if (s.contains("shard_lifetime_ms")) {
      stream.limits.shard_lifetime = std::chrono::milliseconds(s.at("shard_lifetime_ms").get<long long>());
    }
    if (s.contains("shards")) {
      for (const json& shard : s.at("shards")) stream.shards.push_back(shard_from(shard));
    } else {
      stream.shards.push_back(single_shard_from(s, stream));
    }
    streams.restore_stream(std::move(stream));
  }
}

json stream_record_to_json(std::string_view label, const StreamRecord& record) {
  return {{"label", label},
          {"sequence", record.sequence},
          {"created", record_time(record.created)},
          {"old", stored_item_json(record.old_item)},
          {"new", stored_item_json(record.new_item)},
          {"by_service", record.by_service}};
}

bool restore_stream_record(const json& j, Table& table) {
  try {
    StreamRecord record;
    record.sequence = j.at("sequence").get<uint64_t>();
    record.created = time_from_record(j.at("created"));
    record.by_service = j.at("by_service").get<bool>();
    if (!item_from(j.at("old"), table, record.old_item) || !item_from(j.at("new"), table, record.new_item))
      return false;
    table.streams.restore_record(j.at("label").get<std::string>(), std::move(record));
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace chokepoint
