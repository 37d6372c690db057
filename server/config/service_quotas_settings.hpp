#pragma once
// service_quotas: how the emulated Service Quotas decides quota increase requests. Read at load and reload; a
// request is decided with the settings in force when it was opened.
#include <chrono>

#include "common/clock.hpp"

namespace chokepoint {

struct ServiceQuotasSettings {
  // From RequestServiceQuotaIncrease to the decision (APPROVED or DENIED), on the emulated clock.
  Duration approval_delay = std::chrono::seconds(5);
  // A request for more than this many times the quota's default value is DENIED; others are APPROVED.
  double deny_above_factor = 10;
};

}  // namespace chokepoint
