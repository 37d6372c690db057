#include "services/dynamodb/composite_key_conditions.hpp"

#include "services/dynamodb/composite_key.hpp"

namespace chokepoint {

namespace {

constexpr const char* kMissedElement = "Query condition missed key schema element: ";

}  // namespace

Problem check_composite_conditions(const std::vector<KeyCondition>& conditions, const KeySchema& key) {
  std::size_t matched = 0;
  for (const auto& attr : key.hash_parts()) {
    const KeyCondition* c = find_condition(conditions, attr.name);
    if (!c) return kMissedElement + attr.name;
    if (auto e = check_condition_on(*c, attr)) return e;
    if (c->op != "EQ") return "Query key condition not supported";
    ++matched;
  }
  const auto ranges = key.range_parts();
  const KeyAttribute* gap = nullptr;  // the first sort key attribute without a condition
  bool ranged = false;                // a condition other than equality came before
  for (const auto& attr : ranges) {
    const KeyCondition* c = find_condition(conditions, attr.name);
    if (!c) {
      if (!gap) gap = &attr;
      continue;
    }
    if (gap) return kMissedElement + gap->name;
    if (auto e = check_condition_on(*c, attr)) return e;
    if (ranged) return "Query key condition not supported";
    ranged = c->op != "EQ";
    ++matched;
  }
  if (matched != conditions.size()) {
    // A condition on an attribute outside the key.
    return gap ? kMissedElement + gap->name : std::string("Query key condition not supported");
  }
  return {};
}

CompositePartition composite_partition(const std::vector<KeyCondition>& conditions, const KeySchema& key) {
  std::vector<AttrValue> values;
  for (const auto& attr : key.hash_parts()) values.push_back(find_condition(conditions, attr.name)->values[0]);
  return {key_part_bytes(values), key_part_token(values)};
}

CompositeSortRange composite_sort_range(const std::vector<KeyCondition>& conditions, const KeySchema& key) {
  // Equal leading parts make a byte prefix; the last condition bounds what follows it.
  std::string prefix;
  const KeyCondition* last = nullptr;
  for (const auto& attr : key.range_parts()) {
    const KeyCondition* c = find_condition(conditions, attr.name);
    if (!c) break;
    if (c->op != "EQ") {
      last = c;
      break;
    }
    append_composite_part(prefix, c->values[0]);
  }
  CompositeSortRange r;
  r.low = prefix;
  // Past every key starting with the prefix (the partition's end for an empty one).
  if (!prefix.empty()) r.high = prefix_successor(prefix);
  if (!last) return r;
  auto with = [&prefix](const AttrValue& v) {
    std::string s = prefix;
    append_composite_part(s, v);
    return s;
  };
  const std::string& op = last->op;
  if (op == "LT") {
    r.high = with(last->values[0]);
  } else if (op == "LE") {
    r.high = prefix_successor(with(last->values[0]));
  } else if (op == "GT") {
    r.low = prefix_successor(with(last->values[0]));
  } else if (op == "GE") {
    r.low = with(last->values[0]);
  } else if (op == "BETWEEN") {
    r.low = with(last->values[0]);
    r.high = prefix_successor(with(last->values[1]));
  } else if (op == "BEGINS_WITH") {
    std::string s = prefix;
    append_composite_prefix(s, last->values[0]);
    r.low = s;
    std::string next = prefix_successor(s);
    if (!next.empty()) r.high = std::move(next);
  }
  return r;
}

}  // namespace chokepoint
