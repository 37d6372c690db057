// Checks that span sections. They run on the Config built so far, after a document read cleanly, and point at
// the node of that document that made the check fail (the user's default_region, or the user's regions list
// that no longer contains the default one).
#include <string>
#include <vector>

#include "config/sections.hpp"

namespace chokepoint {

namespace {

std::vector<std::string_view> region_names(const Config& config) {
  std::vector<std::string_view> names;
  for (const auto& region : config.regions) names.push_back(region.name);
  return names;
}

void check_default_region(YamlReader& reader, const YamlNode& root, const Config& config) {
  if (config.find_region(config.default_region)) return;
  auto identity = root.child("identity");
  auto region = identity ? identity->child("default_region") : std::nullopt;
  if (region) {
    auto names = region_names(config);
    reader.error(*region, "'" + config.default_region + "' is not one of regions[].name" +
                              did_you_mean(config.default_region, names));
    return;
  }
  auto regions = root.child("regions");
  reader.error(regions ? *regions : root,
               "does not contain the default region '" + config.default_region + "' (identity.default_region)");
}

void check_limit_regions(YamlReader& reader, const YamlNode& root, const Config& config) {
  // The user's document holds this limits list unless it came from the defaults.
  std::vector<YamlNode> entries;
  if (auto limits = root.child("limits")) {
    if (auto items = reader.elements(*limits)) entries = std::move(*items);
  }
  for (std::size_t i = 0; i < config.limits.size(); ++i) {
    const auto& region = config.limits[i].region;
    if (!region || config.find_region(*region)) continue;
    std::optional<YamlNode> at;
    if (i < entries.size()) {
      if (auto match = entries[i].child("match")) at = match->child("region");
    }
    if (!at) at = root.child("regions");
    auto names = region_names(config);
    reader.error(at ? *at : root, "'" + *region + "' is not one of regions[].name" + did_you_mean(*region, names));
  }
}

}  // namespace

void check_cross_references(YamlReader& reader, const YamlNode& root, const Config& config) {
  check_default_region(reader, root, config);
  check_limit_regions(reader, root, config);
}

}  // namespace chokepoint
