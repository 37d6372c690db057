#pragma once
// service_quotas: how the emulated Service Quotas decides quota increase requests. Read at load and reload; a
// request is decided with the settings in force when it was opened.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace chokepoint {

// A quota value in force for an account from the start, as if an increase had been approved.
struct PreappliedQuota {
  std::string account;
  std::string region;  // empty: every region
  std::string service;
  std::string quota_code;
  std::string quota_key;  // what the limiter knows the quota by (config/quota_codes.hpp)
  double value = 0;
};

struct ServiceQuotasSettings {
  // From RequestServiceQuotaIncrease to the decision (APPROVED or DENIED), on the emulated clock.
  Duration approval_delay = std::chrono::seconds(5);
  // A request for more than this many times the quota's default value is DENIED; others are APPROVED.
  double deny_above_factor = 10;
  // Whether a raised rate raises its buckets' burst in proportion (40/s with 40 at once -> 100/s with 100 at once);
  // false keeps the configured burst.
  bool scale_burst = true;
  std::vector<PreappliedQuota> applied;

  // The value the last matching `applied` entry gives; null when none does.
  const PreappliedQuota* find_applied(std::string_view account, std::string_view region, std::string_view service,
                                      std::string_view quota_key) const {
    const PreappliedQuota* found = nullptr;
    for (const PreappliedQuota& q : applied) {
      if (q.account == account && (q.region.empty() || q.region == region) && q.service == service &&
          q.quota_key == quota_key) {
        found = &q;
      }
    }
    return found;
  }
};

}  // namespace chokepoint
