// ExecuteStatement: one PartiQL statement
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html). A SELECT
// answers one page of Items with a NextToken while more remain; a write answers no Items, or the item its
// RETURNING clause asks for.
#include "common/base64.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_handlers.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/partiql_native.hpp"

namespace chokepoint {

namespace {

// NextToken: the page's LastEvaluatedKey with the statement it belongs to, so that a token is refused for
// another statement.
std::string page_token(const std::string& statement, const nlohmann::json& last_key) {
  return base64_encode(nlohmann::json{{"Statement", statement}, {"Key", last_key}}.dump());
}

Result<nlohmann::json> token_start_key(const std::string& statement, const std::string& token) {
  std::string text;
  nlohmann::json decoded;
  if (base64_decode(token, text)) decoded = nlohmann::json::parse(text, nullptr, false);
  if (!decoded.is_object() || decoded.value("Statement", "") != statement || !decoded["Key"].is_object()) {
    return dynamodb_errors::validation("Invalid NextToken");
  }
  return decoded["Key"];
}

void copy_param(const nlohmann::json& from, nlohmann::json& to, const char* name) {
  if (from.contains(name)) to[name] = from[name];
}

ApiResult select_page(DynamoCall& call, PqlPrepared& prepared) {
  nlohmann::json& params = prepared.native.params;
  const std::string statement = param_str(call.params, "Statement");
  for (const char* name : {"ConsistentRead", "Limit", "ReturnConsumedCapacity"}) copy_param(call.params, params, name);
  if (param_present(call.params, "NextToken")) {
    auto key = token_start_key(statement, param_str(call.params, "NextToken"));
    if (!key) return std::move(key).error();
    params["ExclusiveStartKey"] = std::move(*key);
  }
  ApiResult result = run_native(call, prepared.native);
  if (auto* e = std::get_if<ApiError>(&result)) return std::move(*e);
  const nlohmann::json page = std::get<ApiResponse>(result).tree();
  ApiResponse response;
  response.body["Items"] = page.value("Items", nlohmann::json::array());
  if (page.contains("LastEvaluatedKey")) {
    response.body["NextToken"] = page_token(statement, page["LastEvaluatedKey"]);
    response.body["LastEvaluatedKey"] = page["LastEvaluatedKey"];
  }
  copy_param(page, response.body, "ConsumedCapacity");
  return response;
}

ApiResult write_statement(DynamoCall& call, PqlPrepared& prepared) {
  nlohmann::json& params = prepared.native.params;
  for (const char* name : {"ReturnConsumedCapacity", "ReturnValuesOnConditionCheckFailure"}) {
    copy_param(call.params, params, name);
  }
  ApiResult result = run_native(call, prepared.native);
  if (auto* e = std::get_if<ApiError>(&result)) return partiql_error(prepared.statement, std::move(*e));
  const nlohmann::json written = std::get<ApiResponse>(result).tree();
  ApiResponse response;
  response.body["Items"] = nlohmann::json::array();
  if (written.contains("Attributes")) response.body["Items"].push_back(written["Attributes"]);
  copy_param(written, response.body, "ConsumedCapacity");
  return response;
}

}  // namespace

ApiResult execute_statement(DynamoCall& call) {
  auto prepared = prepare_partiql(call, {call.params, false});
  if (!prepared) return std::move(prepared).error();
  return prepared->statement.reads() ? select_page(call, *prepared) : write_statement(call, *prepared);
}

}  // namespace chokepoint
