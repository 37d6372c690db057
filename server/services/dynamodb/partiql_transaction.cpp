// ExecuteTransaction: up to 100 statements run all or nothing
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteTransaction.html), as the
// TransactGetItems (all reads) or TransactWriteItems (all writes, EXISTS being a ConditionCheck) they stand
// for, so that locking, capacity, ClientRequestToken idempotency and cancellation are those operations' own.
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_handlers.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/partiql_native.hpp"

namespace chokepoint {

namespace {

const char* transact_action(PqlNative operation) {
  switch (operation) {
    case PqlNative::kPutItem:
      return "Put";
    case PqlNative::kUpdateItem:
      return "Update";
    case PqlNative::kDeleteItem:
      return "Delete";
    case PqlNative::kConditionCheck:
      return "ConditionCheck";
    default:
      return "Get";
  }
}

Result<std::vector<PqlPrepared>> prepare_transaction(DynamoCall& call, const nlohmann::json& statements) {
  std::vector<PqlPrepared> prepared;
  bool reads = false, writes = false;
  for (const auto& entry : statements) {
    auto one = prepare_partiql(call, {entry, true});
    if (!one) return std::move(one).error();
    (one->statement.reads() ? reads : writes) = true;
    if (!one->statement.returning.empty()) {
      return dynamodb_errors::validation("RETURNING is not supported in ExecuteTransaction");
    }
    prepared.push_back(std::move(*one));
  }
  if (reads && writes) {
    return dynamodb_errors::validation(
        "ExecuteTransaction API does not support both read and write operations in the same request.");
  }
  return prepared;
}

// The cancellation reason of an INSERT whose key exists is DuplicateItem, as ExecuteStatement's error is
// DuplicateItemException; the message lists the codes again.
ApiError partiql_cancellation(const std::vector<PqlPrepared>& prepared, ApiError error) {
  if (error.code != "TransactionCanceledException" || !error.extra.contains("CancellationReasons")) return error;
  nlohmann::json& reasons = error.extra["CancellationReasons"];
  std::string codes;
  for (std::size_t i = 0; i < reasons.size() && i < prepared.size(); ++i) {
    nlohmann::json& reason = reasons[i];
    if (prepared[i].statement.kind == PqlStatementKind::kInsert &&
        reason.value("Code", "") == "ConditionalCheckFailed") {
      reason = {{"Code", "DuplicateItem"}, {"Message", "Duplicate primary key exists in table"}};
    }
    codes += (codes.empty() ? "" : ", ") + reason.value("Code", "");
  }
  error.message = "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]";
  return error;
}

}  // namespace

ApiResult execute_transaction(DynamoCall& call) {
  const nlohmann::json& statements = param_json(call.params, "TransactStatements");
  auto prepared = prepare_transaction(call, statements);
  if (!prepared) return std::move(prepared).error();
  const bool reads = !prepared->empty() && prepared->front().statement.reads();
  nlohmann::json native = {{"TransactItems", nlohmann::json::array()}};
  for (const char* name : {"ReturnConsumedCapacity", "ClientRequestToken"}) {
    if (param_present(call.params, name) && (!reads || std::string_view(name) != "ClientRequestToken")) {
      native[name] = call.params[name];
    }
  }
  for (std::size_t i = 0; i < prepared->size(); ++i) {
    PqlNativeRequest& request = (*prepared)[i].native;
    if (param_present(statements[i], "ReturnValuesOnConditionCheckFailure")) {
      request.params["ReturnValuesOnConditionCheckFailure"] = statements[i]["ReturnValuesOnConditionCheckFailure"];
    }
    native["TransactItems"].push_back({{transact_action(request.operation), std::move(request.params)}});
  }
  ApiResult result = run_native_handler(call, native, reads ? transact_get_items : transact_write_items);
  if (auto* e = std::get_if<ApiError>(&result)) return partiql_cancellation(*prepared, std::move(*e));
  return result;
}

}  // namespace chokepoint
