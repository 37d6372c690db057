#pragma once
// CreateKeyPair, ImportKeyPair, DescribeKeyPairs and DeleteKeyPair, and the check RunInstances makes of its
// KeyName. Key pairs are per account and region, named uniquely; their tags live with other resources' tags.
#include <optional>
#include <string>

#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult create_key_pair(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult import_key_pair(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_key_pairs(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult delete_key_pair(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

// InvalidKeyPair.NotFound when `name` names no key pair of the region.
std::optional<ApiError> check_key_pair_exists(const Ec2RegionState& state, const std::string& name);

}  // namespace chokepoint
