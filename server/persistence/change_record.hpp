#pragma once
// One entity-level change as the change log and snapshots hold it: {service, kind, key, state}. The state is
// the entity's whole current state (JSON), or null when the entity was deleted; replay applies records in
// order, so the last one for an entity wins. On disk a record is one line of JSON:
//   {"s":"dynamodb","k":"item","id":"...","v":{...}}
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace chokepoint {

struct ChangeRecord {
  std::string service;
  std::string kind;
  std::string key;
  nlohmann::json state;  // null: deleted
};

// The record's text; `state_json` is already JSON text ("null" for a deletion). The text holds no raw
// newline (JSON escapes them), which lets a group of records share one frame, one per line.
std::string record_text(std::string_view service, std::string_view kind, std::string_view key,
                        std::string_view state_json);
std::string json_record_text(std::string_view service, std::string_view kind, std::string_view key,
                             const nlohmann::json& state);

// A key "ACCOUNT/REGION/REST" split at its first two slashes (REST may hold slashes of its own); nullopt when
// it has fewer than two.
struct RegionalKey {
  std::string account;
  std::string region;
  std::string rest;
};
std::optional<RegionalKey> split_regional_key(std::string_view key);

// Nullopt when the text is not a record (corruption a CRC did not catch is reported, not applied).
std::optional<ChangeRecord> parse_record(std::string_view text);

}  // namespace chokepoint
