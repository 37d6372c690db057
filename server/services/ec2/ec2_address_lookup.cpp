#include "services/ec2/ec2_address_lookup.hpp"

#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_vpc_views.hpp"

namespace chokepoint {

ApiError malformed_allocation_id(const std::string& id) {
  return ec2_error("InvalidAllocationID.Malformed", "Invalid id: \"" + id + "\" (expecting \"eipalloc-...\")");
}

Result<Ec2Address*> find_address(Ec2RegionState& state, const std::string& allocation_id) {
  const auto it = state.addresses.find(allocation_id);
  if (it != state.addresses.end()) return &it->second;
  if (!is_ec2_resource_id(allocation_id, "eipalloc")) return malformed_allocation_id(allocation_id);
  return ec2_error("InvalidAllocationID.NotFound", "The allocation ID '" + allocation_id + "' does not exist");
}

Result<Ec2Address*> find_address_by_ip(Ec2RegionState& state, const std::string& public_ip) {
  for (auto& [_, address] : state.addresses) {
    if (address.public_ip == public_ip) return &address;
  }
  return ec2_error("InvalidAddress.NotFound", "Address '" + public_ip + "' not found.");
}

Result<Ec2Address*> address_of_call(Ec2RegionState& state, const nlohmann::json& params) {
  if (const auto id = param_string(params, "AllocationId")) return find_address(state, *id);
  if (const auto ip = param_string(params, "PublicIp")) return find_address_by_ip(state, *ip);
  return ec2_missing_parameter("AllocationId");
}

void end_association(Ec2RegionState& state, Ec2Address& address) {
  Ec2Instance* instance = address.instance_id.empty() ? nullptr : state.find(address.instance_id);
  if (instance && instance->elastic_allocation_id == address.allocation_id) {
    instance->elastic_allocation_id.clear();
    const bool up = instance->state == Ec2InstanceState::kRunning || instance->state == Ec2InstanceState::kPending;
    const bool mapped = up && maps_public_ip(state, instance->subnet_id);
    instance->public_ip = mapped ? public_ip_for(state.next_public_address++) : std::string();
  }
  clear_association(address);
}

}  // namespace chokepoint
