// Scan: every item of the table or index, in partition-token order; Segment/TotalSegments split the token
// space into equal parallel slices.
#include <shared_mutex>

#include "common/problem.hpp"
#include "services/dynamodb/capacity_admission.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_handlers.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/key_codec.hpp"
#include "services/dynamodb/legacy_parameters.hpp"
#include "services/dynamodb/request_shape.hpp"
#include "services/dynamodb/read_setup.hpp"

namespace chokepoint {

namespace {

using dynamodb_errors::validation;

struct ScanRequest {
  CompiledExpressions compiled;
  std::optional<AttrMap> start;
  long long segment = 0;
  long long total_segments = 1;
};

Problem check_request(const nlohmann::json& params, ScanRequest& s) {
  if (auto e = check_expression_style(params, {"ProjectionExpression", "FilterExpression"},
                                      {"AttributesToGet", "ScanFilter", "ConditionalOperator"})) {
    return e;
  }
  if (auto e = check_conditional_operator(params, "ScanFilter")) return e;
  if (auto e = duplicate_attribute_name(param_json(params, "AttributesToGet"))) return e;
  if (auto e = validate_legacy_conditions(param_json(params, "ScanFilter"))) return e;
  if (auto e = read_start_key(params, s.start)) return e;
  const bool has_segment = param_present(params, "Segment");
  const bool has_total = param_present(params, "TotalSegments");
  if (has_segment) s.segment = shape_integer(param_json(params, "Segment"));
  if (has_total) s.total_segments = shape_integer(param_json(params, "TotalSegments"));
  if (has_segment && s.segment != 0 && !has_total) {
    return "The TotalSegments parameter is required but was not present in the request when Segment parameter is "
           "present";
  }
  if (has_total) {
    if (!has_segment) {
      return "The Segment parameter is required but was not present in the request when parameter TotalSegments is "
             "present";
    }
    if (s.segment >= s.total_segments) {
      return "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: " +
             std::to_string(s.segment) + " is not less than TotalSegments: " + std::to_string(s.total_segments);
    }
  }
  return compile_expressions(params, {"ProjectionExpression", "FilterExpression"}, s.compiled);
}

Problem check_start(const ScanRequest& s, const ReadTarget& target) {
  if (!s.start) return {};
  if (s.start->size() != target.start_key_names.size()) {
    return target.index ? "The provided starting key is invalid"
                        : "The provided starting key is invalid: The provided key element does not match the schema";
  }
  if (target.index) {
    const KeySchema& key = *target.key;
    for (const KeyAttribute* attr : key.parts()) {
      if (auto e = check_start_attribute(*s.start, *attr)) return e;
    }
  }
  return {};
}

// The slice of the token space a segment covers: [low, high), high = 0 meaning "to the end". Segments
// divide the first 12 bits of the partition hash (4096 buckets) as evenly as they can.
std::pair<uint64_t, uint64_t> segment_tokens(long long segment, long long total) {
  auto bucket = [&](long long s) { return static_cast<uint64_t>((4096 * s + total - 1) / total); };
  const uint64_t low = bucket(segment) << 52;
  const uint64_t high = segment + 1 >= total ? 0 : bucket(segment + 1) << 52;
  return {low, high};
}

template <typename Map, typename Key>
void walk(const Map& map, uint64_t low, uint64_t high, const std::optional<Key>& start, ReadPage& page) {
  auto it = map.lower_bound(RangeProbe{low, {}, {}, RangeProbe::Side::kBefore});
  if (start && (it == map.end() || !map.key_comp()(*start, it->first))) it = map.upper_bound(*start);
  for (; it != map.end() && (high == 0 || it->first.token < high); ++it) {
    if (!page.add(it->second)) return;
  }
}

}  // namespace

ApiResult scan(DynamoCall& call) {
  ScanRequest s;
  if (auto e = check_request(call.params, s)) return validation(*e);
  auto opened = open_read(call);
  if (!opened) return std::move(opened).error();
  OpenRead& open = *opened;
  Table& table = *open.table;
  const ReadTarget& target = open.target;

  std::string body;
  JsonObjectWriter response(body);
  if (auto e = check_start(s, target)) return validation(*e);
  ReadPlan plan;
  plan.filter = read_filter(call.params, s.compiled, "ScanFilter");
  if (auto e = make_read_plan(call.params, table, target, s.compiled, plan)) return validation(*e);
  if (s.start) {
    const KeySchema& key = table.meta.schema.key;
    if (auto e = validate_key(extract_key(*s.start, key), key)) {
      return validation("The provided starting key is invalid: " + *e);
    }
  }
  const auto [low, high] = segment_tokens(s.segment, s.total_segments);
  if (s.start && s.total_segments > 1) {
    const uint64_t token = target.index ? start_index_key(*s.start, table, *target.index).token
                                        : start_store_key(*s.start, table).token;
    if (token < low || (high != 0 && token >= high)) {
      return validation("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey "
                        "with correct Segment. TotalSegments: " + std::to_string(s.total_segments) +
                        " Segment: " + std::to_string(s.segment));
    }
  }
  if (auto e = nested_key_problem(s.compiled.nested_heads, table.meta.schema)) return validation(*e);

  std::optional<IndexKey> index_start;
  std::optional<StoreKey> table_start;
  if (s.start && target.index) index_start = start_index_key(*s.start, table, *target.index);
  if (s.start && !target.index) table_start = start_store_key(*s.start, table);
  // A page is charged to the partition it starts in.
  plan.index_position = index_position(table, target.index);
  plan.token = index_start ? index_start->token : table_start ? table_start->token : low;
  const ReadMode mode = plan.consistent ? ReadMode::kStrong : ReadMode::kEventual;
  // A scan addresses no key: Contributor Insights does not count it.
  if (auto e = admit_read(call, table, plan.index_position, StoreKey{plan.token, {}, {}}, read_units(0, mode))) return *e;
  ReadPage page(plan);
  if (target.index) {
    walk(target.index->entries(), low, high, index_start, page);
  } else {
    walk(table.items.items(), low, high, table_start, page);
  }
  page.finish(response, call, table.meta.name);
  open.lock.unlock();
  response.close();
  return json_text_response(std::move(body));
}

}  // namespace chokepoint
