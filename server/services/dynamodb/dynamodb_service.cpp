#include "services/dynamodb/dynamodb_service.hpp"

#include "services/dynamodb/capacity_admission.hpp"
#include "services/dynamodb/capacity_metrics.hpp"
#include "services/dynamodb/control_handlers.hpp"
#include "services/dynamodb/declared_tables.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_handlers.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/request_shape.hpp"
#include "services/dynamodb/table_capacity.hpp"
#include "services/dynamodb/throttling_reasons.hpp"

namespace chokepoint {

namespace {

ServiceDescriptor make_descriptor() {
  ServiceDescriptor d;
  d.name = "dynamodb";
  d.protocol = Protocol::kJson10;
  d.json_target_prefix = "DynamoDB_20120810";
  d.signing_name = "dynamodb";
  d.json_error_prefix = "com.amazonaws.dynamodb.v20120810#";
  d.json_frontend_prefix = "com.amazon.coral.service#";
  d.request_id_style = RequestIdStyle::kDynamoDb;
  d.send_crc32 = true;
  d.owns_default_front_end = true;
  // Control-plane rate limiting; DynamoDB's front end reports it from its availability layer.
  d.throttle_error = make_error("ThrottlingException", "Rate of requests exceeds the allowed throughput.");
  d.throttle_error.json_type = "com.amazon.coral.availability#ThrottlingException";
  return d;
}

// TableName checks control-plane operations make before the others, with their own wording.
std::optional<std::string> table_name_problem(const nlohmann::json& params) {
  const nlohmann::json& name = param_json(params, "TableName");
  if (name.is_null()) return "The parameter 'TableName' is required but was not present in the request";
  const std::size_t n = name.is_string() ? name.get_ref<const std::string&>().size() : 0;
  if (n < 3 || n > 255) return "TableName must be at least 3 characters long and at most 255 characters long";
  return std::nullopt;
}

// The direction of a data-plane operation's capacity; nullopt for control-plane operations.
std::optional<Access> data_plane_access(const std::string& operation) {
  static constexpr std::string_view kReads[] = {"GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"};
  static constexpr std::string_view kWrites[] = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
                                                 "TransactWriteItems"};
  for (auto op : kReads) {
    if (operation == op) return Access::kRead;
  }
  for (auto op : kWrites) {
    if (operation == op) return Access::kWrite;
  }
  return std::nullopt;
}

std::string table_of_arn(const std::string& arn) {
  const auto slash = arn.find(":table/");
  return slash == std::string::npos ? std::string() : arn.substr(slash + 7, arn.find('/', slash + 7) - slash - 7);
}

}  // namespace

DynamoDbService::DynamoDbService() : descriptor_(make_descriptor()) {
  handlers_ = {
      {"CreateTable", create_table},
      {"DescribeTable", describe_table},
      {"ListTables", list_tables},
      {"DeleteTable", delete_table},
      {"UpdateTable", update_table},
      {"DescribeLimits", describe_limits},
      {"DescribeEndpoints", describe_endpoints},
      {"DescribeContinuousBackups", describe_continuous_backups},
      {"UpdateTimeToLive", update_time_to_live},
      {"DescribeTimeToLive", describe_time_to_live},
      {"TagResource", tag_resource},
      {"UntagResource", untag_resource},
      {"ListTagsOfResource", list_tags_of_resource},
      {"GetItem", get_item},
      {"PutItem", put_item},
      {"UpdateItem", update_item},
      {"DeleteItem", delete_item},
      {"Query", query},
      {"Scan", scan},
      {"BatchGetItem", batch_get_item},
      {"BatchWriteItem", batch_write_item},
      {"TransactGetItems", transact_get_items},
      {"TransactWriteItems", transact_write_items},
  };
  for (const auto& [name, handler] : handlers_) descriptor_.operations.insert(name);
}

