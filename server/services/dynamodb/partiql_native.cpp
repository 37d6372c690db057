#include "services/dynamodb/partiql_native.hpp"

#include <shared_mutex>

#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_handlers.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/partiql_parser.hpp"
#include "services/dynamodb/table.hpp"

namespace chokepoint {

namespace {

Result<TableSchema> partiql_schema(DynamoCall& call, const std::string& name) {
  auto found = data_table(call, name);
  if (!found) return std::move(found).error();
  std::shared_lock lock((*found)->mutex);
  if (!table_usable(**found, call.now)) return dynamodb_errors::not_found();
  return (*found)->meta.schema;
}

}  // namespace

Result<PqlPrepared> prepare_partiql(DynamoCall& call, const PqlStatementInput& input) {
  auto statement = parse_partiql(param_str(input.entry, "Statement"), param_json(input.entry, "Parameters"));
  if (!statement) return std::move(statement).error();
  auto schema = partiql_schema(call, statement->table);
  if (!schema) return std::move(schema).error();
  Result<PqlNativeRequest> native = PqlNativeRequest{};
  if (statement->reads()) {
    native = input.single_item_reads ? translate_item_read(*statement, *schema) : translate_select(*statement, *schema);
  } else {
    native = translate_write(*statement, *schema);
  }
  if (!native) return std::move(native).error();
  return PqlPrepared{std::move(*statement), std::move(*native)};
}

ApiResult run_native(DynamoCall& call, const PqlNativeRequest& request) {
  ApiResult (*handler)(DynamoCall&) = nullptr;
  switch (request.operation) {
    case PqlNative::kGetItem:
      handler = get_item;
      break;
    case PqlNative::kQuery:
      handler = query;
      break;
    case PqlNative::kScan:
      handler = scan;
      break;
    case PqlNative::kPutItem:
      handler = put_item;
      break;
    case PqlNative::kUpdateItem:
      handler = update_item;
      break;
    case PqlNative::kDeleteItem:
      handler = delete_item;
      break;
    case PqlNative::kConditionCheck:
      return dynamodb_errors::validation("EXISTS is supported only in ExecuteTransaction");
  }
  return run_native_handler(call, request.params, handler);
}

ApiResult run_native_handler(DynamoCall& call, const nlohmann::json& params, ApiResult (*handler)(DynamoCall&)) {
  DynamoCall native{params,      call.account, call.region,
                    call.now,    call.config,  call.ids,
                    call.tables, call.tokens,  std::move(call.capacity)};
  ApiResult result = handler(native);
  call.capacity = std::move(native.capacity);
  return result;
}

ApiError partiql_error(const PqlStatement& statement, ApiError error) {
  if (statement.kind == PqlStatementKind::kInsert && error.code == "ConditionalCheckFailedException") {
    // ExecuteStatement's DuplicateItemException
    // (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html#API_ExecuteStatement_Errors).
    return make_error("DuplicateItemException", "Duplicate primary key exists in table");
  }
  return error;
}

}  // namespace chokepoint
