#include "services/dynamodb/table_state_json.hpp"

#include "persistence/record_time.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

TimePoint time_or_epoch(const json& j) { return optional_time_from_record(j).value_or(TimePoint{}); }

json point_in_time_recovery_record(const std::optional<PointInTimeRecovery>& pitr) {
  if (!pitr) return nullptr;
  return {{"enabled_at", record_time(pitr->enabled_at)}, {"recovery_period_days", pitr->recovery_period_days}};
}

std::optional<PointInTimeRecovery> point_in_time_recovery_from(const json& j) {
  if (j.is_null()) return std::nullopt;
  return PointInTimeRecovery{time_or_epoch(j.at("enabled_at")), j.at("recovery_period_days").get<int>()};
}

json contributor_insights_record(const std::vector<ContributorInsightsSetting>& settings) {
  json out = json::array();
  for (const auto& s : settings) {
    out.push_back({{"index", s.index},
                   {"enabled", s.enabled},
                   {"changed", record_time(s.changed)},
                   {"rules_stamp_ms", s.rules_stamp_ms},
                   {"throttled_only", s.throttled_only}});
  }
  return out;
}

std::vector<ContributorInsightsSetting> contributor_insights_from(const json& j) {
  std::vector<ContributorInsightsSetting> out;
  for (const auto& s : j) {
    out.push_back({s.at("index").get<std::string>(), s.at("enabled").get<bool>(), time_or_epoch(s.at("changed")),
                   s.at("rules_stamp_ms").get<long long>(), s.at("throttled_only").get<bool>()});
  }
  return out;
}

json restore_summary_record(const std::optional<RestoreSummary>& restore) {
  if (!restore) return nullptr;
  return {{"source_backup_arn", restore->source_backup_arn},
          {"source_table_arn", restore->source_table_arn},
          {"restored_to", record_time(restore->restored_to)}};
}

std::optional<RestoreSummary> restore_summary_from(const json& j) {
  if (j.is_null()) return std::nullopt;
  return RestoreSummary{j.at("source_backup_arn").get<std::string>(), j.at("source_table_arn").get<std::string>(),
                        time_or_epoch(j.at("restored_to"))};
}

json resource_policies_record(const std::vector<ResourcePolicy>& policies) {
  json out = json::array();
  for (const auto& p : policies) out.push_back({{"arn", p.resource_arn}, {"policy", p.policy}, {"revision", p.revision_id}});
  return out;
}

std::vector<ResourcePolicy> resource_policies_from(const json& j) {
  std::vector<ResourcePolicy> out;
  for (const auto& p : j) {
    out.push_back({p.at("arn").get<std::string>(), p.at("policy").get<std::string>(), p.at("revision").get<std::string>()});
  }
  return out;
}

json key_attr_json(const KeyAttribute& a) { return {{"name", a.name}, {"type", std::string(attr_type_name(a.type))}}; }

KeyAttribute key_attr_from(const json& j) {
  KeyAttribute a;
  a.name = j.at("name").get<std::string>();
  if (!parse_attr_type(j.at("type").get<std::string>(), a.type)) throw std::invalid_argument("attribute type");
  return a;
}

json key_schema_record(const KeySchema& k) {
  json record = {{"hash", key_attr_json(k.hash)}, {"range", k.range ? key_attr_json(*k.range) : json(nullptr)}};
  // Written only for multi-attribute keys, so single-attribute records keep their shape.
  if (k.composite()) {
    json more_hash = json::array(), more_range = json::array();
    for (const auto& a : k.more_hash) more_hash.push_back(key_attr_json(a));
    for (const auto& a : k.more_range) more_range.push_back(key_attr_json(a));
    record["more_hash"] = std::move(more_hash);
    record["more_range"] = std::move(more_range);
  }
  return record;
}

