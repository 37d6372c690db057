#pragma once
// DescribeInstanceAttribute and ModifyInstanceAttribute: one attribute per call, answered as
// {instanceId, <attribute>: {value}} (botocore's InstanceAttribute shape); what is modified shows in
// DescribeInstances too. instanceType, userData, ebsOptimized and enaSupport change only while the instance is
// stopped, as EC2 requires.
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult describe_instance_attribute(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult modify_instance_attribute(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
