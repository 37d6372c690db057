#pragma once
// MetricDataQuery lists, as GetMetricData and metric-math alarms take them: each query is a metric with a
// statistic (MetricStat) or an expression over other queries' ids (see metric_math.hpp).
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "metrics/metric_store.hpp"
#include "protocol/result.hpp"
#include "services/cloudwatch/cloudwatch_params.hpp"
#include "services/cloudwatch/metric_math.hpp"

namespace chokepoint {

struct MetricStatQuery {
  MetricId metric;
  long long period = 60;
  std::string stat_name;  // as given: "Sum", "p99"
  Statistic stat;
  std::optional<UnitIndex> unit;
};

struct DataQuery {
  std::string id;
  std::string label;
  std::string expression;               // set for expressions
  std::optional<MetricStatQuery> stat;  // set for metrics
  bool return_data = true;
  long long period = 0;  // expressions: the period of a constant result; 0 when not given
  std::string account_id;
};

// Reads and checks a MetricDataQueries list (1..max entries, unique ids of the form [a-z][a-zA-Z0-9_]*,
// exactly one of MetricStat and Expression each, references to known ids without cycles).
MaybeError read_data_queries(const nlohmann::json* list, std::string_view path, size_t max,
                             std::vector<DataQuery>& out);

// Evaluates every query over [start, end): id -> series (period starts -> values).
Result<std::map<std::string, TimeSeries>> run_data_queries(const MetricStore& store, std::string_view account,
                                                           std::string_view region,
                                                           const std::vector<DataQuery>& queries, TimePoint start,
                                                           TimePoint end, TimePoint now);

// The query's result label: its Label, else the metric name (metrics) or the id (expressions).
std::string query_label(const DataQuery& query);

// A query list as MetricAlarm.Metrics reports it.
nlohmann::json data_queries_json(const std::vector<DataQuery>& queries);

}  // namespace chokepoint
