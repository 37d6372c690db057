#pragma once
// CloudWatch dashboards of one account. Dashboards are global: every region's endpoint sees the same ones, so
// CloudWatchService keeps them per account, not per account and region.
#include <map>
#include <string>

#include "common/clock.hpp"

namespace chokepoint {

struct Dashboard {
  std::string body;  // DashboardBody as given (valid JSON)
  TimePoint last_modified{};
};

using Dashboards = std::map<std::string, Dashboard>;  // by name: ListDashboards lists them in name order

}  // namespace chokepoint
