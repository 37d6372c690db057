// dynamodb: section: lifecycle delays, tables declared to exist at start, and the capacity model.
#include <climits>
#include <set>
#include <string>

#include "config/dynamodb_capacity_section.hpp"
#include "config/dynamodb_names.hpp"
#include "config/sections.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kKeyTypes[] = {"S", "N", "B"};
constexpr std::string_view kProjections[] = {"ALL", "KEYS_ONLY", "INCLUDE"};
constexpr std::string_view kBillingModes[] = {"PAY_PER_REQUEST", "PROVISIONED"};

bool read_name(YamlReader& reader, const YamlNode& parent, std::string& out) {
  if (!reader.require(parent, "name")) return false;
  const YamlNode node = *parent.child("name");
  if (!reader.read(parent, "name", out)) return false;
  if (!is_dynamodb_table_name(out)) {
    reader.error(node, "must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'");
    return false;
  }
  return true;
}

bool read_key(YamlReader& reader, const YamlNode& node, DynamoDbKeyDecl& key) {
  if (!reader.expect_mapping(node, {"name", "type"})) return false;
  if (node.is_null()) {
    reader.error(node, "expected a mapping with name and type");
    return false;
  }
  if (!reader.require(node, "name") || !reader.read_non_empty(node, "name", key.name)) return false;
  if (auto type = node.child("type")) {
    auto value = reader.choice(*type, kKeyTypes);
    if (!value) return false;
    key.type = *value;
  }
  return true;
}

void read_capacity(YamlReader& reader, const YamlNode& node, long long& read, long long& write) {
  reader.read(node, "read_capacity", read, IntRange{1, 1'000'000'000'000});
  reader.read(node, "write_capacity", write, IntRange{1, 1'000'000'000'000});
}

bool read_index(YamlReader& reader, const YamlNode& node, DynamoDbIndexDecl& index, bool global) {
  if (!reader.expect_mapping(node, {"name", "hash_key", "range_key", "projection", "non_key_attributes",
                                    "read_capacity", "write_capacity"})) {
    return false;
  }
  const std::size_t before = reader.errors().size();
  read_name(reader, node, index.name);
  if (global && reader.require(node, "hash_key")) read_key(reader, *node.child("hash_key"), index.hash_key);
  if (auto range = node.child("range_key")) {
    index.range_key.emplace();
    read_key(reader, *range, *index.range_key);
  } else if (!global) {
    reader.error(node, "missing required key 'range_key' (a local index is the table's hash key and another sort key)");
  }
  if (auto projection = node.child("projection")) {
    if (auto value = reader.choice(*projection, kProjections)) index.projection = *value;
  }
  reader.read(node, "non_key_attributes", index.non_key_attributes);
  if (!index.non_key_attributes.empty() && index.projection != "INCLUDE") {
    reader.error(*node.child("non_key_attributes"), "only allowed with projection: INCLUDE");
  }
  read_capacity(reader, node, index.read_capacity, index.write_capacity);
  return reader.errors().size() == before;
}

void read_indexes(YamlReader& reader, const YamlNode& table, std::string_view key, bool global,
                  std::vector<DynamoDbIndexDecl>& out) {
  auto node = table.child(key);
  if (!node) return;
  auto items = reader.elements(*node);
  if (!items) return;
  for (const auto& item : *items) {
    DynamoDbIndexDecl index;
    if (read_index(reader, item, index, global)) out.push_back(std::move(index));
  }
}

void check_provisioned(YamlReader& reader, const YamlNode& node, const DynamoDbTableDecl& table) {
  if (table.billing_mode != "PROVISIONED") return;
  if (table.read_capacity == 0 || table.write_capacity == 0) {
    reader.error(node, "a PROVISIONED table needs read_capacity and write_capacity");
  }
  for (const auto& index : table.global_secondary_indexes) {
    if (index.read_capacity == 0 || index.write_capacity == 0) {
      reader.error(node, "global index '" + index.name + "' of a PROVISIONED table needs read_capacity and write_capacity");
    }
  }
}

