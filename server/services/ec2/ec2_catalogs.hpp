#pragma once
// DescribeImages and DescribeInstanceTypes, answered from the `ec2:` catalogs in the configuration.
#include "config/ec2_settings.hpp"
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult describe_images(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_instance_types(const ApiRequest& request, CallContext& ctx);

// Threads per core of an instance type: two on x86 types with more than one vCPU, one on Graviton (arm64).
int threads_per_core(const Ec2InstanceTypeEntry& type);

// The size of an image's root volume (and of the root volume of its instances): 30 GiB on Windows, 8 elsewhere.
int root_volume_gib(const Ec2ImageEntry& image);

}  // namespace chokepoint
