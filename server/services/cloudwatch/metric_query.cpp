#include "services/cloudwatch/metric_query.hpp"

#include <map>

namespace chokepoint {

TimePoint round_start(TimePoint start, long long period_seconds) {
  const long long step = period_seconds >= 60 ? 60 : period_seconds;
  const auto seconds = std::chrono::floor<std::chrono::seconds>(start.time_since_epoch()).count();
  const long long rounded = seconds >= 0 ? seconds / step * step : (seconds - step + 1) / step * step;
  return TimePoint{std::chrono::seconds{rounded}};
}

std::vector<PeriodPoint> query_periods(const MetricStore& store, const MetricQuery& q, TimePoint now) {
  const TimePoint start = round_start(q.start, q.period_seconds);
  std::vector<PeriodPoint> out;
  if (q.end <= start || q.period_seconds <= 0) return out;
  // A minute belongs to the period its first second falls in.
  const int64_t first_minute = minute_of(start) + (minute_start(minute_of(start)) < start ? 1 : 0);
  const int64_t end_minute = minute_of(q.end) + (minute_start(minute_of(q.end)) < q.end ? 1 : 0);
  const auto minutes = store.read(q.account, q.region, *q.metric, first_minute, end_minute, q.unit, now);
  std::map<long long, PeriodPoint> periods;
  for (const auto& m : minutes) {
    const auto offset = std::chrono::duration_cast<std::chrono::seconds>(minute_start(m.minute) - start).count();
    const long long index = offset / q.period_seconds;
    auto [it, inserted] = periods.try_emplace(index);
    if (inserted) {
      it->second.start = start + std::chrono::seconds(index * q.period_seconds);
      it->second.unit = m.unit;
    }
    it->second.stats.merge(m.stats);
  }
  out.reserve(periods.size());
  for (auto& [index, point] : periods) out.push_back(std::move(point));
  return out;
}

}  // namespace chokepoint
