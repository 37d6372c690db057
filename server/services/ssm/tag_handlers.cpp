// AddTagsToResource, ListTagsForResource and RemoveTagsFromResource. Parameter Store's resources are
// parameters (ResourceType "Parameter", ResourceId the name); the other taggable Systems Manager resources
// are not emulated, so their ids are never found.
#include <algorithm>
#include <array>

#include "common/strings.hpp"
#include "protocol/result.hpp"
#include "services/ssm/ssm_call.hpp"
#include "services/ssm/ssm_errors.hpp"
#include "services/ssm/ssm_params.hpp"
#include "services/ssm/ssm_tags.hpp"

namespace chokepoint {

namespace {

constexpr std::array<std::string_view, 9> kResourceTypes = {"Document",    "ManagedInstance", "MaintenanceWindow",
                                                            "Parameter",   "PatchBaseline",   "OpsItem",
                                                            "OpsMetadata", "Automation",      "Association"};

// The tagged parameter, or AWS's error for the type and id.
Result<StoredParameter*> find_resource(SsmCall& call, SsmParams& params) {
  const std::string type = params.required_string("ResourceType");
  const std::string id(trim(params.required_string("ResourceId")));
  if (!params.ok()) return params.error();
  if (std::find(kResourceTypes.begin(), kResourceTypes.end(), type) == kResourceTypes.end()) {
    return constraint_error(type, "resourceType",
                            "Member must satisfy enum value set: [Document, ManagedInstance, MaintenanceWindow, "
                            "Parameter, PatchBaseline, OpsItem, OpsMetadata, Automation, Association]");
  }
  StoredParameter* p = type == "Parameter" ? call.store.find(id) : nullptr;
  if (!p)
    return ssm_error("InvalidResourceId",
                     "The resource ID isn't valid. Verify that you entered the correct ID and try again.");
  return p;
}

}  // namespace

ApiResult add_tags_to_resource(SsmCall& call) {
  SsmParams params(call.request.params);
  auto found = find_resource(call, params);
  if (!found) return std::move(found).error();
  auto tags = read_tags(params, "Tags", true);
  if (!params.ok()) return params.error();
  StoredParameter& p = **found;
  std::size_t new_keys = 0;
  for (const auto& [key, value] : *tags) new_keys += p.tags.count(key) ? 0 : 1;
  if (p.tags.size() + new_keys > kMaxTagsPerResource) {
    return ssm_error("TooManyTagsError", "A resource can have at most 50 tags. Remove one or more tags and try again.");
  }
  for (const auto& [key, value] : *tags) p.tags[key] = value;
  return ApiResponse{};
}

ApiResult list_tags_for_resource(SsmCall& call) {
  SsmParams params(call.request.params);
  auto found = find_resource(call, params);
  if (!found) return std::move(found).error();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [key, value] : (*found)->tags) {
    list.push_back({{"Key", key}, {"Value", value}});
  }
  ApiResponse response;
  response.body["TagList"] = std::move(list);
  return response;
}

ApiResult remove_tags_from_resource(SsmCall& call) {
  SsmParams params(call.request.params);
  auto found = find_resource(call, params);
  if (!found) return std::move(found).error();
  auto keys = params.string_list("TagKeys", true);
  if (!params.ok()) return params.error();
  for (const auto& key : *keys) (*found)->tags.erase(key);
  return ApiResponse{};
}

}  // namespace chokepoint
