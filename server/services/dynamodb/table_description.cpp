#include "services/dynamodb/table_description.hpp"

#include <optional>

#include "common/time_format.hpp"
#include "services/dynamodb/stream_specification.hpp"

namespace chokepoint {

namespace {

nlohmann::json projection_json(const IndexProjection& p) {
  nlohmann::json out = {{"ProjectionType", std::string(projection_type_name(p.type))}};
  if (p.type == ProjectionType::kInclude) out["NonKeyAttributes"] = p.non_key_attributes;
  return out;
}

nlohmann::json throughput_json(const Throughput& t) {
  nlohmann::json out = {{"ReadCapacityUnits", t.read},
                        {"WriteCapacityUnits", t.write},
                        {"NumberOfDecreasesToday", t.decreases_today}};
  if (t.last_increase) out["LastIncreaseDateTime"] = epoch_seconds(*t.last_increase);
  if (t.last_decrease) out["LastDecreaseDateTime"] = epoch_seconds(*t.last_decrease);
  return out;
}

nlohmann::json on_demand_json(const OnDemandLimits& limits) {
  return {{"MaxReadRequestUnits", limits.max_read}, {"MaxWriteRequestUnits", limits.max_write}};
}

nlohmann::json index_json(const Table& table, const IndexStore& store, TimePoint now, bool creating) {
  const IndexSchema& schema = store.schema();
  nlohmann::json out = {{"IndexName", schema.name},
                        {"KeySchema", key_schema_json(schema.key)},
                        {"Projection", projection_json(schema.projection)},
                        {"IndexSizeBytes", store.bytes()},
                        {"ItemCount", store.count()},
                        {"IndexArn", table.meta.arn + "/index/" + schema.name}};
  if (!schema.global) return out;
  if (const GlobalIndexState* g = table.meta.global_index(schema.name)) {
    const TableStatus status = creating ? TableStatus::kCreating : g->lifecycle.at(now);
    out["IndexStatus"] = std::string(table_status_name(status));
    if (g->backfilling && status == TableStatus::kCreating) out["Backfilling"] = true;
    out["ProvisionedThroughput"] = throughput_json(throughput_at(g->throughput, g->pending_throughput, g->lifecycle, now));
    if (g->on_demand.set) out["OnDemandThroughput"] = on_demand_json(g->on_demand);
  }
  return out;
}

void add_optional_parts(const TableMeta& m, TableStatus status, nlohmann::json& out) {
  if (m.billing_mode_shown || m.pay_per_request) {
    nlohmann::json summary = {{"BillingMode", m.pay_per_request ? "PAY_PER_REQUEST" : "PROVISIONED"}};
    std::optional<TimePoint> switched = m.last_update_to_pay_per_request;
    // A table created on demand dates its switch to on-demand from its creation, shown once it is no longer
    // CREATING (as DynamoDB's DescribeTable does).
    if (!switched && m.pay_per_request && status != TableStatus::kCreating) switched = m.created;
    if (switched) summary["LastUpdateToPayPerRequestDateTime"] = epoch_seconds(*switched);
    out["BillingModeSummary"] = summary;
  }
  if (m.pay_per_request) {
    nlohmann::json summary = {{"TableThroughputMode", "PAY_PER_REQUEST"}};
    if (m.last_update_to_pay_per_request) {
      summary["LastUpdateToPayPerRequestDateTime"] = epoch_seconds(*m.last_update_to_pay_per_request);
    }
    out["TableThroughputModeSummary"] = summary;
  }
  if (m.on_demand.set) out["OnDemandThroughput"] = on_demand_json(m.on_demand);
  if (m.sse_specification.is_object() && m.sse_specification.value("Enabled", false)) {
    out["SSEDescription"] = {{"Status", "ENABLED"}, {"SSEType", m.sse_specification.value("SSEType", "KMS")}};
  }
  if (!m.table_class.empty()) out["TableClassSummary"] = {{"TableClass", m.table_class}};
  if (m.deletion_protection) out["DeletionProtectionEnabled"] = *m.deletion_protection;
  if (const auto& restore = m.restore_summary) {
    nlohmann::json summary = {{"SourceTableArn", restore->source_table_arn},
                              {"RestoreDateTime", epoch_seconds(restore->restored_to)},
                              {"RestoreInProgress", status == TableStatus::kCreating}};
    if (!restore->source_backup_arn.empty()) summary["SourceBackupArn"] = restore->source_backup_arn;
    out["RestoreSummary"] = std::move(summary);
  }
}

}  // namespace

nlohmann::json key_schema_json(const KeySchema& key) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& a : key.hash_parts()) list.push_back({{"AttributeName", a.name}, {"KeyType", "HASH"}});
  for (const auto& a : key.range_parts()) list.push_back({{"AttributeName", a.name}, {"KeyType", "RANGE"}});
  return list;
}

Throughput throughput_at(const Throughput& current, const std::optional<Throughput>& pending, const Lifecycle& lifecycle,
                         TimePoint now) {
  if (!pending || lifecycle.at(now) == TableStatus::kUpdating) return current;
  return *pending;
}

nlohmann::json describe_table_json(const Table& table, TimePoint now, std::optional<TableStatus> status) {
  const TableMeta& m = table.meta;
  const TableStatus shown_status = status ? *status : m.lifecycle.at(now);
  nlohmann::json definitions = nlohmann::json::array();
  for (const auto& d : m.schema.attribute_definitions) {
    definitions.push_back({{"AttributeName", d.name}, {"AttributeType", std::string(attr_type_name(d.type))}});
  }
  nlohmann::json out = {{"TableName", m.name},
                        {"TableArn", m.arn},
                        {"TableId", m.id},
                        {"TableStatus", std::string(table_status_name(shown_status))},
                        {"CreationDateTime", epoch_seconds(m.created)},
                        {"AttributeDefinitions", definitions},
                        {"KeySchema", key_schema_json(m.schema.key)},
                        {"ProvisionedThroughput", throughput_json(throughput_at(m.throughput, m.pending_throughput, m.lifecycle, now))},
                        {"TableSizeBytes", table.items.bytes()},
                        {"ItemCount", table.items.count()}};
  nlohmann::json locals = nlohmann::json::array();
  nlohmann::json globals = nlohmann::json::array();
  for (const auto& store : table.indexes) (store.schema().global ? globals : locals).push_back(index_json(table, store, now, status == TableStatus::kCreating));
  for (const auto& name : m.deleting_indexes) {
    if (status == TableStatus::kUpdating) globals.push_back({{"IndexName", name}, {"IndexStatus", "DELETING"}});
  }
  if (!locals.empty()) out["LocalSecondaryIndexes"] = locals;
  if (!globals.empty()) out["GlobalSecondaryIndexes"] = globals;
  add_optional_parts(m, shown_status, out);
  add_stream_description(table, out);
  return out;
}

}  // namespace chokepoint
