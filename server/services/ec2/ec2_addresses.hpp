#pragma once
// Elastic IPs (domain vpc): AllocateAddress, DescribeAddresses, AssociateAddress, DisassociateAddress and
// ReleaseAddress. An associated address is its instance's public address (DescribeInstances shows it) until it
// is disassociated or the instance terminates; it stays associated while the instance is stopped.
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult allocate_address(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_addresses(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult release_address(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult associate_address(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult disassociate_address(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
