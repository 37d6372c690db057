// DynamoDB's expression languages end to end: the first byte picks the request parameter (condition, update,
// key condition, filter, projection), the rest is the expression. Every #name and :value the text mentions is
// defined (values of varied types), so valid expressions go on to be checked, evaluated against an item,
// applied to it and projected from it.
#include <array>
#include <cctype>
#include <cstdint>
#include <string>

#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/condition_eval.hpp"
#include "services/dynamodb/expression_parser.hpp"
#include "services/dynamodb/key_conditions.hpp"
#include "services/dynamodb/projection.hpp"
#include "services/dynamodb/request_expressions.hpp"
#include "services/dynamodb/update_eval.hpp"

using namespace chokepoint;
using nlohmann::json;

namespace {

constexpr std::array<const char*, 5> kKinds = {"ConditionExpression", "UpdateExpression", "KeyConditionExpression",
                                               "FilterExpression", "ProjectionExpression"};

// One value of each attribute type, picked by the token's length.
json value_for(const std::string& token) {
  static const std::array<json, 10> kValues = {
      json{{"S", "abc"}},
      json{{"N", "42.5"}},
      json{{"B", "AAEC"}},
      json{{"BOOL", true}},
      json{{"NULL", true}},
      json{{"SS", {"a", "b"}}},
      json{{"NS", {"1", "-2"}}},
      json{{"L", {{{"S", "x"}}, {{"N", "1"}}}}},
      json{{"M", {{"a", {{"N", "7"}}}, {"b", {{"L", json::array()}}}}}},
      json{{"BS", {"AQ==", "Ag=="}}},
  };
  return kValues[token.size() % kValues.size()];
}

bool is_token_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// ExpressionAttributeNames/Values for every #name and :value in the text.
void define_tokens(const std::string& text, json& params) {
  json names = json::object(), values = json::object();
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '#' && text[i] != ':') continue;
    size_t end = i + 1;
    while (end < text.size() && is_token_char(text[end])) ++end;
    const std::string token = text.substr(i, end - i);
    if (token.size() > 1 && text[i] == '#') names[token] = token.substr(1);
    if (token.size() > 1 && text[i] == ':') values[token] = value_for(token);
  }
  if (!names.empty()) params["ExpressionAttributeNames"] = names;
  if (!values.empty()) params["ExpressionAttributeValues"] = values;
}

const AttrMap& sample_item() {
  static const AttrMap item = [] {
    AttrMap m;
    const json j = json::parse(R"({"pk": {"S": "k"}, "a": {"N": "1"}, "b": {"S": "abc"},
      "l": {"L": [{"N": "1"}, {"M": {"x": {"S": "y"}}}, {"L": []}]}, "m": {"M": {"a": {"NS": ["1", "2"]}}},
      "s": {"SS": ["a", "b"]}, "bin": {"B": "AAEC"}, "t": {"BOOL": false}, "n": {"NULL": true}})");
    attrs_from_json(j, m);
    return m;
  }();
  return item;
}

void exercise(const CompiledExpressions& compiled) {
  const AttrMap& item = sample_item();
  if (compiled.condition) (void)evaluate_condition(*compiled.condition, item);
  if (compiled.filter) (void)evaluate_condition(*compiled.filter, item);
  if (compiled.update) {
    AttrMap copy = item;
    (void)apply_update(*compiled.update, copy);
    (void)updated_paths(*compiled.update);
    std::string text;
    append_attrs_json(text, copy);
  }
  if (compiled.projection) (void)project_item(item, compiled.projection->paths);
  if (compiled.key_condition) {
    std::vector<KeyCondition> conditions;
    if (!key_conditions_from_expression(*compiled.key_condition, conditions)) {
      (void)check_key_conditions(conditions);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string kind = kKinds[data[0] % kKinds.size()];
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  // The bare parsers first, on the raw text.
  (void)parse_condition_syntax(text);
  (void)parse_update_syntax(text);
  (void)parse_projection_syntax(text);
  json params = {{kind, text}};
  define_tokens(text, params);
  CompiledExpressions compiled;
  if (!compile_expressions(params, {kind}, compiled)) exercise(compiled);
  return 0;
}
