#include "services/ec2/ec2_regions.hpp"

#include <algorithm>

#include "common/strings.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_params.hpp"

namespace chokepoint {

std::string zone_id(const std::string& region, size_t index) {
  const auto parts = split(region, '-');
  if (parts.size() != 3) return region + "-az" + std::to_string(index + 1);
  const std::string_view direction = parts[1];
  std::string code(parts[0]);
  for (const std::string_view two : {"northeast", "southeast", "northwest", "southwest"}) {
    if (direction == two) code += std::string{two[0]} + two[5];
  }
  if (code.size() == parts[0].size() && !direction.empty()) code.push_back(direction[0]);
  return code + std::string(parts[2]) + "-az" + std::to_string(index + 1);
}

ApiResult describe_regions(const ApiRequest& request, CallContext& ctx) {
  auto filters = read_filters(request.params, {"endpoint", "region-name", "opt-in-status"});
  if (!filters) return filters.error();
  const auto wanted = param_strings(request.params, "RegionName");
  for (const auto& name : wanted) {
    if (!ctx.config.find_region(name)) return ec2_error("InvalidParameterValue", "Invalid region: " + name);
  }
  if (auto e = check_dry_run(request.params)) return *e;
  nlohmann::json regions = nlohmann::json::array();
  for (const auto& region : ctx.config.regions) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), region.name) == wanted.end()) continue;
    const std::string endpoint = "ec2." + region.name + ".amazonaws.com";
    const bool match = filters_match(*filters, [&](const std::string& name) -> std::vector<std::string> {
      if (name == "region-name") return {region.name};
      if (name == "endpoint") return {endpoint};
      return {"opt-in-not-required"};
    });
    if (!match) continue;
    regions.push_back(
        {{"regionName", region.name}, {"regionEndpoint", endpoint}, {"optInStatus", "opt-in-not-required"}});
  }
  ApiResponse response;
  response.body["regionInfo"] = std::move(regions);
  return response;
}

ApiResult describe_availability_zones(const ApiRequest& request, CallContext& ctx) {
  auto filters = read_filters(
      request.params, {"zone-name", "zone-id", "region-name", "state", "zone-type", "group-name", "opt-in-status"});
  if (!filters) return filters.error();
  const RegionEntry* region = ctx.config.find_region(request.identity.region);
  nlohmann::json zones = nlohmann::json::array();
  const auto wanted = param_strings(request.params, "ZoneName");
  if (region) {
    for (size_t i = 0; i < region->zones.size(); ++i) {
      const std::string& zone = region->zones[i];
      if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), zone) == wanted.end()) continue;
      const std::string id = zone_id(region->name, i);
      const bool match = filters_match(*filters, [&](const std::string& name) -> std::vector<std::string> {
        if (name == "zone-name") return {zone};
        if (name == "zone-id") return {id};
        if (name == "region-name" || name == "group-name") return {region->name};
        if (name == "state") return {"available"};
        if (name == "zone-type") return {"availability-zone"};
        return {"opt-in-not-required"};
      });
      if (!match) continue;
      zones.push_back({{"zoneName", zone},
                       {"zoneState", "available"},
                       {"regionName", region->name},
                       {"zoneId", id},
                       {"zoneType", "availability-zone"},
                       {"groupName", region->name},
                       {"networkBorderGroup", region->name},
                       {"optInStatus", "opt-in-not-required"},
                       {"messageSet", nlohmann::json::array()}});
    }
  }
  for (const auto& name : wanted) {
    const bool found = std::any_of(zones.begin(), zones.end(), [&](const auto& z) { return z["zoneName"] == name; });
    if (!found) return ec2_error("InvalidParameterValue", "Invalid availability zone: [" + name + "]");
  }
  if (auto e = check_dry_run(request.params)) return *e;
  ApiResponse response;
  response.body["availabilityZoneInfo"] = std::move(zones);
  return response;
}

}  // namespace chokepoint
