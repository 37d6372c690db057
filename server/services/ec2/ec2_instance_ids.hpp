#pragma once
// Instance ids in requests: their format, and looking them up with EC2's not-found error.
#include <string>
#include <variant>
#include <vector>

#include "protocol/result.hpp"
#include "services/ec2/ec2_store.hpp"

namespace chokepoint {

// InstanceId.N with duplicates removed; InvalidInstanceID.Malformed for the first id that is not
// i- and 8 or 17 hex digits.
Result<std::vector<std::string>> read_instance_ids(const nlohmann::json& params);

// InvalidInstanceID.Malformed for one id.
ApiError malformed_instance_id(const std::string& id);
// InvalidInstanceID.NotFound naming every missing id, as EC2 words it for one and for several.
ApiError instances_not_found(const std::vector<std::string>& ids);

// The instances for `ids`, in order; InvalidInstanceID.NotFound when any is unknown.
Result<std::vector<Ec2Instance*>> find_instances(Ec2RegionState& state, const std::vector<std::string>& ids);

}  // namespace chokepoint
