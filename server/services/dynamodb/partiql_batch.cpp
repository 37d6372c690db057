// BatchExecuteStatement: up to 25 statements, all reads or all writes, each answered on its own
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchExecuteStatement.html). Reads name
// whole keys (single items, like BatchGetItem); a statement that fails gets an Error {Code, Message} entry in
// Responses and the others still run, so the request itself succeeds.
#include "common/json_text.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_handlers.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/partiql_native.hpp"
#include "services/dynamodb/partiql_parser.hpp"

namespace chokepoint {

namespace {

std::string batch_error_code(const std::string& code) {
  // BatchStatementError.Code values (API_BatchStatementError.html): the exception's name without
  // "Exception", and ValidationError / ThrottlingError for those two.
  if (code == "ValidationException") return "ValidationError";
  if (code == "ThrottlingException") return "ThrottlingError";
  if (code == "AccessDeniedException") return "AccessDenied";
  constexpr std::string_view kSuffix = "Exception";
  if (code.size() > kSuffix.size() && code.ends_with(kSuffix)) return code.substr(0, code.size() - kSuffix.size());
  return code;
}

nlohmann::json batch_error_entry(const std::string& table, const ApiError& error) {
  nlohmann::json entry = nlohmann::json::object();
  nlohmann::json detail = {{"Code", batch_error_code(error.code)}, {"Message", error.message}};
  if (error.extra.contains("Item")) detail["Item"] = error.extra["Item"];
  entry["Error"] = std::move(detail);
  if (!table.empty()) entry["TableName"] = table;
  return entry;
}

nlohmann::json run_batch_statement(DynamoCall& call, const nlohmann::json& entry, PqlPrepared& prepared) {
  const PqlStatement& statement = prepared.statement;
  nlohmann::json& params = prepared.native.params;
  const char* option = statement.reads() ? "ConsistentRead" : "ReturnValuesOnConditionCheckFailure";
  if (param_present(entry, option)) params[option] = entry[option];
  ApiResult result = run_native(call, prepared.native);
  if (auto* e = std::get_if<ApiError>(&result)) return batch_error_entry(statement.table, partiql_error(statement, *e));
  nlohmann::json answer = {{"TableName", statement.table}};
  if (statement.reads()) {
    nlohmann::json read = std::get<ApiResponse>(result).tree();
    if (read.contains("Item")) answer["Item"] = std::move(read["Item"]);
  }
  return answer;
}

}  // namespace

ApiResult batch_execute_statement(DynamoCall& call) {
  const nlohmann::json& statements = param_json(call.params, "Statements");
  std::vector<Result<PqlPrepared>> prepared;
  bool reads = false, writes = false;
  for (const auto& entry : statements) {
    prepared.push_back(prepare_partiql(call, {entry, true}));
    if (prepared.back()) (prepared.back()->statement.reads() ? reads : writes) = true;
  }
  if (reads && writes) {
    return dynamodb_errors::validation(
        "BatchExecuteStatement API does not support both read and write operations in the same request.");
  }
  nlohmann::json responses = nlohmann::json::array();
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    const nlohmann::json& entry = statements[i];
    if (!prepared[i]) {
      responses.push_back(batch_error_entry(partiql_table_name(param_str(entry, "Statement")), prepared[i].error()));
      continue;
    }
    responses.push_back(run_batch_statement(call, entry, *prepared[i]));
  }
  std::string body;
  JsonObjectWriter response(body);
  append_json(response.key("Responses"), responses);
  append_consumed_capacity_list(response, call.capacity,
                                parse_return_capacity(param_str(call.params, "ReturnConsumedCapacity")));
  response.close();
  return json_text_response(std::move(body));
}

}  // namespace chokepoint
