#pragma once
// Simple metric math for GetMetricData and alarms: arithmetic on time series and numbers.
//   m1 + m2    m1 / 60    (m1 + m2) * 100 / m3    -m1    ABS(m1 - m2)
// Ids name other queries' series. An operation on two series keeps the timestamps both have; a number
// applies to every point; division by zero drops the point. Other functions (SUM(METRICS()), FILL, ...) are
// not supported and answered with a clear error.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/clock.hpp"

namespace chokepoint {

using TimeSeries = std::map<TimePoint, double>;

struct MathResult {
  bool scalar = false;
  double value = 0;   // when scalar
  TimeSeries series;  // otherwise
};

// Resolves an id to its series (evaluating it first if needed); nullopt when there is no such id.
using SeriesLookup = std::function<std::optional<TimeSeries>(const std::string& id)>;

// The result, or an error message ("Unknown id: m9", "Unexpected ')' at position 7").
std::variant<MathResult, std::string> evaluate_math(std::string_view expression, const SeriesLookup& lookup);

// The ids an expression refers to, for dependency checks; empty when it does not parse.
std::vector<std::string> math_references(std::string_view expression);

}  // namespace chokepoint
