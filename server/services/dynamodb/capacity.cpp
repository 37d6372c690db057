#include "services/dynamodb/capacity.hpp"

#include <cmath>

#include "common/json_text.hpp"

namespace chokepoint {

namespace {

void append_units_object(std::string& out, double units) {
  out.append("{\"CapacityUnits\":");
  append_json_double(out, units);
  out.push_back('}');
}

void append_index_map(std::string& out, const char* key, const std::map<std::string, double>& indexes) {
  if (indexes.empty()) return;
  out.append(",\"");
  out.append(key);
  out.append("\":{");
  bool first = true;
  for (const auto& [name, units] : indexes) {
    if (!first) out.push_back(',');
    first = false;
    append_json_string(out, name);
    out.push_back(':');
    append_units_object(out, units);
  }
  out.push_back('}');
}

void append_usage(std::string& out, const TableUsage& usage, ReturnCapacity mode) {
  out.append("{\"TableName\":");
  append_json_string(out, usage.table);
  out.append(",\"CapacityUnits\":");
  append_json_double(out, usage.total());
  if (mode == ReturnCapacity::kIndexes) {
    out.append(",\"Table\":");
    append_units_object(out, usage.table_units);
    append_index_map(out, "GlobalSecondaryIndexes", usage.global_indexes);
    append_index_map(out, "LocalSecondaryIndexes", usage.local_indexes);
  }
  out.push_back('}');
}

}  // namespace

ReturnCapacity parse_return_capacity(const std::string& value) {
  if (value == "TOTAL") return ReturnCapacity::kTotal;
  if (value == "INDEXES") return ReturnCapacity::kIndexes;
  return ReturnCapacity::kNone;
}

double read_units(uint64_t bytes, ReadMode mode) {
  const double blocks = std::max<double>(1, std::ceil(static_cast<double>(bytes) / 4096.0));
  switch (mode) {
    case ReadMode::kEventual:
      return blocks / 2;
    case ReadMode::kStrong:
      return blocks;
    case ReadMode::kTransactional:
      return blocks * 2;
  }
  return blocks;
}

double write_units(uint64_t bytes, bool transactional) {
  const double blocks = std::max<double>(1, std::ceil(static_cast<double>(bytes) / 1024.0));
  return transactional ? blocks * 2 : blocks;
}

double TableUsage::total() const {
  double sum = table_units;
  for (const auto& [name, units] : global_indexes) sum += units;
  for (const auto& [name, units] : local_indexes) sum += units;
  return sum;
}

namespace {

void add_units(KeyUnitsList& list, int resource, uint64_t token, double units) {
  for (auto& k : list) {
    if (k.resource == resource && k.token == token) {
      k.units += units;
      return;
    }
  }
  list.push_back(KeyUnits{resource, token, units});
}

}  // namespace

void TableUsage::add_table(uint64_t token, double units) {
  table_units += units;
  add_units(spent, -1, token, units);
}

void TableUsage::add_index(bool global, const std::string& name, int position, uint64_t token, double units) {
  (global ? global_indexes : local_indexes)[name] += units;
  add_units(spent, global ? position : -1, token, units);
}

TableUsage& CapacityRecord::table(const std::string& name, bool write) {
  for (auto& t : tables_) {
    if (t.table == name) return t;
  }
  TableUsage& t = tables_.emplace_back();
  t.table = name;
  t.write = write;
  return t;
}

void append_consumed_capacity(JsonObjectWriter& response, const CapacityRecord& record, ReturnCapacity mode) {
  if (mode == ReturnCapacity::kNone || record.tables().empty()) return;
  append_usage(response.key("ConsumedCapacity"), record.tables().front(), mode);
}

void append_consumed_capacity_list(JsonObjectWriter& response, const CapacityRecord& record, ReturnCapacity mode) {
  if (mode == ReturnCapacity::kNone) return;
  std::string& out = response.key("ConsumedCapacity");
  out.push_back('[');
  bool first = true;
  for (const auto& usage : record.tables()) {
    if (!first) out.push_back(',');
    first = false;
    append_usage(out, usage, mode);
  }
  out.push_back(']');
}

}  // namespace chokepoint
