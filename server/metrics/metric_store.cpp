#include "metrics/metric_store.hpp"

#include <algorithm>
#include <cstring>

namespace chokepoint {

namespace {

constexpr size_t kMaxDimensions = 30;  // CloudWatch's limit per metric

// Percentiles are kept for latencies and for custom metrics; AWS's own counters (usage, capacity units,
// throttle events) are only ever summed, and skipping their samples keeps them small.
bool keeps_samples(std::string_view namespace_name, UnitIndex unit) {
  return is_time_unit(unit) || namespace_name.rfind("AWS/", 0) != 0;
}

}  // namespace

int64_t minute_of(TimePoint t) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
  return seconds >= 0 ? seconds / 60 : (seconds - 59) / 60;
}

TimePoint minute_start(int64_t minute) {
  return TimePoint{std::chrono::seconds{minute * 60}};
}

void metric_key(std::string& out, std::string_view account, std::string_view region, std::string_view namespace_name,
                std::string_view metric_name, std::span<const MetricDimensionRef> dimensions) {
  std::array<const MetricDimensionRef*, kMaxDimensions> sorted{};
  const size_t n = std::min(dimensions.size(), kMaxDimensions);
  for (size_t i = 0; i < n; ++i) sorted[i] = &dimensions[i];
  const auto by_name = [](auto* a, auto* b) { return a->name < b->name; };
  const auto end = sorted.begin() + static_cast<std::ptrdiff_t>(n);
  if (!std::is_sorted(sorted.begin(), end, by_name)) std::sort(sorted.begin(), end, by_name);
  // Sized once and copied into: this runs for every metric point of every request.
  std::array<std::string_view, 4 + 2 * kMaxDimensions> parts{account, region, namespace_name, metric_name};
  size_t count = 4;
  for (size_t i = 0; i < n; ++i) {
    parts[count++] = sorted[i]->name;
    parts[count++] = sorted[i]->value;
  }
  size_t size = count;  // one separator after each part
  for (size_t i = 0; i < count; ++i) size += parts[i].size();
  out.resize(size);
  char* at = out.data();
  for (size_t i = 0; i < count; ++i) {
    std::memcpy(at, parts[i].data(), parts[i].size());
    at += parts[i].size();
    *at++ = kKeySeparator;
  }
}

MetricStore::MetricStore(MetricStoreOptions options) : options_(options) {}

MetricStore::Series* MetricStore::find_or_create(Shard& shard, const HashedKey& key, const MetricPoint& point) {
  if (auto it = shard.series.find(key); it != shard.series.end()) return &it->second;
  if (series_count_.load(std::memory_order_relaxed) >= options_.max_series) return nullptr;
  Series s;
  s.account = point.account;
  s.region = point.region;
  s.id.namespace_name = point.namespace_name;
  s.id.metric_name = point.metric_name;
  for (const auto& d : point.dimensions) s.id.dimensions.emplace_back(d.name, d.value);
  std::sort(s.id.dimensions.begin(), s.id.dimensions.end());
  s.keep_samples = keeps_samples(point.namespace_name, unit_index(point.unit).value_or(no_unit()));
  series_count_.fetch_add(1, std::memory_order_relaxed);
  return &shard.series.emplace(std::string(key.text), std::move(s)).first->second;
}

void MetricStore::add_to(Series& series, int64_t minute, UnitIndex unit, const MetricValue& value) {
  auto& points = series.points;
  // Datapoints arrive almost always for the newest minute: look from the back.
  auto it = points.end();
  while (it != points.begin() && std::prev(it)->minute > minute) --it;
  while (it != points.begin() && std::prev(it)->minute == minute && std::prev(it)->unit > unit) --it;
  if (it != points.begin() && std::prev(it)->minute == minute && std::prev(it)->unit == unit) {
    std::prev(it)->stats.add(value, series.keep_samples);
  } else {
    MinutePoint p;
    p.minute = minute;
    p.unit = unit;
    p.stats.add(value, series.keep_samples);
    points.insert(it, std::move(p));
  }
  const int64_t oldest_kept = series.newest_minute() - options_.retention.count();
  const auto first_kept =
      std::find_if(points.begin(), points.end(), [&](const MinutePoint& p) { return p.minute > oldest_kept; });
  points.erase(points.begin(), first_kept);
}

void MetricStore::put(const MetricPoint& point) {
  thread_local std::string key;
  metric_key(key, point.account, point.region, point.namespace_name, point.metric_name, point.dimensions);
  const HashedKey hashed(key);
  Shard& shard = shards_[hashed.hash % kShards];
  const UnitIndex unit = unit_index(point.unit).value_or(no_unit());
  std::lock_guard lock(shard.mutex);
  Series* series = find_or_create(shard, hashed, point);
  if (!series) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  add_to(*series, minute_of(point.time), unit, point.value);
}

std::vector<MinutePoint> MetricStore::read(std::string_view account, std::string_view region, const MetricId& metric,
                                           int64_t from_minute, int64_t to_minute, std::optional<UnitIndex> unit,
                                           TimePoint now) const {
  std::vector<MetricDimensionRef> dims;
  dims.reserve(metric.dimensions.size());
  for (const auto& [name, value] : metric.dimensions) dims.push_back({name, value});
  std::string key;
  metric_key(key, account, region, metric.namespace_name, metric.metric_name, dims);
  from_minute = std::max(from_minute, minute_of(now) - options_.retention.count() + 1);
  const Shard& shard = shards_[FlatKeyHash{}(key) % kShards];
  std::vector<MinutePoint> out;
  std::lock_guard lock(shard.mutex);
  const auto it = shard.series.find(key);
  if (it == shard.series.end()) return out;
  for (const auto& p : it->second.points) {
    if (p.minute >= from_minute && p.minute < to_minute && (!unit || p.unit == *unit)) out.push_back(p);
  }
  return out;
}

std::vector<MetricId> MetricStore::list(std::string_view account, std::string_view region, TimePoint since) const {
  const int64_t since_minute = minute_of(since);
  std::vector<MetricId> out;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (const auto& [key, s] : shard.series) {
      if (s.account == account && s.region == region && s.newest_minute() >= since_minute) out.push_back(s.id);
    }
  }
  return out;
}

void MetricStore::sweep(TimePoint now) {
  const int64_t oldest_kept = minute_of(now) - options_.retention.count();
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (auto it = shard.series.begin(); it != shard.series.end();) {
      if (it->second.newest_minute() <= oldest_kept) {
        it = shard.series.erase(it);
        series_count_.fetch_sub(1, std::memory_order_relaxed);
      } else {
        ++it;
      }
    }
  }
}

void MetricStore::clear() {
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    series_count_.fetch_sub(shard.series.size(), std::memory_order_relaxed);
    shard.series.clear();
  }
}

}  // namespace chokepoint
