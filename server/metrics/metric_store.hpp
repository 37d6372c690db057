#pragma once
// CloudWatch's metric data: per (account, region, namespace, metric name, dimensions) a series of 1-minute
// statistics, kept for `retention`. Bounded: at most `max_series` series (datapoints for further new series
// are dropped and counted); a series keeps only minutes within the retention of its newest datapoint, and
// sweep() drops series with nothing left. Thread-safe: hash maps split into shards, one mutex each.
#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "metrics/flat_key.hpp"
#include "metrics/metric_sink.hpp"
#include "metrics/metric_units.hpp"
#include "metrics/minute_stats.hpp"

namespace chokepoint {

using MetricDimensions = std::vector<std::pair<std::string, std::string>>;  // sorted by name

struct MetricId {
  std::string namespace_name;
  std::string metric_name;
  MetricDimensions dimensions;
};

// Minutes since the epoch, rounded down.
int64_t minute_of(TimePoint t);
TimePoint minute_start(int64_t minute);

struct MinutePoint {
  int64_t minute = 0;
  UnitIndex unit = 0;
  MinuteStats stats;
};

struct MetricStoreOptions {
  std::chrono::minutes retention{24 * 60};
  size_t max_series = 20'000;
};

class MetricStore final : public MetricSink {
 public:
  explicit MetricStore(MetricStoreOptions options = {});

  void put(const MetricPoint& point) override;

  // The minutes in [from, to) of one metric that have data, oldest first; with `unit`, only datapoints
  // published with that unit. Minutes older than the retention before `now` are left out.
  std::vector<MinutePoint> read(std::string_view account, std::string_view region, const MetricId& metric,
                                int64_t from_minute, int64_t to_minute, std::optional<UnitIndex> unit,
                                TimePoint now) const;

  // Every metric of an account and region with data newer than `since`, in no particular order.
  std::vector<MetricId> list(std::string_view account, std::string_view region, TimePoint since) const;

  // Drops series whose newest datapoint is older than the retention before `now`.
  void sweep(TimePoint now);
  void clear();

  size_t series_count() const { return series_count_.load(std::memory_order_relaxed); }
  uint64_t dropped_points() const { return dropped_.load(std::memory_order_relaxed); }
  std::chrono::minutes retention() const { return options_.retention; }

 private:
  static constexpr size_t kShards = 32;
  struct Series {
    std::string account, region;
    MetricId id;
    bool keep_samples = false;
    std::vector<MinutePoint> points;  // sorted by (minute, unit)
    int64_t newest_minute() const { return points.empty() ? INT64_MIN : points.back().minute; }
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Series, FlatKeyHash, FlatKeyEqual> series;
  };

  Series* find_or_create(Shard& shard, const HashedKey& key, const MetricPoint& point);
  void add_to(Series& series, int64_t minute, UnitIndex unit, const MetricValue& value);

  MetricStoreOptions options_;
  std::array<Shard, kShards> shards_;
  std::atomic<size_t> series_count_{0};
  std::atomic<uint64_t> dropped_{0};
};

// The flat key of a metric (account, region, namespace, name, dimensions sorted by name) into `out`.
void metric_key(std::string& out, std::string_view account, std::string_view region, std::string_view namespace_name,
                std::string_view metric_name, std::span<const MetricDimensionRef> dimensions);

}  // namespace chokepoint