KeySchema key_schema_from(const json& j) {
  KeySchema k;
  k.hash = key_attr_from(j.at("hash"));
  if (!j.at("range").is_null()) k.range = key_attr_from(j.at("range"));
  if (j.contains("more_hash")) {
    for (const auto& a : j.at("more_hash")) k.more_hash.push_back(key_attr_from(a));
    for (const auto& a : j.at("more_range")) k.more_range.push_back(key_attr_from(a));
  }
  return k;
}

json schema_json(const TableSchema& s) {
  json defs = json::array(), indexes = json::array();
  for (const auto& d : s.attribute_definitions) defs.push_back(key_attr_json(d));
  for (const auto& i : s.indexes) {
    indexes.push_back({{"name", i.name},
                       {"global", i.global},
                       {"key", key_schema_record(i.key)},
                       {"projection", static_cast<int>(i.projection.type)},
                       {"non_key", i.projection.non_key_attributes}});
  }
  return {{"attributes", defs}, {"key", key_schema_record(s.key)}, {"indexes", indexes}};
}

TableSchema schema_from(const json& j) {
  TableSchema s;
  for (const auto& d : j.at("attributes")) s.attribute_definitions.push_back(key_attr_from(d));
  s.key = key_schema_from(j.at("key"));
  for (const auto& i : j.at("indexes")) {
    IndexSchema index;
    index.name = i.at("name").get<std::string>();
    index.global = i.at("global").get<bool>();
    index.key = key_schema_from(i.at("key"));
    index.projection.type = static_cast<ProjectionType>(i.at("projection").get<int>());
    index.projection.non_key_attributes = i.at("non_key").get<std::vector<std::string>>();
    s.indexes.push_back(std::move(index));
  }
  return s;
}

json throughput_record(const Throughput& t) {
  return {{"read", t.read},
          {"write", t.write},
          {"last_increase", record_time(t.last_increase)},
          {"last_decrease", record_time(t.last_decrease)},
          {"decreases_today", t.decreases_today}};
}

Throughput throughput_from(const json& j) {
  Throughput t;
  t.read = j.at("read").get<long long>();
  t.write = j.at("write").get<long long>();
  t.last_increase = optional_time_from_record(j.at("last_increase"));
  t.last_decrease = optional_time_from_record(j.at("last_decrease"));
  t.decreases_today = j.at("decreases_today").get<int>();
  return t;
}

json optional_throughput_json(const std::optional<Throughput>& t) { return t ? throughput_record(*t) : json(nullptr); }

std::optional<Throughput> optional_throughput_from(const json& j) {
  if (j.is_null()) return std::nullopt;
  return throughput_from(j);
}

json on_demand_record(const OnDemandLimits& o) { return {{"read", o.max_read}, {"write", o.max_write}, {"set", o.set}}; }

OnDemandLimits on_demand_from(const json& j) {
  return OnDemandLimits{j.at("read").get<long long>(), j.at("write").get<long long>(), j.at("set").get<bool>()};
}

json lifecycle_json(const Lifecycle& l) { return {{"status", static_cast<int>(l.status)}, {"until", record_time(l.until)}}; }

Lifecycle lifecycle_from(const json& j) {
  return Lifecycle{static_cast<TableStatus>(j.at("status").get<int>()), time_or_epoch(j.at("until"))};
}

json global_index_json(const GlobalIndexState& g) {
  return {{"name", g.name},
          {"throughput", throughput_record(g.throughput)},
          {"pending", optional_throughput_json(g.pending_throughput)},
          {"on_demand", on_demand_record(g.on_demand)},
          {"lifecycle", lifecycle_json(g.lifecycle)},
          {"backfilling", g.backfilling}};
}

GlobalIndexState global_index_from(const json& j) {
  GlobalIndexState g;
  g.name = j.at("name").get<std::string>();
  g.throughput = throughput_from(j.at("throughput"));
  g.pending_throughput = optional_throughput_from(j.at("pending"));
  g.on_demand = on_demand_from(j.at("on_demand"));
  g.lifecycle = lifecycle_from(j.at("lifecycle"));
  g.backfilling = j.at("backfilling").get<bool>();
  return g;
}

}  // namespace

