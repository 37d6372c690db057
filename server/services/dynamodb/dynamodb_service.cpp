#include "services/dynamodb/dynamodb_service.hpp"

#include <algorithm>

#include "services/dynamodb/capacity_admission.hpp"
#include "services/dynamodb/capacity_metrics.hpp"
#include "services/dynamodb/declared_tables.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/request_shape.hpp"
#include "services/dynamodb/table_arn.hpp"
#include "services/dynamodb/table_capacity.hpp"
#include "services/dynamodb/throttling_reasons.hpp"
#include "services/dynamodb/ttl_expiry.hpp"

namespace chokepoint {

namespace {

ServiceDescriptor dynamodb_descriptor() {
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

}  // namespace

DynamoDbService::DynamoDbService() : descriptor_(dynamodb_descriptor()), operations_(dynamodb_operations()) {
  list_operations(descriptor_, operations_);
  for (const auto& op : operations_.entries()) shapes_.add(op.traits.name, op.handler.input, op.handler.table_name_first);
}

ApiResult DynamoDbService::handle(const ApiRequest& request, CallContext& ctx) {
  // Attribute values nest at most 32 levels, two JSON levels each, below a few levels of request structure.
  constexpr std::size_t kMaxJsonDepth = 72;
  if (nests_deeper_than(request.params, kMaxJsonDepth)) {
    return dynamodb_errors::validation("One or more parameter values were invalid: Nesting Levels have exceeded supported limits");
  }
  const DynamoOperationTable::Entry* operation = operations_.find(request.operation);
  if (!operation) return unknown_operation(request.operation);
  if (const OperationShape* shape = shapes_.find(request.operation)) {
    if (auto e = input_error(*shape, request.params)) return *e;
  }
  auto tables = region_tables(request.identity, ctx);
  // Items whose TTL passed go first: by now DynamoDB's background deletion could have removed them.
  if (const std::string name = resource_of(request); !name.empty()) {
    if (auto table = tables->find(name, ctx.now)) expire_items(*table, ctx.now);
  }
  DynamoCall call{request.params, request.identity.account_id, request.identity.region, ctx.now, ctx.config,
                  ctx.ids, *tables, tables->tokens, {}, &ctx.limiter};
  // A transaction's records share one frame: after a crash it is all there or not at all.
  const bool transaction = request.operation == "TransactWriteItems" || request.operation == "ExecuteTransaction";
  ChangeLog::Group group(change_log_ && transaction ? change_log_ : nullptr);
  ApiResult result = operation->handler.run(call);
  // Capacity whose cost was only known once the work was done: charged now, whatever the outcome.
  settle_capacity(call);
  ctx.consumed = consumed_capacity(call.capacity);
  if (ctx.metrics) report_capacity_metrics(call, request.operation, is_error(result), *ctx.metrics);
  // Item writes were journaled as they were written (Table::write); a control-plane change is journaled here.
  if (change_log_ && operation->traits.changes_state && operation->traits.plane == Plane::kControl &&
      !is_error(result)) {
    record_table_change(request, *tables, ctx.now);
  }
  return result;
}

ApiError DynamoDbService::throttle_error(const ApiRequest& request, const CallContext& ctx) const {
  const OperationTraits* operation = operations_.find_traits(request.operation);
  if (!operation || operation->plane == Plane::kControl) return descriptor_.throttle_error;
  const Access access = operation->plane == Plane::kDataRead ? Access::kRead : Access::kWrite;
  const std::string name = resource_of(request);
  const Identity& id = request.identity;
  const std::string arn = table_arn(id.region, id.account_id, name);
  const auto table = find_table(id.account_id, id.region, name, ctx.now);
  const bool on_demand = table && table->capacity->on_demand();
  const ThrottleReason reason{false, access, on_demand ? LimitType::kKeyRange : LimitType::kProvisionedThroughput, arn};
  return throttling_error(ctx.config.dynamodb.capacity.exceptions, on_demand, &reason, 1);
}

std::shared_ptr<Table> DynamoDbService::find_table(const std::string& account, const std::string& region,
                                                   const std::string& name, TimePoint now) const {
  const auto tables = state_.find_region(account, region);
  return tables ? tables->find(name, now) : nullptr;
}

std::vector<std::array<std::string, 3>> DynamoDbService::list_tables(TimePoint now) const {
  std::vector<std::array<std::string, 3>> out;
  for (const auto& [account, region, tables] : state_.regions()) {
    for (std::string& name : tables->names(now)) out.push_back({account, region, std::move(name)});
  }
  std::sort(out.begin(), out.end());
  return out;
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

void DynamoDbService::reset() { state_.reset(); }

}  // namespace chokepoint
