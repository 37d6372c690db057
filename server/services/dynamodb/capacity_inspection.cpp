// TableCapacity::inspect: what GET /_chokepoint/dynamodb/tables/{account}/{region}/{table} shows, so that a
// user can see a hot partition: per partition its key range, share, burst level, consumption per second over
// the last minute and throttle counts.
#include <algorithm>
#include <numeric>

#include "common/time_format.hpp"
#include "services/dynamodb/table_capacity.hpp"

namespace chokepoint {

namespace {

constexpr const char* kDirections[2] = {"read", "write"};

nlohmann::json direction_json(ResourceCapacity& r, Access access, TimePoint now) {
  DirectionState& d = r.direction(access);
  const int i = static_cast<int>(access);
  nlohmann::json out = {{"throttled_requests", d.throttled}};
  if (!r.profile().on_demand) {
    out["provisioned_units"] = r.profile().provisioned[i];
    out["burst_capacity"] = d.provisioned.limit().burst;
    out["burst_level"] = d.provisioned.level(now);
    return out;
  }
  out["previous_peak"] = d.previous_peak;
  out["instant_units"] = r.on_demand_instant(access);
  out["instant_available"] = d.instant.level(now);
  out["table_quota"] = d.quota.limit().rate_per_sec;
  out["max_units"] = d.has_maximum ? nlohmann::json(d.maximum.limit().rate_per_sec) : nlohmann::json(nullptr);
  out["sustained_window_seconds"] = d.sustained.window_seconds();
  return out;
}

nlohmann::json partition_json(ResourceCapacity& r, uint32_t index, TimePoint now) {
  PartitionState& p = r.partitions()[index];
  const auto count = static_cast<uint32_t>(r.partition_count());
  const HashRange range = partition_range(index, count);
  const int64_t second = epoch_second(now);
  nlohmann::json out = {{"index", index},
                        {"key_range", {{"first", hash_hex(range.first)}, {"last", hash_hex(range.last)}}},
                        {"partition_seconds_available", p.hard.level(now)}};
  for (int i = 0; i < 2; ++i) {
    const Access access = static_cast<Access>(i);
    const char* dir = kDirections[i];
    const auto consumed = p.series.consumed(second, i);
    const auto throttled = p.series.throttled(second, i);
    out["share"][dir] = r.profile().on_demand ? r.on_demand_instant(access) / count : p.share[i].limit().rate_per_sec;
    out["max_per_second"][dir] = r.params().partition_max[i];
    if (!r.profile().on_demand) out["burst_level"][dir] = p.share[i].level(now);
    out["consumed_per_second"][dir] = consumed;
    out["consumed_last_minute"][dir] = std::accumulate(consumed.begin(), consumed.end(), 0.0);
    out["peak_per_second"][dir] = *std::max_element(consumed.begin(), consumed.end());
    out["throttled_per_second"][dir] = throttled;
    out["throttled_last_minute"][dir] = std::accumulate(throttled.begin(), throttled.end(), uint64_t{0});
    out["throttled"][dir] = p.throttled[i];
  }
  return out;
}

nlohmann::json resource_json(ResourceCapacity& r, TimePoint now) {
  nlohmann::json out = {{"arn", r.arn()}, {"partition_count", r.partition_count()}};
  if (r.is_index()) out["index_name"] = r.name();
  nlohmann::json partitions = nlohmann::json::array();
  double minute[2] = {0, 0};
  for (uint32_t i = 0; i < r.partition_count(); ++i) {
    nlohmann::json p = partition_json(r, i, now);
    for (int d = 0; d < 2; ++d) minute[d] += p["consumed_last_minute"][kDirections[d]].get<double>();
    partitions.push_back(std::move(p));
  }
  for (int d = 0; d < 2; ++d) {
    out[kDirections[d]] = direction_json(r, static_cast<Access>(d), now);
    out[kDirections[d]]["consumed_last_minute"] = minute[d];
  }
  out["partitions"] = std::move(partitions);
  return out;
}

}  // namespace

nlohmann::json TableCapacity::inspect(TimePoint now) {
  std::lock_guard lock(mutex_);
  nlohmann::json out = {{"billing_mode", table_.profile().on_demand ? "PAY_PER_REQUEST" : "PROVISIONED"},
                        {"adaptive_capacity", params_.adaptive_capacity},
                        {"burst_window_seconds", params_.burst_window_seconds},
                        {"throttled_requests", throttled_requests_},
                        {"unprocessed_items_returned", unprocessed_items_.load()},
                        {"unprocessed_keys_returned", unprocessed_keys_.load()}};
  out["table"] = resource_json(table_, now);
  out["global_secondary_indexes"] = nlohmann::json::array();
  for (auto& index : indexes_) {
    if (index) out["global_secondary_indexes"].push_back(resource_json(*index, now));
  }
  return out;
}

}  // namespace chokepoint
