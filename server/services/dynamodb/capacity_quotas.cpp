#include "services/dynamodb/capacity_quotas.hpp"

#include <shared_mutex>

#include "config/count_quotas.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/request_shape.hpp"
#include "services/dynamodb/table_capacity.hpp"
#include "services/dynamodb/table_description.hpp"
#include "services/dynamodb/table_definition.hpp"

namespace chokepoint {

namespace {

constexpr const char* kUnits[2] = {"ReadCapacityUnits", "WriteCapacityUnits"};

struct Totals {
  long long units[2] = {0, 0};

  void add(const Throughput& t) {
    units[0] += t.read;
    units[1] += t.write;
  }
};

Totals current_totals(const Table& table, TimePoint now) {
  Totals totals;
  const TableMeta& m = table.meta;
  if (m.pay_per_request) return totals;
  totals.add(throughput_at(m.throughput, m.pending_throughput, m.lifecycle, now));
  for (const auto& g : m.global_indexes) totals.add(throughput_at(g.throughput, g.pending_throughput, g.lifecycle, now));
  return totals;
}

// The action for global index `name` in GlobalSecondaryIndexUpdates ("Update", "Delete"), or null.
const nlohmann::json* index_update(const nlohmann::json& params, const std::string& name, const char* kind) {
  for (const auto& u : param_json(params, "GlobalSecondaryIndexUpdates")) {
    const nlohmann::json& action = param_json(u, kind);
    if (action.is_object() && param_str(action, "IndexName") == name) return &action;
  }
  return nullptr;
}

// What the table and its indexes will provision once the update is applied.
Totals updated_totals(const DynamoCall& call, const Table& table) {
  const nlohmann::json& p = call.params;
  const TableMeta& m = table.meta;
  const std::string mode = param_str(p, "BillingMode");
  Totals totals;
  if (mode == "PAY_PER_REQUEST" || (m.pay_per_request && mode != "PROVISIONED")) return totals;
  totals.add(param_present(p, "ProvisionedThroughput")
                 ? read_throughput(param_json(p, "ProvisionedThroughput"))
                 : throughput_at(m.throughput, m.pending_throughput, m.lifecycle, call.now));
  for (const auto& g : m.global_indexes) {
    if (index_update(p, g.name, "Delete")) continue;
    const nlohmann::json* update = index_update(p, g.name, "Update");
    totals.add(update && param_present(*update, "ProvisionedThroughput")
                   ? read_throughput(param_json(*update, "ProvisionedThroughput"))
                   : throughput_at(g.throughput, g.pending_throughput, g.lifecycle, call.now));
  }
  for (const auto& u : param_json(p, "GlobalSecondaryIndexUpdates")) {
    const nlohmann::json& create = param_json(u, "Create");
    if (create.is_object()) totals.add(read_throughput(param_json(create, "ProvisionedThroughput")));
  }
  return totals;
}

long long others_total(const DynamoCall& call, const Table& self, int direction) {
  long long sum = 0;
  for (const auto& t : call.tables.tables(call.now)) {
    if (t.get() != &self) sum += t->capacity->provisioned_total(static_cast<Access>(direction));
  }
  return sum;
}

// Checks the directions whose total grows (an update that lowers or keeps throughput always passes).
std::optional<ApiError> check_totals(const DynamoCall& call, const Table& table, const Totals& wanted,
                                     const Totals& before) {
  const ProvisionedQuotas q = provisioned_quotas(call);
  const long long table_max[2] = {q.table_max_read_units, q.table_max_write_units};
  const long long account_max[2] = {q.account_max_read_units, q.account_max_write_units};
  for (int d = 0; d < 2; ++d) {
    if (wanted.units[d] <= before.units[d]) continue;
    if (wanted.units[d] > table_max[d]) {
      return dynamodb_errors::limit_exceeded(
          "Subscriber limit exceeded: The requested " + std::string(kUnits[d]) + " for the table and its global "
          "secondary indexes (" + std::to_string(wanted.units[d]) + ") exceed the per-table maximum of " +
          std::to_string(table_max[d]) + " for this account in this region");
    }
    const long long account = others_total(call, table, d) + wanted.units[d];
    if (account > account_max[d]) {
      return dynamodb_errors::limit_exceeded(
          "Subscriber limit exceeded: Provisioned " + std::string(kUnits[d]) + " of all tables in this account and "
          "region would be " + std::to_string(account) + ", above the account maximum of " +
          std::to_string(account_max[d]));
    }
  }
  return std::nullopt;
}

}  // namespace

ProvisionedQuotas provisioned_quotas(const DynamoCall& call) {
  const DynamoDbCapacitySettings& s = call.config.dynamodb.capacity;
  const auto in_force = [&](std::string_view code, long long configured) {
    return static_cast<long long>(call.count_quota(code, static_cast<double>(configured)));
  };
  return ProvisionedQuotas{in_force(kAccountMaxReadQuota, s.account_max_read_units),
                           in_force(kAccountMaxWriteQuota, s.account_max_write_units),
                           in_force(kTableMaxReadQuota, s.table_max_read_units),
                           in_force(kTableMaxWriteQuota, s.table_max_write_units)};
}

std::optional<ApiError> check_table_count(const DynamoCall& call) {
  const auto limit = static_cast<long long>(
      call.count_quota(kTableCountQuota, static_cast<double>(call.config.dynamodb.capacity.max_tables)));
  if (static_cast<long long>(call.tables.names(call.now).size()) < limit) return std::nullopt;
  // AWS's wording for this limit is not published (unconfirmed); it follows the throughput limits' form.
  return dynamodb_errors::limit_exceeded("Subscriber limit exceeded: Number of tables for this account in this "
                                         "region would exceed the maximum of " + std::to_string(limit));
}

// A table with an operation under way: its own status, or an index being created.
bool operation_under_way(const Table& table, TimePoint now) {
  std::shared_lock lock(table.mutex);
  if (table.meta.lifecycle.at(now) != TableStatus::kActive) return true;
  for (const auto& index : table.meta.global_indexes) {
    if (index.lifecycle.at(now) != TableStatus::kActive) return true;
  }
  return false;
}

std::optional<ApiError> check_table_operations(const DynamoCall& call) {
  const auto limit = static_cast<long long>(call.count_quota(
      kTableOperationsQuota, static_cast<double>(call.config.dynamodb.capacity.max_concurrent_table_operations)));
  long long under_way = 0;
  for (const auto& t : call.tables.tables(call.now)) under_way += operation_under_way(*t, call.now) ? 1 : 0;
  if (under_way < limit) return std::nullopt;
  // The model's documentation of the exception's message member; the live wording is unconfirmed.
  return dynamodb_errors::limit_exceeded("Too many operations for a given subscriber.");
}

std::optional<ApiError> check_create_quota(const DynamoCall& call, const Table& table) {
  if (auto e = check_table_count(call)) return e;
  if (auto e = check_table_operations(call)) return e;
  return check_totals(call, table, current_totals(table, call.now), Totals{});
}

std::optional<ApiError> check_update_quota(const DynamoCall& call, const Table& table) {
  return check_totals(call, table, updated_totals(call, table), current_totals(table, call.now));
}

}  // namespace chokepoint
