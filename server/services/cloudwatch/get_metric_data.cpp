// GetMetricData: several metrics and expressions at once, newest datapoints first by default, paginated by
// MaxDatapoints.
#include <algorithm>

#include "protocol/params.hpp"
#include "services/cloudwatch/cloudwatch_call.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"
#include "services/cloudwatch/data_queries.hpp"
#include "services/cloudwatch/page_token.hpp"

namespace chokepoint {

namespace {

constexpr size_t kMaxQueries = 500;
constexpr long long kDefaultMaxDatapoints = 100'800;

struct DataRequest {
  std::vector<DataQuery> queries;
  TimePoint start, end;
  bool ascending = false;
  size_t max_datapoints = kDefaultMaxDatapoints;
  size_t offset = 0;
};

MaybeError read_request(const nlohmann::json& p, DataRequest& r) {
  const nlohmann::json* list = nullptr;
  if (auto e = read_list(p, "MetricDataQueries", "", list)) return e;
  if (auto e = read_data_queries(list, "MetricDataQueries", kMaxQueries, r.queries)) return e;
  std::optional<TimePoint> start, end;
  if (auto e = read_timestamp(p, "StartTime", "", start)) return e;
  if (!start) return cw_missing_parameter("StartTime");
  if (auto e = read_timestamp(p, "EndTime", "", end)) return e;
  if (!end) return cw_missing_parameter("EndTime");
  if (*end <= *start)
    return cw_invalid_parameter_value("The parameter StartTime must be less than the parameter EndTime.");
  r.start = *start;
  r.end = *end;
  std::string scan_by, token;
  if (auto e = read_optional_name(p, "ScanBy", "", scan_by)) return e;
  if (!scan_by.empty() && scan_by != "TimestampAscending" && scan_by != "TimestampDescending") {
    return cw_invalid_value("ScanBy", scan_by);
  }
  r.ascending = scan_by == "TimestampAscending";
  bool bad = false;
  const auto max = param_int(p, "MaxDatapoints", &bad);
  if (bad || (max && *max < 1)) return cw_invalid_parameter_value("The parameter MaxDatapoints must be at least 1.");
  if (max) r.max_datapoints = static_cast<size_t>(*max);
  if (auto e = read_optional_name(p, "NextToken", "", token, 4096)) return e;
  const auto offset = parse_next_token(token);
  if (!offset) return cw_invalid_next_token();
  r.offset = *offset;
  return std::nullopt;
}

}  // namespace

ApiResult get_metric_data(CloudWatchCall& call) {
  DataRequest r;
  if (auto e = read_request(call.params(), r)) return *e;
  auto run = run_data_queries(call.metrics, call.account(), call.region(), r.queries, r.start, r.end, call.ctx.now);
  if (!run) return run.error();
  const auto& series = *run;

  // Datapoints are numbered across the returned queries in order; a page is the range [offset, offset + max).
  size_t position = 0;
  const size_t page_end = r.offset + r.max_datapoints;
  bool more = false;
  nlohmann::json results = nlohmann::json::array();
  for (const auto& q : r.queries) {
    if (!q.return_data) continue;
    const TimeSeries& points = series.at(q.id);
    nlohmann::json timestamps = nlohmann::json::array(), values = nlohmann::json::array();
    std::vector<std::pair<TimePoint, double>> ordered(points.begin(), points.end());
    if (!r.ascending) std::reverse(ordered.begin(), ordered.end());
    bool partial = false;
    for (const auto& [t, v] : ordered) {
      const size_t here = position++;
      if (here < r.offset) continue;
      if (here >= page_end) {
        more = partial = true;
        continue;
      }
      timestamps.push_back(time_json(t, call.protocol()));
      values.push_back(v);
    }
    results.push_back({{"Id", q.id},
                       {"Label", query_label(q)},
                       {"Timestamps", std::move(timestamps)},
                       {"Values", std::move(values)},
                       {"StatusCode", partial ? "PartialData" : "Complete"}});
  }
  ApiResponse out;
  out.body["MetricDataResults"] = std::move(results);
  out.body["Messages"] = nlohmann::json::array();
  if (more) out.body["NextToken"] = next_token(page_end);
  return out;
}

}  // namespace chokepoint
