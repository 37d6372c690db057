// UpdateTable: provisioned throughput, billing mode, global secondary indexes (create, update, delete) and
// table settings. Changes of throughput take effect when the table leaves UPDATING.
#include <mutex>
#include <set>

#include "common/problem.hpp"
#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/capacity_quotas.hpp"
#include "services/dynamodb/control_handlers.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/request_shape.hpp"
#include "services/dynamodb/stream_specification.hpp"
#include "services/dynamodb/table_capacity.hpp"
#include "services/dynamodb/table_definition.hpp"
#include "services/dynamodb/table_description.hpp"
#include "services/dynamodb/throughput_decreases.hpp"

namespace chokepoint {

namespace {

using dynamodb_errors::validation;

Problem check_request(const nlohmann::json& p) {
  static const char* kChanges[] = {"ProvisionedThroughput", "BillingMode", "StreamSpecification", "SSESpecification",
                                   "TableClass", "DeletionProtectionEnabled", "OnDemandThroughput"};
  bool any = param_present(p, "GlobalSecondaryIndexUpdates") && !param_json(p, "GlobalSecondaryIndexUpdates").empty();
  for (const char* c : kChanges) any = any || param_present(p, c);
  if (!any) {
    return "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or "
           "SSESpecification or ReplicaUpdates is required";
  }
  if (param_str(p, "BillingMode") == "PROVISIONED" && !param_present(p, "ProvisionedThroughput")) {
    return std::string(kInvalidParameterValues) + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED";
  }
  if (param_present(p, "ProvisionedThroughput")) {
    if (auto bounds = check_throughput_bounds(read_throughput(param_json(p, "ProvisionedThroughput")))) return bounds;
  }
  std::set<std::string> names;
  for (const auto& u : param_json(p, "GlobalSecondaryIndexUpdates")) {
    const nlohmann::json* action = nullptr;
    for (const char* kind : {"Update", "Create", "Delete"}) {
      if (!action && param_present(u, kind)) action = &param_json(u, kind);
    }
    if (!action) {
      return std::string(kInvalidParameterValues) + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                                     "GlobalSecondaryIndexUpdate.Delete must not be null";
    }
    const std::string name = param_str(*action, "IndexName");
    if (!names.insert(name).second) {
      return std::string(kInvalidParameterValues) + "Only one global secondary index update per index is allowed simultaneously. Index: " + name;
    }
  }
  return {};
}

// Applies throughput changes whose UPDATING period is over.
void settle(TableMeta& m, TimePoint now) {
  if (m.pending_throughput && m.lifecycle.at(now) != TableStatus::kUpdating) {
    m.throughput = *m.pending_throughput;
    m.pending_throughput.reset();
  }
  for (auto& g : m.global_indexes) {
    if (g.pending_throughput && g.lifecycle.at(now) != TableStatus::kUpdating) {
      g.throughput = *g.pending_throughput;
      g.pending_throughput.reset();
    }
  }
  m.deleting_indexes.clear();
}

// Records a throughput change: the current values show the date of the change at once; the new values,
// in force when the table is ACTIVE again, carry the dates of completion.
Throughput change_throughput(Throughput& current, const Throughput& wanted, TimePoint now, TimePoint done) {
  const bool increase = wanted.read > current.read || wanted.write > current.write;
  const bool decrease = wanted.read < current.read || wanted.write < current.write;
  if (increase) current.last_increase = now;
  if (decrease) current.last_decrease = now;
  Throughput t = current;
  if (increase) t.last_increase = done;
  if (decrease) {
    t.last_decrease = done;
    t.decreases_today = decreases_on_day(current, now) + 1;
  }
  t.read = wanted.read;
  t.write = wanted.write;
  return t;
}

std::string unchanged_message(const Throughput& current, const Throughput& wanted) {
  return "The provisioned throughput for the table will not change. The requested value equals the current value. "
         "Current ReadCapacityUnits provisioned for the table: " + std::to_string(current.read) +
         ". Requested ReadCapacityUnits: " + std::to_string(wanted.read) +
         ". Current WriteCapacityUnits provisioned for the table: " + std::to_string(current.write) +
         ". Requested WriteCapacityUnits: " + std::to_string(wanted.write) +
         ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.";
}

struct UpdateContext {
  DynamoCall& call;
  Table& table;
  TimePoint done;  // when the table becomes ACTIVE again
  bool updating = false;
  std::vector<IndexSchema> creates;  // checked new indexes, applied after every check passed
};

// A decrease of either unit counts against the day's decreases of the table or index.
std::optional<ApiError> check_decrease(const Throughput& current, const Throughput& wanted, TimePoint now) {
  if (wanted.read >= current.read && wanted.write >= current.write) return std::nullopt;
  if (auto refused = decrease_refused(current, now)) return dynamodb_errors::limit_exceeded(*refused);
  return std::nullopt;
}

std::optional<ApiError> check_billing_change(const UpdateContext& u) {
  const nlohmann::json& p = u.call.params;
  const TableMeta& m = u.table.meta;
  const std::string mode = param_str(p, "BillingMode");
  const bool to_provisioned = mode == "PROVISIONED" && m.pay_per_request;
  if (param_present(p, "ProvisionedThroughput") && (mode == "PAY_PER_REQUEST" || (m.pay_per_request && !to_provisioned))) {
    return validation(std::string(kInvalidParameterValues) + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  }
  return std::nullopt;
}

std::optional<ApiError> check_index_updates(UpdateContext& u) {
  const nlohmann::json& p = u.call.params;
  const TableMeta& m = u.table.meta;
  const auto& updates = param_json(p, "GlobalSecondaryIndexUpdates");
  if (updates.size() > 5) {
    return dynamodb_errors::limit_exceeded("Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table");
  }
  for (const auto& up : updates) {
    if (!param_present(up, "Update")) continue;
    const nlohmann::json& action = param_json(up, "Update");
    const Throughput wanted = read_throughput(param_json(action, "ProvisionedThroughput"));
    if (wanted.read > kMaxCapacityUnits || wanted.write > kMaxCapacityUnits) {
      return validation("This operation cannot be performed with given input values. Please contact DynamoDB service "
                        "team for more info: Action Blocked: IndexUpdate");
    }
    const std::string name = param_str(action, "IndexName");
    const GlobalIndexState* index = m.global_index(name);
    if (!index) return dynamodb_errors::not_found("Requested resource not found: Index: " + name + " not found");
    if (param_present(action, "ProvisionedThroughput")) {
      if (auto e = check_decrease(index->throughput, wanted, u.call.now)) return e;
    }
  }
  if (param_str(p, "BillingMode") == "PROVISIONED" && m.pay_per_request) {
    std::string missing;
    for (const auto& g : m.global_indexes) {
      bool given = false;
      for (const auto& up : updates) given = given || param_str(param_json(up, "Update"), "IndexName") == g.name;
      if (!given) missing += (missing.empty() ? "" : ",") + g.name;
    }
    if (!missing.empty()) return validation(std::string(kInvalidParameterValues) + "ProvisionedThroughput must be specified for index: " + missing);
  }
  return std::nullopt;
}

std::optional<ApiError> check_throughput_change(const UpdateContext& u) {
  const nlohmann::json& p = u.call.params;
  const TableMeta& m = u.table.meta;
  if (!param_present(p, "ProvisionedThroughput") || m.pay_per_request) return std::nullopt;
  const Throughput wanted = read_throughput(param_json(p, "ProvisionedThroughput"));
  if (wanted.read == m.throughput.read && wanted.write == m.throughput.write) {
    return validation(unchanged_message(m.throughput, wanted));
  }
  return check_decrease(m.throughput, wanted, u.call.now);
}

std::optional<ApiError> check_creates_and_deletes(UpdateContext& u) {
  const TableMeta& m = u.table.meta;
  std::vector<KeyAttribute> definitions = m.schema.attribute_definitions;
  for (const auto& d : read_attribute_definitions(param_json(u.call.params, "AttributeDefinitions"))) {
    bool known = false;
    for (const auto& existing : definitions) known = known || existing.name == d.name;
    if (!known) definitions.push_back(d);
  }
  for (const auto& up : param_json(u.call.params, "GlobalSecondaryIndexUpdates")) {
    if (param_present(up, "Create")) {
      const nlohmann::json& create = param_json(up, "Create");
      IndexSchema index;
      const bool multi_attribute_keys = u.call.config.dynamodb.multi_attribute_index_keys;
      if (auto e = read_index(create, definitions, true, multi_attribute_keys, index); !e.empty()) return validation(e);
      if (m.schema.find_index(index.name)) {
        return validation(std::string(kInvalidParameterValues) + "Index with name: " + index.name + " already exists");
      }
      if (!m.pay_per_request && !param_present(create, "ProvisionedThroughput")) {
        return validation(std::string(kInvalidParameterValues) + "ProvisionedThroughput must be specified for index: " + index.name);
      }
      u.creates.push_back(std::move(index));
    } else if (param_present(up, "Delete")) {
      const std::string name = param_str(param_json(up, "Delete"), "IndexName");
      if (!m.global_index(name)) return dynamodb_errors::not_found("Requested resource not found: Index: " + name + " not found");
    }
  }
  return std::nullopt;
}

void apply_billing_and_throughput(UpdateContext& u) {
  const nlohmann::json& p = u.call.params;
  TableMeta& m = u.table.meta;
  const std::string mode = param_str(p, "BillingMode");
  const bool to_provisioned = mode == "PROVISIONED" && m.pay_per_request;
  const bool to_on_demand = mode == "PAY_PER_REQUEST" && !m.pay_per_request;
  if (param_present(p, "ProvisionedThroughput")) {
    m.pending_throughput = change_throughput(m.throughput, read_throughput(param_json(p, "ProvisionedThroughput")), u.call.now, u.done);
    u.updating = true;
  }
  if (to_on_demand || to_provisioned) {
    m.pay_per_request = to_on_demand;
    m.billing_mode_shown = true;
    if (to_on_demand) {
      m.last_update_to_pay_per_request = u.call.now;
      m.pending_throughput = change_throughput(m.throughput, Throughput{}, u.call.now, u.done);
      for (auto& g : m.global_indexes) g.pending_throughput = change_throughput(g.throughput, Throughput{}, u.call.now, u.done);
    }
    u.updating = true;
  }
}

void apply_index_updates(UpdateContext& u) {
  TableMeta& m = u.table.meta;
  for (const auto& up : param_json(u.call.params, "GlobalSecondaryIndexUpdates")) {
    if (param_present(up, "Update")) {
      const nlohmann::json& action = param_json(up, "Update");
      GlobalIndexState* g = m.global_index(param_str(action, "IndexName"));
      if (param_present(action, "ProvisionedThroughput")) {
        g->pending_throughput = change_throughput(g->throughput, read_throughput(param_json(action, "ProvisionedThroughput")), u.call.now, u.done);
      }
      apply_on_demand_throughput(param_json(action, "OnDemandThroughput"), g->on_demand);
      g->lifecycle = Lifecycle{TableStatus::kUpdating, u.done};
    } else if (param_present(up, "Delete")) {
      const std::string name = param_str(param_json(up, "Delete"), "IndexName");
      u.table.remove_index(name);
      m.deleting_indexes.push_back(name);
    }
    u.updating = true;
  }
  for (const auto& index : u.creates) {
    for (const KeyAttribute* a : index.key.parts()) {
      bool known = false;
      for (const auto& existing : m.schema.attribute_definitions) known = known || (a && existing.name == a->name);
      if (a && !known) m.schema.attribute_definitions.push_back(*a);
    }
    GlobalIndexState g;
    g.name = index.name;
    for (const auto& up : param_json(u.call.params, "GlobalSecondaryIndexUpdates")) {
      const nlohmann::json& create = param_json(up, "Create");
      if (param_str(create, "IndexName") != index.name) continue;
      if (!m.pay_per_request) g.throughput = read_throughput(param_json(create, "ProvisionedThroughput"));
      apply_on_demand_throughput(param_json(create, "OnDemandThroughput"), g.on_demand);
    }
    g.lifecycle = Lifecycle{TableStatus::kCreating, u.call.now + std::chrono::milliseconds(u.call.config.dynamodb.index_creation_delay_ms)};
    g.backfilling = true;
    m.global_indexes.push_back(std::move(g));
    u.table.add_index(index);
  }
}

void update_settings(UpdateContext& u) {
  const nlohmann::json& p = u.call.params;
  TableMeta& m = u.table.meta;
  if (apply_stream_specification(param_json(p, "StreamSpecification"), u.table, u.call.now, u.done, u.call.config)) {
    u.updating = true;
  }
  if (param_present(p, "SSESpecification")) m.sse_specification = param_json(p, "SSESpecification");
  if (param_present(p, "TableClass")) m.table_class = param_str(p, "TableClass");
  if (param_present(p, "DeletionProtectionEnabled")) m.deletion_protection = lenient_bool(param_json(p, "DeletionProtectionEnabled"));
  apply_on_demand_throughput(param_json(p, "OnDemandThroughput"), m.on_demand);
}

}  // namespace

ApiResult update_table(DynamoCall& call) {
  if (auto e = check_request(call.params)) return validation(*e);
  const std::string name = param_str(call.params, "TableName");
  auto table = call.tables.find(name, call.now);
  if (!table) return dynamodb_errors::table_not_found(name);
  std::unique_lock lock(table->mutex);
  TableMeta& m = table->meta;
  const TableStatus status = m.lifecycle.at(call.now);
  if (status != TableStatus::kActive) {
    const char* what = status == TableStatus::kCreating ? "created" : status == TableStatus::kUpdating ? "updated" : "deleted";
    return dynamodb_errors::in_use("Attempt to change a resource which is still in use: Table is being " + std::string(what) + ": " + name);
  }
  settle(m, call.now);
  UpdateContext u{call, *table, call.now + std::chrono::milliseconds(call.config.dynamodb.table_update_delay_ms), false, {}};
  std::optional<ApiError> error = check_billing_change(u);
  if (!error) error = check_index_updates(u);
  if (!error) error = check_throughput_change(u);
  if (!error) error = check_creates_and_deletes(u);
  if (!error) error = check_stream_change(param_json(call.params, "StreamSpecification"), *table);
  if (!error) error = check_update_quota(call, *table);
  if (error) return *error;
  apply_index_updates(u);
  apply_billing_and_throughput(u);
  update_settings(u);
  if (u.updating) m.lifecycle = Lifecycle{TableStatus::kUpdating, u.done};
  // The capacity model sees the change now (a switch to on-demand takes its previous peak from what was
  // provisioned until now).
  table->capacity->sync(*table, call.config.dynamodb.capacity, call.now);
  ApiResponse r;
  r.body["TableDescription"] = describe_table_json(*table, call.now, u.updating ? std::optional(TableStatus::kUpdating) : std::nullopt);
  return r;
}

}  // namespace chokepoint
