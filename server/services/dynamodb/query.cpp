// Query: one partition of the table or of an index, in sort-key order.
#include <shared_mutex>

#include "common/problem.hpp"
#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/capacity_admission.hpp"
#include "services/dynamodb/composite_key_conditions.hpp"
#include "services/dynamodb/condition_eval.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_handlers.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/key_codec.hpp"
#include "services/dynamodb/key_conditions.hpp"
#include "services/dynamodb/legacy_parameters.hpp"
#include "services/dynamodb/read_setup.hpp"

namespace chokepoint {

namespace {

using dynamodb_errors::validation;

struct QueryRequest {
  CompiledExpressions compiled;
  std::optional<AttrMap> start;
  std::vector<KeyCondition> conditions;
  // More than 2 conditions, acceptable only on an index with a multi-attribute key.
  bool many_conditions = false;
};

Problem check_request(const nlohmann::json& params, QueryRequest& q) {
  if (auto e = check_expression_style(params, {"ProjectionExpression", "FilterExpression", "KeyConditionExpression"},
                                      {"AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"})) {
    return e;
  }
  if (auto e = check_conditional_operator(params, "QueryFilter")) return e;
  if (auto e = validate_legacy_conditions(param_json(params, "QueryFilter"))) return e;
  if (auto e = duplicate_attribute_name(param_json(params, "AttributesToGet"))) return e;
  if (auto e = read_start_key(params, q.start)) return e;
  if (!param_present(params, "KeyConditions") && !param_present(params, "KeyConditionExpression")) {
    return "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.";
  }
  if (auto e = compile_expressions(params, {"ProjectionExpression", "FilterExpression", "KeyConditionExpression"}, q.compiled)) {
    return e;
  }
  if (q.compiled.key_condition) {
    if (auto e = key_conditions_from_expression(*q.compiled.key_condition, q.conditions)) return e;
    // Up to 4 partition and 4 sort key attributes of a multi-attribute index key.
    if (auto e = check_key_conditions(q.conditions, 8)) return e;
    q.many_conditions = q.conditions.size() > 2;
    return {};
  }
  if (auto e = validate_legacy_conditions(param_json(params, "KeyConditions"))) return e;
  q.conditions = key_conditions_from_legacy(param_json(params, "KeyConditions"));
  return check_key_conditions(q.conditions);
}

// check_keys for an index with a multi-attribute key.
Problem check_composite_keys(const QueryRequest& q, const ReadTarget& target, const Table& table) {
  const KeySchema& key = *target.key;
  if (!q.compiled.key_condition) {
    // KeyConditions names each attribute once and cannot say which sort attributes come first.
    return "KeyConditions is not supported on an index with a multi-attribute key; use KeyConditionExpression. "
           "IndexName: " + target.index->schema().name;
  }
  if (q.start && q.start->size() != target.start_key_names.size()) return "The provided starting key is invalid";
  if (q.start) {
    for (const KeyAttribute* attr : key.parts()) {
      if (auto e = check_start_attribute(*q.start, *attr)) return e;
    }
  }
  if (auto e = check_composite_conditions(q.conditions, key)) return e;
  if (!q.start) return {};
  if (auto e = validate_key(extract_key(*q.start, table.meta.schema.key), table.meta.schema.key)) {
    return "The provided starting key is invalid: " + *e;
  }
  const IndexKey start = start_index_key(*q.start, table, *target.index);
  if (start.hash != composite_partition(q.conditions, key).hash) {
    return "The provided starting key is outside query boundaries based on provided conditions";
  }
  const auto ranges = key.range_parts();
  const bool in_range = ranges.size() > 1 ? composite_sort_range(q.conditions, key).contains(start.range)
                        : ranges.empty() || !find_condition(q.conditions, ranges[0].name) ||
                              matches_key_condition(*find_condition(q.conditions, ranges[0].name),
                                                    *q.start->find(ranges[0].name));
  if (!in_range) return "The provided starting key does not match the range key predicate";
  return {};
}

// Start key and key conditions against the key schema being read.
Problem check_keys(const QueryRequest& q, const ReadTarget& target, const Table& table) {
  if (target.key->composite()) return check_composite_keys(q, target, table);
  if (q.many_conditions) return kConditionCountMessage;
  if (q.start && q.start->size() != target.start_key_names.size()) return "The provided starting key is invalid";
  const KeySchema& key = *target.key;
  for (const KeyAttribute* attr : {&key.hash, key.range ? &*key.range : nullptr}) {
    if (!attr) continue;
    const bool is_hash = attr == &key.hash;
    if (q.start) {
      if (auto e = check_start_attribute(*q.start, *attr)) return e;
    }
    if (auto e = check_against_key(q.conditions, key, *attr, is_hash)) return e;
  }
  if (!q.start) return {};
  if (auto e = validate_key(extract_key(*q.start, table.meta.schema.key), table.meta.schema.key)) {
    return "The provided starting key is invalid: " + *e;
  }
  const KeyCondition* hash = find_condition(q.conditions, key.hash.name);
  const KeyCondition* range = key.range ? find_condition(q.conditions, key.range->name) : nullptr;
  const bool same_hash = *q.start->find(key.hash.name) == hash->values[0];
  if (!range) {
    if (!same_hash) return "The provided starting key is outside query boundaries based on provided conditions";
    return {};
  }
  if (!matches_key_condition(*range, *q.start->find(key.range->name))) {
    return "The provided starting key does not match the range key predicate";
  }
  if (!same_hash) return "The query can return at most one row and cannot be restarted";
  return {};
}

Problem check_filter_keys(const nlohmann::json& params, const std::optional<Condition>& filter,
                          const KeySchema& key) {
  if (!filter) return {};
  std::vector<std::string> heads;
  collect_condition_heads(*filter, heads);
  const bool legacy = param_present(params, "QueryFilter");
  for (const KeyAttribute* attr : key.parts()) {
    if (attr && std::find(heads.begin(), heads.end(), attr->name) != heads.end()) {
      return std::string(legacy ? "QueryFilter" : "Filter Expression") +
             " can only contain non-primary key attributes: Primary key attribute: " + attr->name;
    }
  }
  return {};
}

// The range of sort keys the conditions select, as probes around the partition.
std::pair<RangeProbe, RangeProbe> probes(uint64_t token, std::string_view hash, const KeyCondition* range,
                                         std::string& low, std::string& high) {
  RangeProbe lo{token, hash, {}, RangeProbe::Side::kBefore};
  RangeProbe hi{token, hash, {}, RangeProbe::Side::kAfterPartition};
  if (!range) return {lo, hi};
  low = key_bytes(range->values[0]);
  lo.range = low;
  hi.range = low;
  const std::string& op = range->op;
  if (op == "EQ") {
    hi.side = RangeProbe::Side::kAfter;
  } else if (op == "GT") {
    lo.side = RangeProbe::Side::kAfter;
  } else if (op == "GE") {
  } else if (op == "LT" || op == "LE") {
    lo.range = {};
    hi.side = op == "LT" ? RangeProbe::Side::kBefore : RangeProbe::Side::kAfter;
  } else if (op == "BETWEEN") {
    high = key_bytes(range->values[1]);
    hi.range = high;
    hi.side = RangeProbe::Side::kAfter;
  } else if (op == "BEGINS_WITH") {
    // Everything from the prefix up to (not including) the next string that does not start with it.
    high = low;
    while (!high.empty() && static_cast<unsigned char>(high.back()) == 0xff) high.pop_back();
    if (!high.empty()) {
      high.back() = static_cast<char>(static_cast<unsigned char>(high.back()) + 1);
      hi.range = high;
      hi.side = RangeProbe::Side::kBefore;
    }
  }
  return {lo, hi};
}

template <typename Map, typename Key>
void walk(const Map& map, const RangeProbe& lo, const RangeProbe& hi, const std::optional<Key>& start, bool forward,
          ReadPage& page) {
  const auto& less = map.key_comp();
  if (forward) {
    auto it = map.lower_bound(lo);
    if (start && (it == map.end() || !less(*start, it->first))) it = map.upper_bound(*start);
    for (; it != map.end() && less(it->first, hi); ++it) {
      if (!page.add(it->second)) return;
    }
    return;
  }
  auto stop = map.lower_bound(hi);
  if (start) {
    auto before = map.lower_bound(*start);
    if (stop == map.end() || (before != map.end() && less(before->first, stop->first))) stop = before;
  }
  while (stop != map.begin()) {
    --stop;
    if (!less(lo, stop->first)) return;
    if (!page.add(stop->second)) return;
  }
}

}  // namespace

ApiResult query(DynamoCall& call) {
  QueryRequest q;
  if (auto e = check_request(call.params, q)) return validation(*e);
  auto opened = open_read(call);
  // Without a table there is no multi-attribute key to allow more than 2 conditions.
  if (!opened && q.many_conditions) return validation(kConditionCountMessage);
  if (!opened) return std::move(opened).error();
  OpenRead& open = *opened;
  Table& table = *open.table;
  const ReadTarget& target = open.target;

  std::string body;
  JsonObjectWriter response(body);
  if (auto e = check_keys(q, target, table)) return validation(*e);
  if (q.compiled.projection) {
    std::set<std::string> nested;
    collect_nested_heads(q.compiled.projection->paths, nested);
    if (auto e = nested_key_problem(nested, table.meta.schema)) return validation(*e);
  }
  ReadPlan plan;
  plan.filter = read_filter(call.params, q.compiled, "QueryFilter");
  if (auto e = check_filter_keys(call.params, plan.filter, *target.key)) return validation(*e);
  if (auto e = make_read_plan(call.params, table, target, q.compiled, plan)) return validation(*e);
  if (auto e = nested_key_problem(q.compiled.nested_heads, table.meta.schema)) return validation(*e);

  const KeySchema& key = *target.key;
  std::string hash;
  uint64_t token = 0;
  if (key.composite()) {
    CompositePartition partition = composite_partition(q.conditions, key);
    hash = std::move(partition.hash);
    token = partition.token;
  } else {
    const AttrValue& hash_value = find_condition(q.conditions, key.hash.name)->values[0];
    hash = key_bytes(hash_value);
    token = partition_token(hash_value);
  }
  const KeyCondition* range = key.range && key.more_range.empty() ? find_condition(q.conditions, key.range->name) : nullptr;
  std::string low, high;
  auto [lo, hi] = probes(token, hash, range, low, high);
  std::optional<CompositeSortRange> sort_range;
  if (!key.more_range.empty()) {
    // Several sort attributes: one joined sort key, bounded by byte prefixes.
    sort_range = composite_sort_range(q.conditions, key);
    lo = RangeProbe{token, hash, sort_range->low, RangeProbe::Side::kBefore};
    hi = sort_range->high ? RangeProbe{token, hash, *sort_range->high, RangeProbe::Side::kBefore}
                          : RangeProbe{token, hash, {}, RangeProbe::Side::kAfterPartition};
  }
  const bool forward = !param_present(call.params, "ScanIndexForward") || lenient_bool(param_json(call.params, "ScanIndexForward"));
  plan.index_position = index_position(table, target.index);
  plan.token = token;
  const ReadMode mode = plan.consistent ? ReadMode::kStrong : ReadMode::kEventual;
  if (auto e = admit_read(call, table, plan.index_position, StoreKey{token, hash, {}}, read_units(0, mode))) return *e;
  ReadPage page(plan);
  if (target.index) {
    std::optional<IndexKey> start;
    if (q.start) start = start_index_key(*q.start, table, *target.index);
    walk(target.index->entries(), lo, hi, start, forward, page);
  } else {
    std::optional<StoreKey> start;
    if (q.start) start = start_store_key(*q.start, table);
    walk(table.items.items(), lo, hi, start, forward, page);
  }
  page.finish(response, call, table.meta.name);
  open.lock.unlock();
  response.close();
  return json_text_response(std::move(body));
}

}  // namespace chokepoint
