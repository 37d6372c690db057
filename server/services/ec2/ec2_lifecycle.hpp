#pragma once
// StartInstances, StopInstances, RebootInstances, TerminateInstances. Every listed instance must exist and
// be in a state the action accepts, or nothing changes. Start, Stop and Terminate take one resource token
// per instance.
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult start_instances(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult stop_instances(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult reboot_instances(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult terminate_instances(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