json table_meta_to_json(const TableMeta& m) {
  json globals = json::array();
  for (const auto& g : m.global_indexes) globals.push_back(global_index_json(g));
  return {{"name", m.name},
          {"arn", m.arn},
          {"id", m.id},
          {"created", record_time(m.created)},
          {"schema", schema_json(m.schema)},
          {"pay_per_request", m.pay_per_request},
          {"billing_mode_shown", m.billing_mode_shown},
          {"last_update_to_pay_per_request", record_time(m.last_update_to_pay_per_request)},
          {"throughput", throughput_record(m.throughput)},
          {"pending", optional_throughput_json(m.pending_throughput)},
          {"on_demand", on_demand_record(m.on_demand)},
          {"lifecycle", lifecycle_json(m.lifecycle)},
          {"global_indexes", globals},
          {"deleting_indexes", m.deleting_indexes},
          {"ttl_enabled", m.ttl_enabled},
          {"ttl_attribute", m.ttl_attribute},
          {"ttl_changed", record_time(m.ttl_changed)},
          {"tags", m.tags},
          {"sse_specification", m.sse_specification},
          {"table_class", m.table_class},
          {"deletion_protection", m.deletion_protection ? json(*m.deletion_protection) : json(nullptr)},
          {"point_in_time_recovery", point_in_time_recovery_record(m.point_in_time_recovery)},
          {"contributor_insights", contributor_insights_record(m.contributor_insights)},
          {"restore_summary", restore_summary_record(m.restore_summary)},
          {"resource_policies", resource_policies_record(m.resource_policies)}};
}

std::optional<TableMeta> table_meta_from_json(const json& j) {
  try {
    TableMeta m;
    m.name = j.at("name").get<std::string>();
    m.arn = j.at("arn").get<std::string>();
    m.id = j.at("id").get<std::string>();
    m.created = time_or_epoch(j.at("created"));
    m.schema = schema_from(j.at("schema"));
    m.pay_per_request = j.at("pay_per_request").get<bool>();
    m.billing_mode_shown = j.at("billing_mode_shown").get<bool>();
    m.last_update_to_pay_per_request = optional_time_from_record(j.at("last_update_to_pay_per_request"));
    m.throughput = throughput_from(j.at("throughput"));
    m.pending_throughput = optional_throughput_from(j.at("pending"));
    m.on_demand = on_demand_from(j.at("on_demand"));
    m.lifecycle = lifecycle_from(j.at("lifecycle"));
    for (const auto& g : j.at("global_indexes")) m.global_indexes.push_back(global_index_from(g));
    m.deleting_indexes = j.at("deleting_indexes").get<std::vector<std::string>>();
    m.ttl_enabled = j.at("ttl_enabled").get<bool>();
    m.ttl_attribute = j.at("ttl_attribute").get<std::string>();
    m.ttl_changed = optional_time_from_record(j.at("ttl_changed"));
    m.tags = j.at("tags").get<std::vector<std::pair<std::string, std::string>>>();
    m.sse_specification = j.at("sse_specification");
    m.table_class = j.at("table_class").get<std::string>();
    if (!j.at("deletion_protection").is_null()) m.deletion_protection = j.at("deletion_protection").get<bool>();
    // Records written before point-in-time recovery was modelled have no such member.
    m.point_in_time_recovery = point_in_time_recovery_from(j.value("point_in_time_recovery", json(nullptr)));
    // Nor, before Contributor Insights, this one.
    m.contributor_insights = contributor_insights_from(j.value("contributor_insights", json::array()));
    m.restore_summary = restore_summary_from(j.value("restore_summary", json(nullptr)));
    m.resource_policies = resource_policies_from(j.value("resource_policies", json::array()));
    return m;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace chokepoint
