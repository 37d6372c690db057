// CreateTable, DescribeTable, ListTables, DeleteTable, DescribeLimits, DescribeEndpoints.
#include <mutex>
#include <shared_mutex>

#include "common/problem.hpp"
#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/capacity_quotas.hpp"
#include "services/dynamodb/control_handlers.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/request_shape.hpp"
#include "services/dynamodb/stream_specification.hpp"
#include "services/dynamodb/table_definition.hpp"
#include "services/dynamodb/table_capacity.hpp"
#include "services/dynamodb/table_description.hpp"
#include "services/dynamodb/table_tags.hpp"

namespace chokepoint {

namespace {

using dynamodb_errors::validation;

Problem check_billing(const nlohmann::json& params) {
  const nlohmann::json& pt = param_json(params, "ProvisionedThroughput");
  if (param_str(params, "BillingMode") == "PAY_PER_REQUEST") {
    if (!pt.is_null()) {
      return std::string(kInvalidParameterValues) + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST";
    }
    return {};
  }
  const long long read = pt.is_object() && pt.contains("ReadCapacityUnits") ? shape_integer(pt["ReadCapacityUnits"]) : 0;
  const long long write = pt.is_object() && pt.contains("WriteCapacityUnits") ? shape_integer(pt["WriteCapacityUnits"]) : 0;
  if (read == 0 || write == 0) {
    return std::string(kInvalidParameterValues) + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED";
  }
  Throughput wanted;
  wanted.read = read;
  wanted.write = write;
  return check_throughput_bounds(wanted);
}

OnDemandLimits on_demand_of(const nlohmann::json& spec) {
  OnDemandLimits limits;
  apply_on_demand_throughput(spec, limits);
  return limits;
}

Problem check_global_throughput(const nlohmann::json& params, bool on_demand) {
  if (on_demand) return {};
  for (const auto& index : param_json(params, "GlobalSecondaryIndexes")) {
    if (!param_present(index, "ProvisionedThroughput")) {
      return std::string(kInvalidParameterValues) + "ProvisionedThroughput must be specified for index: " + param_str(index, "IndexName");
    }
  }
  return {};
}

Problem read_extras(const nlohmann::json& params, TableMeta& meta) {
  if (auto e = add_table_tags(meta.tags, param_json(params, "Tags"))) return e;
  meta.sse_specification = param_json(params, "SSESpecification");
  meta.table_class = param_str(params, "TableClass");
  if (param_present(params, "DeletionProtectionEnabled")) {
    meta.deletion_protection = lenient_bool(param_json(params, "DeletionProtectionEnabled"));
  }
  meta.on_demand = on_demand_of(param_json(params, "OnDemandThroughput"));
  return {};
}

ApiResponse description_response(const char* member, const Table& table, TimePoint now, std::optional<TableStatus> status) {
  ApiResponse r;
  r.body[member] = describe_table_json(table, now, status);
  return r;
}

}  // namespace

std::variant<std::shared_ptr<Table>, std::string> new_table(const nlohmann::json& params, const DynamoCall& call) {
  if (auto e = check_billing(params)) return std::move(*e);
  if (auto e = check_created_stream(param_json(params, "StreamSpecification"))) return std::move(*e);
  TableMeta meta;
  if (auto e = read_table_schema(params, call.config.dynamodb.multi_attribute_index_keys, meta.schema); !e.empty()) {
    return e;
  }
  const bool on_demand = param_str(params, "BillingMode") == "PAY_PER_REQUEST";
  if (auto e = check_global_throughput(params, on_demand)) return std::move(*e);
  meta.name = param_str(params, "TableName");
  meta.arn = call.table_arn(meta.name);
  meta.id = call.ids.uuid();
  meta.created = call.now;
  meta.pay_per_request = on_demand;
  meta.billing_mode_shown = param_present(params, "BillingMode");
  meta.throughput = read_throughput(param_json(params, "ProvisionedThroughput"));
  const auto delay = std::chrono::milliseconds(call.config.dynamodb.table_creation_delay_ms);
  meta.lifecycle = Lifecycle{TableStatus::kCreating, call.now + delay};
  for (const auto& index : param_json(params, "GlobalSecondaryIndexes")) {
    GlobalIndexState g;
    g.name = param_str(index, "IndexName");
    g.throughput = read_throughput(param_json(index, "ProvisionedThroughput"));
    g.on_demand = on_demand_of(param_json(index, "OnDemandThroughput"));
    g.lifecycle = meta.lifecycle;
    meta.global_indexes.push_back(std::move(g));
  }
  if (auto e = read_extras(params, meta)) return std::move(*e);
  auto table = std::make_shared<Table>(std::move(meta));
  apply_stream_specification(param_json(params, "StreamSpecification"), *table, call.now, table->meta.lifecycle.until,
                             call.config);
  table->capacity->sync(*table, call.config.dynamodb.capacity, call.now);
  return table;
}

ApiResult create_table(DynamoCall& call) {
  auto made = new_table(call.params, call);
  if (auto* e = std::get_if<std::string>(&made)) return validation(*e);
  auto table = std::get<std::shared_ptr<Table>>(made);
  if (auto e = check_create_quota(call, *table)) return *e;
  if (!call.tables.add(table, call.now)) {
    return dynamodb_errors::in_use("Table already exists: " + table->meta.name);
  }
  std::shared_lock lock(table->mutex);
  return description_response("TableDescription", *table, call.now, TableStatus::kCreating);
}

ApiResult describe_table(DynamoCall& call) {
  const std::string name = param_str(call.params, "TableName");
  auto table = call.tables.find(name, call.now);
  if (!table) return dynamodb_errors::table_not_found(name);
  std::shared_lock lock(table->mutex);
  return description_response("Table", *table, call.now, std::nullopt);
}

ApiResult list_tables(DynamoCall& call) {
  const std::string start = param_str(call.params, "ExclusiveStartTableName");
  const long long limit = param_present(call.params, "Limit") ? shape_integer(param_json(call.params, "Limit")) : 100;
  const auto names = call.tables.names(call.now);
  ApiResponse r;
  r.body["TableNames"] = nlohmann::json::array();
  auto it = start.empty() ? names.begin() : std::upper_bound(names.begin(), names.end(), start);
  for (; it != names.end() && static_cast<long long>(r.body["TableNames"].size()) < limit; ++it) {
    r.body["TableNames"].push_back(*it);
  }
  if (it != names.end() && !r.body["TableNames"].empty()) r.body["LastEvaluatedTableName"] = r.body["TableNames"].back();
  return r;
}

ApiResult delete_table(DynamoCall& call) {
  const std::string name = param_str(call.params, "TableName");
  auto table = call.tables.find(name, call.now);
  if (!table) return dynamodb_errors::table_not_found(name);
  ApiResponse r;
  {
    std::unique_lock lock(table->mutex);
    const TableStatus status = table->meta.lifecycle.at(call.now);
    if (status == TableStatus::kCreating) {
      return dynamodb_errors::in_use("Attempt to change a resource which is still in use: Table is being created: " + name);
    }
    if (status == TableStatus::kDeleting) {
      return dynamodb_errors::in_use("Attempt to change a resource which is still in use: Table is being deleted: " + name);
    }
    if (table->meta.deletion_protection.value_or(false)) {
      return validation("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
    }
    // DeleteTable's description leaves out the table's shape and birth date: no KeySchema, AttributeDefinitions,
    // indexes or CreationDateTime (what DynamoDB answers; ScyllaDB's suite, written against DynamoDB, checks it).
    nlohmann::json description = describe_table_json(*table, call.now, TableStatus::kDeleting);
    for (const char* omitted :
         {"KeySchema", "AttributeDefinitions", "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "CreationDateTime"}) {
      description.erase(omitted);
    }
    r.body["TableDescription"] = std::move(description);
    const auto delay = std::chrono::milliseconds(call.config.dynamodb.table_deletion_delay_ms);
    table->meta.lifecycle = Lifecycle{TableStatus::kDeleting, call.now + delay};
    table->mark_deleted(call.now + delay);
    // The data goes at once; only the description lingers while DELETING.
    table->items.clear();
    for (auto& index : table->indexes) index.clear();
  }
  if (call.config.dynamodb.table_deletion_delay_ms == 0) call.tables.remove(name);
  return r;
}

ApiResult describe_limits(DynamoCall& call) {
  const ProvisionedQuotas s = provisioned_quotas(call);
  ApiResponse r;
  r.body = {{"AccountMaxReadCapacityUnits", s.account_max_read_units},
            {"AccountMaxWriteCapacityUnits", s.account_max_write_units},
            {"TableMaxReadCapacityUnits", s.table_max_read_units},
            {"TableMaxWriteCapacityUnits", s.table_max_write_units}};
  return r;
}

ApiResult describe_endpoints(DynamoCall& call) {
  ApiResponse r;
  r.body["Endpoints"] = nlohmann::json::array({{{"Address", "dynamodb." + call.region + ".amazonaws.com"},
                                                {"CachePeriodInMinutes", 1440}}});
  return r;
}

}  // namespace chokepoint
