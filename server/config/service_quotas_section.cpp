// service_quotas: section.
#include <chrono>

#include "config/count_quotas.hpp"
#include "config/quota_codes.hpp"
#include "config/sections.hpp"

namespace chokepoint {

namespace {

bool read_preapplied_quota(YamlReader& reader, const YamlNode& node, const Config& config, PreappliedQuota& out) {
  if (!reader.expect_mapping(node, {"account", "region", "service", "quota_code", "value"})) return false;
  const std::size_t before = reader.errors().size();
  if (reader.require(node, "account") && reader.read(node, "account", out.account) && !is_account_id(out.account)) {
    reader.error(*node.child("account"), "must be exactly 12 digits");
  }
  if (reader.read(node, "region", out.region) && !config.find_region(out.region)) {
    reader.error(*node.child("region"), "must be one of the names under regions");
  }
  if (reader.require(node, "service")) {
    if (auto name = reader.choice(*node.child("service"), throttled_services(config))) out.service = *name;
  }
  if (reader.require(node, "value")) reader.read(node, "value", out.value, kRateRange);
  if (reader.require(node, "quota_code") && reader.read(node, "quota_code", out.quota_code) && !out.service.empty()) {
    auto key = quota_key_for_code(config.throttling.at(out.service), out.quota_code);
    if (!key && find_count_quota(config, out.service, out.quota_code)) key = count_quota_key(out.quota_code);
    if (key) out.quota_key = *key;
    if (!key) reader.error(*node.child("quota_code"), out.service + " has no quota " + out.quota_code);
  }
  return reader.errors().size() == before;
}

void read_preapplied_quotas(YamlReader& reader, const YamlNode& node, Config& config) {
  auto items = reader.elements(node);
  if (!items) return;
  std::vector<PreappliedQuota> applied;
  bool ok = true;
  for (const auto& item : *items) {
    PreappliedQuota quota;
    ok = read_preapplied_quota(reader, item, config, quota) && ok;
    applied.push_back(std::move(quota));
  }
  if (ok) config.service_quotas.applied = std::move(applied);
}

}  // namespace

void read_service_quotas_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(section, {"approval_delay_seconds", "deny_above_factor", "scale_burst", "applied"})) return;
  if (auto applied = section.child("applied")) read_preapplied_quotas(reader, *applied, config);
  double seconds = 0;
  constexpr double kMaxSeconds = 365.0 * 24 * 3600;  // keeps the delay far inside what a Duration holds
  if (reader.read(section, "approval_delay_seconds", seconds, NumberRange{0, false})) {
    if (seconds > kMaxSeconds) {
      reader.error(*section.child("approval_delay_seconds"), "must be at most 31536000 (a year)");
      return;
    }
    config.service_quotas.approval_delay = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds));
  }
  reader.read(section, "deny_above_factor", config.service_quotas.deny_above_factor, NumberRange{1, false});
  reader.read(section, "scale_burst", config.service_quotas.scale_burst);
}

}  // namespace chokepoint
