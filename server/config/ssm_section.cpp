// ssm: section. Parameter limits, the concurrent-update window and the seed parameters, each checked with
// the same rules PutParameter applies, so a bad seed is a config error rather than a missing parameter.
#include <array>
#include <set>
#include <span>
#include <string>

#include "config/sections.hpp"
#include "config/ssm_parameter_names.hpp"
#include "config/ssm_put_rules.hpp"

namespace chokepoint {

namespace {

constexpr std::array<std::string_view, 11> kSeedKeys = {"name",      "value",       "type",   "account",
                                                        "region",    "description", "key_id", "allowed_pattern",
                                                        "data_type", "tier",        "tags"};

void read_optional(YamlReader& reader, const YamlNode& node, std::string_view key, std::optional<std::string>& out) {
  std::string value;
  if (reader.read(node, key, value)) out = std::move(value);
}

void read_tags(YamlReader& reader, const YamlNode& node, std::map<std::string, std::string>& out) {
  auto tags = node.child("tags");
  if (!tags) return;
  auto entries = reader.entries(*tags);
  if (!entries) return;
  for (const auto& [key, value] : *entries) {
    if (auto text = reader.string(value)) out[key] = std::move(*text);
  }
}

void check_seed_scope(YamlReader& reader, const YamlNode& node, const SsmSeedParameter& seed, const Config& config) {
  if (!seed.account.empty() && !is_account_id(seed.account))
    reader.error(*node.child("account"), "must be exactly 12 digits");
  if (!seed.region.empty() && !config.find_region(seed.region)) {
    reader.error(*node.child("region"), "'" + seed.region + "' is not one of regions[].name");
  }
}

bool read_seed(YamlReader& reader, const YamlNode& node, const Config& config, SsmSeedParameter& seed) {
  if (!reader.expect_mapping(node, std::span<const std::string_view>(kSeedKeys))) return false;
  if (node.is_null()) {
    reader.error(node, "expected a mapping");
    return false;
  }
  const std::size_t before = reader.errors().size();
  if (reader.require(node, "name")) reader.read(node, "name", seed.name);
  if (reader.require(node, "value")) reader.read(node, "value", seed.value);
  reader.read(node, "type", seed.type);
  reader.read(node, "account", seed.account);
  reader.read(node, "region", seed.region);
  read_optional(reader, node, "description", seed.description);
  read_optional(reader, node, "key_id", seed.key_id);
  read_optional(reader, node, "allowed_pattern", seed.allowed_pattern);
  read_optional(reader, node, "data_type", seed.data_type);
  read_optional(reader, node, "tier", seed.tier);
  read_tags(reader, node, seed.tags);
  check_seed_scope(reader, node, seed, config);
  if (reader.errors().size() != before) return false;
  const std::string& account = seed.account.empty() ? config.default_account : seed.account;
  const std::string& region = seed.region.empty() ? config.default_region : seed.region;
  if (auto problem = check_put_input(put_input_from_seed(seed), account, region)) {
    reader.error(node, "parameter '" + seed.name + "': " + problem->code + ": " + problem->message);
    return false;
  }
  return true;
}

void read_seeds(YamlReader& reader, const YamlNode& section, Config& config) {
  auto items = reader.elements(section);
  if (!items) return;
  std::vector<SsmSeedParameter> seeds;
  std::set<std::string> seen;
  bool ok = true;
  for (const auto& item : *items) {
    SsmSeedParameter seed;
    if (!read_seed(reader, item, config, seed)) {
      ok = false;
      continue;
    }
    const std::string where = (seed.account.empty() ? config.default_account : seed.account) + " " +
                              (seed.region.empty() ? config.default_region : seed.region) + " " + name_key(seed.name);
    if (!seen.insert(where).second) {
      reader.error(*item.child("name"), "duplicate parameter '" + seed.name + "' in the same account and region");
      ok = false;
      continue;
    }
    seeds.push_back(std::move(seed));
  }
  if (ok) config.ssm.parameters = std::move(seeds);  // lists are replaced whole, and only when valid
}

}  // namespace

void read_ssm_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(section, {"max_standard_parameters", "max_advanced_parameters",
                                       "concurrent_update_window_ms", "parameters"})) {
    return;
  }
  reader.read(section, "max_standard_parameters", config.ssm.max_standard_parameters, IntRange{0, LLONG_MAX});
  reader.read(section, "max_advanced_parameters", config.ssm.max_advanced_parameters, IntRange{0, LLONG_MAX});
  if (auto window = section.child("concurrent_update_window_ms")) {
    auto ms = reader.number(*window, NumberRange{0, false});
    if (ms && *ms > 3'600'000) reader.error(*window, "must be <= 3600000 (one hour)");
    if (ms && *ms <= 3'600'000) config.ssm.concurrent_update_window_ms = *ms;
  }
  if (auto seeds = section.child("parameters")) read_seeds(reader, *seeds, config);
}

}  // namespace chokepoint