bool read_table(YamlReader& reader, const YamlNode& node, DynamoDbTableDecl& table) {
  if (!reader.expect_mapping(node, {"name", "account", "region", "hash_key", "range_key", "billing_mode",
                                    "read_capacity", "write_capacity", "global_secondary_indexes",
                                    "local_secondary_indexes"})) {
    return false;
  }
  if (node.is_null()) {
    reader.error(node, "expected a mapping");
    return false;
  }
  const std::size_t before = reader.errors().size();
  read_name(reader, node, table.name);
  if (auto account = node.child("account")) {
    if (reader.read(node, "account", table.account) && !is_account_id(table.account)) {
      reader.error(*account, "must be exactly 12 digits");
    }
  }
  reader.read(node, "region", table.region);
  if (reader.require(node, "hash_key")) read_key(reader, *node.child("hash_key"), table.hash_key);
  if (auto range = node.child("range_key")) {
    table.range_key.emplace();
    read_key(reader, *range, *table.range_key);
  }
  if (auto mode = node.child("billing_mode")) {
    if (auto value = reader.choice(*mode, kBillingModes)) table.billing_mode = *value;
  }
  read_capacity(reader, node, table.read_capacity, table.write_capacity);
  read_indexes(reader, node, "global_secondary_indexes", true, table.global_secondary_indexes);
  read_indexes(reader, node, "local_secondary_indexes", false, table.local_secondary_indexes);
  if (!table.local_secondary_indexes.empty() && !table.range_key) {
    reader.error(node, "local_secondary_indexes need the table to have a range_key");
  }
  if (reader.errors().size() == before) check_provisioned(reader, node, table);
  return reader.errors().size() == before;
}

void read_tables(YamlReader& reader, const YamlNode& node, std::vector<DynamoDbTableDecl>& out) {
  auto items = reader.elements(node);
  if (!items) return;
  std::vector<DynamoDbTableDecl> tables;
  std::set<std::string> seen;
  bool ok = true;
  for (const auto& item : *items) {
    DynamoDbTableDecl table;
    if (!read_table(reader, item, table)) {
      ok = false;
      continue;
    }
    if (!seen.insert(table.account + "/" + table.region + "/" + table.name).second) {
      reader.error(item, "table '" + table.name + "' is declared twice for the same account and region");
      ok = false;
      continue;
    }
    tables.push_back(std::move(table));
  }
  if (ok) out = std::move(tables);
}

}  // namespace

void read_dynamodb_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(section, {"table_creation_delay_ms", "table_deletion_delay_ms", "table_update_delay_ms",
                                       "index_creation_delay_ms", "stream_max_records_per_shard",
                                       "stream_shard_lifetime_ms", "multi_attribute_index_keys", "tables",
                                       "capacity"})) {
    return;
  }
  DynamoDbSettings& s = config.dynamodb;
  const IntRange delay{0, 24LL * 3600 * 1000};
  reader.read(section, "table_creation_delay_ms", s.table_creation_delay_ms, delay);
  reader.read(section, "table_deletion_delay_ms", s.table_deletion_delay_ms, delay);
  reader.read(section, "table_update_delay_ms", s.table_update_delay_ms, delay);
  reader.read(section, "index_creation_delay_ms", s.index_creation_delay_ms, delay);
  reader.read(section, "stream_max_records_per_shard", s.stream_max_records_per_shard, IntRange{1, 100000000});
  reader.read(section, "stream_shard_lifetime_ms", s.stream_shard_lifetime_ms, IntRange{1000, 24LL * 3600 * 1000});
  reader.read(section, "multi_attribute_index_keys", s.multi_attribute_index_keys);
  if (auto tables = section.child("tables")) read_tables(reader, *tables, s.tables);
  if (auto capacity = section.child("capacity")) read_dynamodb_capacity(reader, *capacity, s.capacity);
}

}  // namespace chokepoint
