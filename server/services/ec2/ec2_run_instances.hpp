#pragma once
// RunInstances: launches MaxCount instances (at least MinCount within the instance limit), each taking one
// RunInstances resource token; a repeated ClientToken answers with the original reservation.
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult run_instances(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
