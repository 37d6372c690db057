// UpdateContributorInsights, DescribeContributorInsights and ListContributorInsights. The rules and their counts
// are contributor_insights.hpp's; CloudWatch reads them through DynamoDbService (InsightRuleSource).
// Chokepoint never fails to create the rules, so FailureException and the FAILED status do not occur.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <shared_mutex>

#include "common/time_format.hpp"
#include "services/dynamodb/control_handlers.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"

namespace chokepoint {

namespace {

// ListContributorInsights' page when MaxResults is absent (the model's maximum).
constexpr std::size_t kInsightsPageSize = 100;

long long epoch_millis(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

ApiError index_not_found(const std::string& table, const std::string& index) {
  return dynamodb_errors::not_found("Requested resource not found: Index: " + index + " not found for table: " +
                                    table);
}

bool is_global_index(const Table& table, const std::string& index) {
  const IndexSchema* schema = table.meta.schema.find_index(index);
  return schema && schema->global;
}

// The setting of the table (index empty) or index; null when never enabled. Meta is TableMeta, const or not.
template <class Meta>
auto* find_setting(Meta& meta, const std::string& index) {
  decltype(&meta.contributor_insights.front()) found = nullptr;
  for (auto& setting : meta.contributor_insights) {
    if (setting.index == index) found = &setting;
  }
  return found;
}

// ENABLE turns the rules on (new rules, named by now, when they were off); ENABLE on enabled rules with another
// mode moves through ENABLING again; the same mode again is no change at all.
void enable_insights(TableMeta& meta, const std::string& index, bool throttled_only, TimePoint now) {
  ContributorInsightsSetting* setting = find_setting(meta, index);
  if (!setting) setting = &meta.contributor_insights.emplace_back(ContributorInsightsSetting{index});
  if (setting->enabled && setting->throttled_only == throttled_only) return;
  if (!setting->enabled) setting->rules_stamp_ms = epoch_millis(now);
  setting->enabled = true;
  setting->throttled_only = throttled_only;
  setting->changed = now;
}

void disable_insights(Table& table, const std::string& index, TimePoint now) {
  ContributorInsightsSetting* setting = find_setting(table.meta, index);
  if (!setting || !setting->enabled) return;
  table.contributor_counts.drop(insights_rule_names(table.meta.name, *setting, true));
  setting->enabled = false;
  setting->changed = now;
}

// {TableName, IndexName, ContributorInsightsStatus, ContributorInsightsMode} of a table or index.
nlohmann::json insights_summary(const Table& table, const std::string& index, TimePoint now) {
  nlohmann::json out = {{"TableName", table.meta.name}};
  if (!index.empty()) out["IndexName"] = index;
  const ContributorInsightsSetting* setting = find_setting(table.meta, index);
  out["ContributorInsightsStatus"] = setting ? insights_status(*setting, now) : "DISABLED";
  if (setting && setting->enabled) out["ContributorInsightsMode"] = insights_mode(*setting);
  return out;
}

// The table and, in their order, its global indexes.
void add_summaries(const Table& table, TimePoint now, nlohmann::json& out) {
  std::shared_lock lock(table.mutex);
  out.push_back(insights_summary(table, {}, now));
  for (const IndexSchema& index : table.meta.schema.indexes) {
    if (index.global) out.push_back(insights_summary(table, index.name, now));
  }
}

}  // namespace

ApiResult update_contributor_insights(DynamoCall& call) {
  const std::string name = param_str(call.params, "TableName");
  const std::string index = param_str(call.params, "IndexName");
  auto table = call.tables.find(name, call.now);
  if (!table) return dynamodb_errors::table_not_found(name);
  std::unique_lock lock(table->mutex);
  if (!index.empty() && !is_global_index(*table, index)) return index_not_found(name, index);
  if (param_str(call.params, "ContributorInsightsAction") == "ENABLE") {
    enable_insights(table->meta, index, param_str(call.params, "ContributorInsightsMode") == "THROTTLED_KEYS", call.now);
  } else {
    disable_insights(*table, index, call.now);
  }
  ApiResponse r;
  r.body = insights_summary(*table, index, call.now);
  return r;
}

ApiResult describe_contributor_insights(DynamoCall& call) {
  const std::string name = param_str(call.params, "TableName");
  const std::string index = param_str(call.params, "IndexName");
  auto table = call.tables.find(name, call.now);
  if (!table) return dynamodb_errors::table_not_found(name);
  std::shared_lock lock(table->mutex);
  if (!index.empty() && !is_global_index(*table, index)) return index_not_found(name, index);
  ApiResponse r;
  r.body = insights_summary(*table, index, call.now);
  if (const ContributorInsightsSetting* setting = find_setting(table->meta, index)) {
    if (setting->enabled) {
      r.body["ContributorInsightsRuleList"] =
          insights_rule_names(name, *setting, insights_has_sort_key(*table, index));
    }
    r.body["LastUpdateDateTime"] = epoch_seconds(setting->changed);
  }
  return r;
}

ApiResult list_contributor_insights(DynamoCall& call) {
  const std::string name = table_name_of(param_str(call.params, "TableName"));
  std::size_t offset = 0;
  if (const std::string token = param_str(call.params, "NextToken"); !token.empty()) {
    if (token.find_first_not_of("0123456789") != std::string::npos || token.size() > 9) {
      return dynamodb_errors::validation("Invalid NextToken");
    }
    offset = std::stoul(token);
  }
  const nlohmann::json& max = param_json(call.params, "MaxResults");
  const std::size_t page =
      max.is_number_integer() && max.get<long long>() > 0 ? static_cast<std::size_t>(max.get<long long>()) : kInsightsPageSize;
  nlohmann::json all = nlohmann::json::array();
  if (!name.empty()) {
    auto table = call.tables.find(name, call.now);
    if (!table) return dynamodb_errors::table_not_found(name);
    add_summaries(*table, call.now, all);
  } else {
    for (const auto& table : call.tables.tables(call.now)) add_summaries(*table, call.now, all);
  }
  ApiResponse r;
  nlohmann::json& summaries = r.body["ContributorInsightsSummaries"] = nlohmann::json::array();
  const std::size_t end = std::min(all.size(), offset + page);
  for (std::size_t i = offset; i < end; ++i) summaries.push_back(std::move(all[i]));
  if (end < all.size()) r.body["NextToken"] = std::to_string(end);
  return r;
}

}  // namespace chokepoint
