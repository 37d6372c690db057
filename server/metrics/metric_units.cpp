#include "metrics/metric_units.hpp"

#include <array>

namespace chokepoint {

namespace {

// The order of CloudWatch's StandardUnit enumeration.
constexpr std::array<std::string_view, 27> kUnits = {
    "Seconds",          "Microseconds",     "Milliseconds", "Bytes",           "Kilobytes",        "Megabytes",
    "Gigabytes",        "Terabytes",        "Bits",         "Kilobits",        "Megabits",         "Gigabits",
    "Terabits",         "Percent",          "Count",        "Bytes/Second",    "Kilobytes/Second", "Megabytes/Second",
    "Gigabytes/Second", "Terabytes/Second", "Bits/Second",  "Kilobits/Second", "Megabits/Second",  "Gigabits/Second",
    "Terabits/Second",  "Count/Second",     "None"};

}  // namespace

std::optional<UnitIndex> unit_index(std::string_view name) {
  // Looked up for every metric point; AWS's own counters (a point per request) have no unit, the last entry.
  if (name == kUnits.back()) return no_unit();
  for (size_t i = 0; i < kUnits.size(); ++i) {
    if (kUnits[i] == name) return static_cast<UnitIndex>(i);
  }
  return std::nullopt;
}

std::string_view unit_name(UnitIndex index) {
  return index < kUnits.size() ? kUnits[index] : kUnits.back();
}

UnitIndex no_unit() {
  return static_cast<UnitIndex>(kUnits.size() - 1);
}

bool is_time_unit(UnitIndex index) {
  return index <= 2;
}

}  // namespace chokepoint
