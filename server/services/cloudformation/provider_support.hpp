#pragma once
// Small helpers the resource providers share: reading resolved properties, tags and generated names.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "services/cloudformation/resource_provider.hpp"

namespace chokepoint {

// How many times a provider polls a resource into its final state before it gives up (an hour at the default
// one-second interval).
inline constexpr int kMaxStatusPolls = 3600;

// A scalar property as text (numbers and booleans too); nullopt when absent or not a scalar.
std::optional<std::string> prop_string(const nlohmann::json& props, const std::string& key);
// [{Key, Value}] from CloudFormation's tag map form ({"k": "v"}) or list form ([{"Key", "Value"}]).
nlohmann::json tag_list(const nlohmann::json& tags);
// What an update does to a resource's Tags property: every new tag to set (empty when the tags are unchanged)
// and the keys that are gone.
struct TagChanges {
  nlohmann::json set = nlohmann::json::array();
  std::vector<std::string> removed;
};
TagChanges tag_changes(const nlohmann::json& before_props, const nlohmann::json& after_props);
// The resource's own tags plus the stack's (which CloudFormation propagates to what it creates); the
// resource's win on a clash.
nlohmann::json creation_tags(const nlohmann::json& props, const ResourceRequest& request);
// A name CloudFormation generates when the template gives none: "<stack>-<logical>-<random>", trimmed to fit.
std::string generated_name(const ResourceRequest& request, size_t max_length);

}  // namespace chokepoint
