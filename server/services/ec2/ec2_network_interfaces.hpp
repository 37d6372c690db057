#pragma once
// Network interfaces: CreateNetworkInterface, DescribeNetworkInterfaces (the interfaces made here and every
// instance's primary interface, with its attachment), AttachNetworkInterface, DetachNetworkInterface,
// DeleteNetworkInterface and ModifyNetworkInterfaceAttribute. Attaching and detaching take effect at once. An
// attached interface whose instance has terminated is deleted (DeleteOnTermination) or detached.
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult create_network_interface(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_network_interfaces(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult attach_network_interface(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult detach_network_interface(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult delete_network_interface(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult modify_network_interface_attribute(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
