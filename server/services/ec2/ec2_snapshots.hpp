#pragma once
// EBS snapshots: CreateSnapshot, DescribeSnapshots, DeleteSnapshot and CopySnapshot (within a region or from
// another configured one). A snapshot is pending, then completed on the emulated clock, with its Progress in
// between; every snapshot is private to its account.
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult create_snapshot(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_snapshots(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult delete_snapshot(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult copy_snapshot(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
