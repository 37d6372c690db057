// AssociateAddress and DisassociateAddress. An address goes to an instance or to its network interface; an
// instance that is pending or stopping is refused with IncorrectInstanceState, a terminated one as EC2 refuses
// it ("InvalidInstanceID: The terminated instance 'i-...' is not in a valid state for this operation."); a
// stopped one takes it, as AWS's do in a VPC. An instance holds one Elastic IP on its primary interface: a new
// one replaces the old, which stays allocated (EC2 user guide, "Associate an Elastic IP address with an
// instance or network interface"). An address already associated moves only with AllowReassociation, else
// Resource.AlreadyAssociated.
#include "protocol/params.hpp"
#include "services/ec2/ec2_address_lookup.hpp"
#include "services/ec2/ec2_addresses.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_instance_ids.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"

namespace chokepoint {

namespace {

struct AssociationTarget {
  std::string instance_id;
  std::string interface_id;
  bool allow_reassociation = false;
};

Result<AssociationTarget> read_association_target(const nlohmann::json& params) {
  AssociationTarget target;
  target.instance_id = param_string(params, "InstanceId").value_or("");
  target.interface_id = param_string(params, "NetworkInterfaceId").value_or("");
  if (target.instance_id.empty() && target.interface_id.empty()) {
    return ec2_error("MissingParameter", "Either an instance ID or a network interface ID must be specified.");
  }
  if (!target.instance_id.empty() && !is_ec2_resource_id(target.instance_id, "i")) {
    return malformed_instance_id(target.instance_id);
  }
  if (auto e = read_flag(params, "AllowReassociation", target.allow_reassociation)) return *e;
  return target;
}

// The instance the target names; by interface, the instance whose primary interface it is.
Result<Ec2Instance*> target_instance(Ec2RegionState& state, const AssociationTarget& target) {
  Ec2Instance* instance = nullptr;
  if (!target.instance_id.empty()) {
    instance = state.find(target.instance_id);
    if (!instance) return instances_not_found({target.instance_id});
  }
  if (!target.interface_id.empty()) {
    Ec2Instance* owner = nullptr;
    for (auto& [_, i] : state.instances) {
      if (i.network_interface_id == target.interface_id && i.state != Ec2InstanceState::kTerminated) owner = &i;
    }
    if (!owner || (instance && instance != owner)) {
      return ec2_error("InvalidNetworkInterfaceID.NotFound",
                       "The networkInterface ID '" + target.interface_id + "' does not exist");
    }
    instance = owner;
  }
  return instance;
}

std::optional<ApiError> check_association_state(const Ec2Instance& instance) {
  const auto state = instance.state;
  if (state == Ec2InstanceState::kRunning || state == Ec2InstanceState::kStopped) return std::nullopt;
  const std::string message = "The " + std::string(state_name(state)) + " instance '" + instance.id +
                              "' is not in a valid state for this operation.";
  const bool gone = state == Ec2InstanceState::kTerminated || state == Ec2InstanceState::kShuttingDown;
  return ec2_error(gone ? "InvalidInstanceID" : "IncorrectInstanceState", message);
}

ApiResult associate(Ec2RegionState& state, Ec2Address& address, Ec2Instance& instance, const AssociationTarget& target,
                    const ApiRequest& request, CallContext& ctx) {
  if (auto e = check_association_state(instance)) return *e;
  const bool same_place = address.instance_id == instance.id;
  if (!address.association_id.empty() && !same_place && !target.allow_reassociation) {
    return ec2_error(
        "Resource.AlreadyAssociated",
        "resource " + address.allocation_id + " is already associated with associate-id " + address.association_id);
  }
  if (auto e = check_dry_run(request.params)) return *e;
  if (!address.association_id.empty()) end_association(state, address);
  if (!instance.elastic_allocation_id.empty()) {
    if (auto previous = state.addresses.find(instance.elastic_allocation_id); previous != state.addresses.end()) {
      end_association(state, previous->second);
    }
  }
  address.association_id = new_resource_id(ctx, "eipassoc");
  address.instance_id = instance.id;
  address.network_interface_id = instance.network_interface_id;
  address.private_ip = instance.private_ip;
  instance.public_ip = address.public_ip;
  instance.elastic_allocation_id = address.allocation_id;
  ApiResponse response;
  response.body = {{"associationId", address.association_id}, {"return", true}};
  return response;
}

}  // namespace

ApiResult associate_address(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto target = read_association_target(request.params);
  if (!target) return target.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             auto address = address_of_call(state, request.params);
                             if (!address) return address.error();
                             auto instance = target_instance(state, *target);
                             if (!instance) return instance.error();
                             return associate(state, **address, **instance, *target, request, ctx);
                           });
}

ApiResult disassociate_address(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto association_id = param_string(request.params, "AssociationId");
  const auto public_ip = param_string(request.params, "PublicIp");
  if (!association_id && !public_ip) return ec2_missing_parameter("AssociationId");
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        Ec2Address* address = nullptr;
        for (auto& [_, a] : state.addresses) {
          const bool named = association_id ? a.association_id == *association_id : a.public_ip == *public_ip;
          if (named && !a.association_id.empty()) address = &a;
        }
        if (!address && association_id) {
          return ec2_error("InvalidAssociationID.NotFound",
                           "The association ID '" + *association_id + "' does not exist");
        }
        if (!address) return ec2_error("InvalidAddress.NotFound", "Address '" + *public_ip + "' not found.");
        if (auto e = check_dry_run(request.params)) return *e;
        end_association(state, *address);
        ApiResponse response;
        response.body["return"] = true;
        return response;
      });
}

}  // namespace chokepoint
