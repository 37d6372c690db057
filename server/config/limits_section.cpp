// limits: section, the user's per-account/region/service overrides of bucket sizes. Entries apply in order and
// later ones win; that is the throttle layer's business, here they are only validated and kept in order.
#include <string>

#include "config/sections.hpp"

namespace chokepoint {

namespace {

bool read_match(YamlReader& reader, const YamlNode& node, const Config& config, LimitOverride& out) {
  if (!reader.expect_mapping(node, {"service", "account", "region"})) return false;
  std::size_t before = reader.errors().size();
  if (auto service = node.child("service")) {
    auto name = reader.choice(*service, nameable_services(config));
    if (name) out.service = std::move(*name);
  }
  if (auto account = node.child("account")) {
    auto id = reader.string(*account);
    if (id && !is_account_id(*id)) reader.error(*account, "must be exactly 12 digits");
    if (id && is_account_id(*id)) out.account = std::move(*id);
  }
  if (auto region = node.child("region")) {
    auto name = reader.string(*region);
    if (name && name->empty()) reader.error(*region, "must not be empty");
    if (name && !name->empty()) out.region = std::move(*name);
  }
  return reader.errors().size() == before;
}

bool read_spec(YamlReader& reader, const YamlNode& node, LimitOverrideSpec& out) {
  if (!reader.expect_mapping(node, {"rate", "burst", "enabled"})) return false;
  if (!node.child("rate") && !node.child("burst") && !node.child("enabled")) {
    reader.error(node, "expected at least one of rate, burst, enabled");
    return false;
  }
  std::size_t before = reader.errors().size();
  double rate = 0;
  double burst = 0;
  bool enabled = true;
  if (reader.read(node, "rate", rate, kRateRange)) out.rate_per_sec = rate;
  if (reader.read(node, "burst", burst, kBurstRange)) out.burst = burst;
  if (reader.read(node, "enabled", enabled)) out.enabled = enabled;
  return reader.errors().size() == before;
}

bool read_buckets(YamlReader& reader, const YamlNode& node, LimitOverride& out) {
  auto entries = reader.entries(node);
  if (!entries) return false;
  if (entries->empty()) {
    reader.error(node, "must not be empty");
    return false;
  }
  bool ok = true;
  for (const auto& [name, value] : *entries) {
    LimitOverrideSpec spec;
    ok = read_spec(reader, value, spec) && ok;
    out.buckets[name] = spec;
  }
  return ok;
}

bool read_override(YamlReader& reader, const YamlNode& node, const Config& config, LimitOverride& out) {
  if (!reader.expect_mapping(node, {"match", "buckets"})) return false;
  if (node.is_null()) {
    reader.error(node, "expected a mapping");
    return false;
  }
  bool ok = true;
  if (auto match = node.child("match")) ok = read_match(reader, *match, config, out);
  if (!reader.require(node, "buckets")) return false;
  return read_buckets(reader, *node.child("buckets"), out) && ok;
}

}  // namespace

void read_limits_section(YamlReader& reader, const YamlNode& section, Config& config) {
  auto items = reader.elements(section);
  if (!items) return;
  std::vector<LimitOverride> limits;
  bool ok = true;
  for (const auto& item : *items) {
    LimitOverride entry;
    ok = read_override(reader, item, config, entry) && ok;
    limits.push_back(std::move(entry));
  }
  if (ok) config.limits = std::move(limits);
}

}  // namespace chokepoint
