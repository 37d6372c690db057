#include "services/dynamodb/partiql_translate.hpp"

#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/partiql_expressions.hpp"

namespace chokepoint {

namespace {

using CondKind = PqlCondition::Kind;
using Conjuncts = std::vector<const PqlCondition*>;

// The conditions a WHERE requires all of: its top-level AND terms.
void pql_conjuncts(const PqlCondition* c, Conjuncts& out) {
  if (!c) return;
  if (c->kind != CondKind::kAnd) return out.push_back(c);
  for (const auto& child : c->children) pql_conjuncts(child.get(), out);
}

bool names_attribute(const PqlPath& path, const std::string& name) {
  return path.size() == 1 && path[0].index < 0 && path[0].name == name;
}

bool is_top_attribute(const PqlOperand& o, const std::string& name) {
  return o.kind == PqlOperand::Kind::kPath && names_attribute(o.path, name);
}

// The value of `name = value` (either way round); null when `c` is not that.
const nlohmann::json* equality_on(const PqlCondition& c, const std::string& name) {
  if (c.kind != CondKind::kCompare || c.name != "=") return nullptr;
  for (std::size_t i = 0; i < 2; ++i) {
    if (is_top_attribute(c.operands[i], name) && c.operands[1 - i].kind == PqlOperand::Kind::kValue) {
      return &c.operands[1 - i].value;
    }
  }
  return nullptr;
}

// The WHERE of a statement on one item: the key attributes' equalities, and every other condition.
struct KeyedWhere {
  nlohmann::json key = nlohmann::json::object();
  Conjuncts rest;
};

KeyedWhere split_key(const PqlCondition* where, const KeySchema& key) {
  Conjuncts all;
  pql_conjuncts(where, all);
  KeyedWhere out;
  for (const PqlCondition* c : all) {
    bool used = false;
    for (const KeyAttribute* attr : key.parts()) {
      if (used || !attr || out.key.contains(attr->name)) continue;
      if (const nlohmann::json* v = equality_on(*c, attr->name)) {
        out.key[attr->name] = *v;
        used = true;
      }
    }
    if (!used) out.rest.push_back(c);
  }
  return out;
}

std::string all_conditions(PqlExpressionWriter& w, const Conjuncts& parts) {
  std::string out;
  for (const PqlCondition* c : parts) {
    const std::string one = w.condition(*c);
    out += (out.empty() ? "(" : " AND (") + one + ")";
  }
  return out;
}

// `c` as a key condition on the sort key `name` (comparison, BETWEEN or begins_with with values); empty when
// it is not one.
std::string sort_key_condition(PqlExpressionWriter& w, const PqlCondition& c, const std::string& name) {
  const auto is_value = [](const PqlOperand& o) { return o.kind == PqlOperand::Kind::kValue; };
  if (c.kind == CondKind::kCompare && c.name != "<>") {
    const bool flipped = !is_top_attribute(c.operands[0], name);
    if (!is_top_attribute(c.operands[flipped ? 1 : 0], name) || !is_value(c.operands[flipped ? 0 : 1])) return {};
    std::string op = c.name;
    if (flipped && op != "=") op = (op[0] == '<' ? ">" : "<") + op.substr(1);
    const std::string key = w.path(c.operands[flipped ? 1 : 0].path);
    return key + " " + op + " " + w.value(c.operands[flipped ? 0 : 1].value);
  }
  const bool between = c.kind == CondKind::kBetween && is_value(c.operands[1]) && is_value(c.operands[2]);
  const bool prefix = c.kind == CondKind::kFunction && c.name == "begins_with" && is_value(c.operands[1]);
  if ((!between && !prefix) || !is_top_attribute(c.operands[0], name)) return {};
  return w.condition(c);
}

std::string projection_of(PqlExpressionWriter& w, const std::vector<PqlPath>& paths) {
  std::string out;
  for (const PqlPath& p : paths) out += (out.empty() ? "" : ", ") + w.path(p);
  return out;
}

Result<PqlNativeRequest> finished_request(PqlExpressionWriter& w, PqlNativeRequest request) {
  if (w.failed())
    return dynamodb_errors::validation("Statement wasn't well formed, can't be processed: " + w.problem());
  w.finish(request.params);
  return request;
}

// The Query of a SELECT with `hash_equality` on the partition key: the sort key's first usable condition
// joins the key condition, every other condition is the filter.
void as_query(PqlExpressionWriter& w, const KeySchema& keys, const Conjuncts& all, const PqlCondition* hash_equality,
              PqlNativeRequest& r) {
  r.operation = PqlNative::kQuery;
  const std::string hash = w.path({{keys.hash.name, -1}});
  std::string key_condition = hash + " = " + w.value(*equality_on(*hash_equality, keys.hash.name));
  Conjuncts rest;
  bool sort_key_done = !keys.range;
  for (const PqlCondition* c : all) {
    if (c == hash_equality) continue;
    std::string range = sort_key_done ? std::string() : sort_key_condition(w, *c, keys.range->name);
    if (range.empty()) {
      rest.push_back(c);
      continue;
    }
    key_condition += " AND " + range;
    sort_key_done = true;
  }
  r.params["KeyConditionExpression"] = key_condition;
  if (!rest.empty()) r.params["FilterExpression"] = all_conditions(w, rest);
}

}  // namespace

ApiError missing_key_equality() {
  return dynamodb_errors::validation("Where clause does not contain a mandatory equality on all key attributes");
}

Result<PqlNativeRequest> translate_select(const PqlStatement& s, const TableSchema& schema) {
  const KeySchema* keys = &schema.key;
  PqlNativeRequest r;
  r.params["TableName"] = s.table;
  if (!s.index.empty()) {
    r.params["IndexName"] = s.index;
    const IndexSchema* index = schema.find_index(s.index);
    keys = index ? &index->key : nullptr;
  }
  Conjuncts all;
  pql_conjuncts(s.where.get(), all);
  const PqlCondition* hash_equality = nullptr;
  for (const PqlCondition* c : all) {
    if (!hash_equality && keys && equality_on(*c, keys->hash.name)) hash_equality = c;
  }
  PqlExpressionWriter w;
  if (hash_equality) {
    as_query(w, *keys, all, hash_equality, r);
  } else if (s.where) {
    r.params["FilterExpression"] = w.condition(*s.where);
  }
  if (s.order_by) {
    const bool on_key = keys && (names_attribute(*s.order_by, keys->hash.name) ||
                                 (keys->range && names_attribute(*s.order_by, keys->range->name)));
    if (!hash_equality || !on_key) {
      return dynamodb_errors::validation("Must have WHERE clause in the statement when using ORDER BY clause.");
    }
    r.params["ScanIndexForward"] = !s.descending;
  }
  if (!s.projection.empty()) r.params["ProjectionExpression"] = projection_of(w, s.projection);
  return finished_request(w, std::move(r));
}

Result<PqlNativeRequest> translate_item_read(const PqlStatement& s, const TableSchema& schema) {
  KeyedWhere where = split_key(s.where.get(), schema.key);
  const std::size_t key_size = schema.key.range ? 2 : 1;
  if (!s.index.empty() || where.key.size() != key_size || !where.rest.empty()) return missing_key_equality();
  PqlNativeRequest r;
  r.operation = PqlNative::kGetItem;
  r.params["TableName"] = s.table;
  r.params["Key"] = std::move(where.key);
  PqlExpressionWriter w;
  if (!s.projection.empty()) r.params["ProjectionExpression"] = projection_of(w, s.projection);
  return finished_request(w, std::move(r));
}

Result<PqlNativeRequest> translate_write(const PqlStatement& s, const TableSchema& schema) {
  PqlExpressionWriter w;
  PqlNativeRequest r;
  r.params["TableName"] = s.table;
  const auto key_present = [&](const char* function) {
    return function + ("(" + w.path({{schema.key.hash.name, -1}})) + ")";
  };
  if (s.kind == PqlStatementKind::kInsert) {
    r.operation = PqlNative::kPutItem;
    r.params["Item"] = s.item.at("M");
    r.params["ConditionExpression"] = key_present("attribute_not_exists");
    return finished_request(w, std::move(r));
  }
  KeyedWhere where = split_key(s.where.get(), schema.key);
  if (where.key.size() != (schema.key.range ? 2u : 1u) || !s.index.empty()) return missing_key_equality();
  r.params["Key"] = std::move(where.key);
  std::string condition = all_conditions(w, where.rest);
  if (s.kind != PqlStatementKind::kDelete) {
    condition = key_present("attribute_exists") + (condition.empty() ? "" : " AND " + condition);
  }
  if (!condition.empty()) r.params["ConditionExpression"] = condition;
  if (!s.returning.empty()) r.params["ReturnValues"] = s.returning;
  if (s.kind == PqlStatementKind::kUpdate) {
    r.operation = PqlNative::kUpdateItem;
    r.params["UpdateExpression"] = w.update_expression(s.sets, s.removes);
  } else {
    r.operation = s.kind == PqlStatementKind::kDelete ? PqlNative::kDeleteItem : PqlNative::kConditionCheck;
  }
  return finished_request(w, std::move(r));
}

}  // namespace chokepoint