ApiResult DynamoDbService::handle(const ApiRequest& request, CallContext& ctx) {
  // Attribute values nest at most 32 levels, two JSON levels each, below a few levels of request structure.
  constexpr std::size_t kMaxJsonDepth = 72;
  if (nests_deeper_than(request.params, kMaxJsonDepth)) {
    return dynamodb_errors::validation("One or more parameter values were invalid: Nesting Levels have exceeded supported limits");
  }
  const OperationShape* shape = shapes_.find(request.operation);
  if (shape) {
    if (auto e = check_types(request.params, *shape->input)) return dynamodb_errors::serialization(*e);
    if (shape->table_name_first) {
      if (auto e = table_name_problem(request.params)) return dynamodb_errors::validation(*e);
    }
    if (auto e = check_constraints(request.params, *shape->input)) return dynamodb_errors::validation(*e);
  }
  auto tables = region_tables(request.identity, ctx);
  DynamoCall call{request.params, request.identity.account_id, request.identity.region, ctx.now, ctx.config,
                  ctx.ids, *tables, tables->tokens, {}};
  ApiResult result = handlers_.at(request.operation)(call);
  // Capacity whose cost was only known once the work was done: charged now, whatever the outcome.
  settle_capacity(call);
  if (ctx.metrics) report_capacity_metrics(call, request.operation, is_error(result), *ctx.metrics);
  return result;
}

ApiError DynamoDbService::throttle_error(const ApiRequest& request, const CallContext& ctx) const {
  const std::optional<Access> access = data_plane_access(request.operation);
  if (!access) return descriptor_.throttle_error;
  const std::string name = resource_of(request);
  const Identity& id = request.identity;
  const std::string arn = "arn:aws:dynamodb:" + id.region + ":" + id.account_id + ":table/" + name;
  const auto table = find_table(id.account_id, id.region, name, ctx.now);
  const bool on_demand = table && table->capacity->on_demand();
  const ThrottleReason reason{false, *access, on_demand ? LimitType::kKeyRange : LimitType::kProvisionedThroughput, arn};
  return throttling_error(ctx.config.dynamodb.capacity.exceptions, on_demand, &reason, 1);
}

std::shared_ptr<Table> DynamoDbService::find_table(const std::string& account, const std::string& region,
                                                   const std::string& name, TimePoint now) const {
  const auto tables = state_.find_region(account, region);
  return tables ? tables->find(name, now) : nullptr;
}

std::shared_ptr<RegionTables> DynamoDbService::region_tables(const Identity& identity, CallContext& ctx) {
  // A reloaded configuration may declare more tables: add them to every account and region in use.
  const Config* seen = seeded_config_.load(std::memory_order_acquire);
  if (seen != &ctx.config && seeded_config_.compare_exchange_strong(seen, &ctx.config)) {
    for (auto& [account, region, tables] : state_.regions()) seed(*tables, account, region, ctx);
  }
  return state_.region(identity.account_id, identity.region,
                       [&](RegionTables& tables, const std::string& account, const std::string& region) {
                         seed(tables, account, region, ctx);
                       });
}

void DynamoDbService::seed(RegionTables& tables, const std::string& account, const std::string& region, CallContext& ctx) {
  for (const auto& decl : ctx.config.dynamodb.tables) {
    const std::string& want_account = decl.account.empty() ? ctx.config.default_account : decl.account;
    const std::string& want_region = decl.region.empty() ? ctx.config.default_region : decl.region;
    if (want_account != account || want_region != region || tables.find(decl.name, ctx.now)) continue;
    DynamoCall call{nlohmann::json::object(), account, region, ctx.now, ctx.config, ctx.ids, tables, tables.tokens, {}};
    if (auto table = declared_table(decl, call)) tables.add(std::move(table), ctx.now);
  }
}

std::string DynamoDbService::resource_of(const ApiRequest& request) const {
  const nlohmann::json& p = request.params;
  if (const std::string name = param_str(p, "TableName"); !name.empty()) return name;
  if (const std::string arn = param_str(p, "ResourceArn"); !arn.empty()) return table_of_arn(arn);
  const nlohmann::json& items = param_json(p, "RequestItems");
  if (items.is_object() && !items.empty()) return items.begin().key();
  const nlohmann::json& transact = param_json(p, "TransactItems");
  if (transact.is_array() && !transact.empty() && transact[0].is_object()) {
    for (const auto& [kind, action] : transact[0].items()) {
      if (const std::string name = param_str(action, "TableName"); !name.empty()) return name;
    }
  }
  return {};
}

void DynamoDbService::reset() { state_.reset(); }

}  // namespace chokepoint
