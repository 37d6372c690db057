#include "services/dynamodb/read_page.hpp"

#include <algorithm>

#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/condition_eval.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/projection.hpp"

namespace chokepoint {

namespace {

constexpr uint64_t kPageBytes = 1024 * 1024;

std::vector<std::string> intersect(const std::vector<std::string>& names, const std::vector<std::string>& visible) {
  if (visible.empty()) return names;
  std::vector<std::string> out;
  for (const auto& n : names) {
    if (std::find(visible.begin(), visible.end(), n) != visible.end()) out.push_back(n);
  }
  return out;
}

}  // namespace

ReadPage::ReadPage(const ReadPlan& plan) : plan_(plan) {
  if (plan_.filter) collect_condition_heads(*plan_.filter, filter_heads_);
}

AttrMap ReadPage::view(const PackedItem& item, const std::vector<std::string>& names) const {
  return item.unpack_some(intersect(names, plan_.visible));
}

bool ReadPage::add(const PackedItem& item) {
  ++scanned_;
  const uint64_t entry_bytes = plan_.index && !plan_.index->projected().empty() ? plan_.index->entry_size(item)
                                                                                 : item.size_bytes();
  bytes_ += entry_bytes;
  page_bytes_ += item.page_bytes();
  if (plan_.fetch_from_table) table_bytes_ += item.size_bytes();
  last_ = item;
  const bool passes = !plan_.filter || evaluate_condition(*plan_.filter, view(item, filter_heads_));
  if (passes) {
    ++count_;
    if (!plan_.count_only) {
      if (count_ > 1) items_.push_back(',');
      if (plan_.paths) {
        const auto heads = path_heads(*plan_.paths);
        if (all_top_level(*plan_.paths)) {
          item.append_json(items_, intersect(heads, plan_.visible));
        } else {
          append_attrs_json(items_, project_item(view(item, heads), *plan_.paths));
        }
      } else if (plan_.visible.empty()) {
        item.append_json(items_);
      } else {
        item.append_json(items_, plan_.visible);
      }
    }
  }
  full_ = (plan_.limit > 0 && scanned_ >= plan_.limit) || page_bytes_ >= kPageBytes;
  return !full_;
}

void ReadPage::finish(JsonObjectWriter& response, DynamoCall& call, const std::string& table_name) {
  if (!plan_.count_only) {
    std::string& out = response.key("Items");
    out.push_back('[');
    out.append(items_);
    out.push_back(']');
  }
  response.key("Count").append(std::to_string(count_));
  response.key("ScannedCount").append(std::to_string(scanned_));
  if (full_ && !last_.empty()) last_.append_json(response.key("LastEvaluatedKey"), plan_.start_key_names);
  const ReadMode mode = plan_.consistent ? ReadMode::kStrong : ReadMode::kEventual;
  TableUsage& usage = call.capacity.table(table_name, false);
  if (plan_.index) {
    const IndexSchema& schema = plan_.index->schema();
    usage.add_index(schema.global, schema.name, plan_.index_position, plan_.token, read_units(bytes_, mode));
    if (plan_.fetch_from_table && table_bytes_ > 0) usage.add_table(plan_.token, read_units(table_bytes_, mode));
  } else {
    usage.add_table(plan_.token, read_units(bytes_, mode));
  }
  append_consumed_capacity(response, call.capacity, parse_return_capacity(param_str(call.params, "ReturnConsumedCapacity")));
}

}  // namespace chokepoint
