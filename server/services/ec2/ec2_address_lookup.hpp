#pragma once
// Finding Elastic IPs by allocation id, public address or association id, with EC2's errors for each, and
// ending an association on both sides. Called under the store's lock.
#include <string>

#include "protocol/result.hpp"
#include "services/ec2/ec2_store.hpp"

namespace chokepoint {

ApiError malformed_allocation_id(const std::string& id);
// InvalidAllocationID.NotFound when missing.
Result<Ec2Address*> find_address(Ec2RegionState& state, const std::string& allocation_id);
// InvalidAddress.NotFound when missing.
Result<Ec2Address*> find_address_by_ip(Ec2RegionState& state, const std::string& public_ip);
// The address a call names by AllocationId or, failing that, PublicIp; MissingParameter when it names neither.
Result<Ec2Address*> address_of_call(Ec2RegionState& state, const nlohmann::json& params);

// Ends the address's association. Its instance, if it still shows the address, gets a new auto-assigned
// public address when it is running or pending (as the default subnet assigns them), none otherwise.
void end_association(Ec2RegionState& state, Ec2Address& address);

}  // namespace chokepoint
