#include "services/ec2/ec2_instance_ids.hpp"

#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_params.hpp"

namespace chokepoint {

Result<std::vector<std::string>> read_instance_ids(const nlohmann::json& params) {
  auto ids = distinct_param_strings(params, "InstanceId");
  for (const auto& id : ids) {
    if (!is_ec2_resource_id(id, "i")) return malformed_instance_id(id);
  }
  return ids;
}

ApiError malformed_instance_id(const std::string& id) {
  return ec2_error("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\" (expecting \"i-...\")");
}

ApiError instances_not_found(const std::vector<std::string>& ids) {
  std::string joined;
  for (const auto& id : ids) joined += (joined.empty() ? "" : ", ") + id;
  if (ids.size() == 1)
    return ec2_error("InvalidInstanceID.NotFound", "The instance ID '" + joined + "' does not exist");
  return ec2_error("InvalidInstanceID.NotFound", "The instance IDs '" + joined + "' do not exist");
}

Result<std::vector<Ec2Instance*>> find_instances(Ec2RegionState& state, const std::vector<std::string>& ids) {
  std::vector<Ec2Instance*> found;
  std::vector<std::string> missing;
  for (const auto& id : ids) {
    if (auto* instance = state.find(id)) {
      found.push_back(instance);
    } else {
      missing.push_back(id);
    }
  }
  if (!missing.empty()) return instances_not_found(missing);
  return found;
}

}  // namespace chokepoint
