#pragma once
// What the fault tests match rules against: a request of a service and operation from the default account and
// region, at a fixed start time.
#include <chrono>
#include <string_view>

#include "throttle/fault_engine.hpp"

namespace chokepoint::test {

inline const TimePoint kFaultsStart{std::chrono::seconds{1'800'000'000}};

inline FaultRequest fault_request(std::string_view service, std::string_view operation, std::string_view tag = "") {
  return FaultRequest{service, operation, "123456789012", "us-east-1", tag, {}};
}

}  // namespace chokepoint::test
