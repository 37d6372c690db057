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
    list.push_back({{"label", s.label},
                    {"view_type", std::string(stream_view_type_name(s.view_type))},
                    {"created", record_time(s.created)},
                    {"disabled", record_time(s.disabled)},
                    {"shard_id", s.shard_id},
                    {"starting_sequence", s.starting_sequence},
                    {"ending_sequence", optional_sequence(s.ending_sequence)},
                    {"trimmed_through", s.trimmed_through},
                    {"max_records", s.max_records}});
  }
  return list;
}

void restore_streams(const json& j, TableStreams& streams) {
  if (!j.is_array()) return;
  for (const json& s : j) {
    if (!s.is_object()) continue;
    Stream stream;
    stream.label = s.at("label").get<std::string>();
    stream.view_type = parse_stream_view_type(s.at("view_type").get<std::string>()).value_or(StreamViewType::kKeysOnly);
    stream.created = time_from_record(s.at("created"));
    stream.disabled = optional_time_from_record(s.at("disabled"));
    stream.shard_id = s.at("shard_id").get<std::string>();
    stream.starting_sequence = s.at("starting_sequence").get<uint64_t>();
    if (!s.at("ending_sequence").is_null()) stream.ending_sequence = s.at("ending_sequence").get<uint64_t>();
    stream.trimmed_through = s.at("trimmed_through").get<uint64_t>();
    stream.max_records = s.at("max_records").get<std::size_t>();
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
