// AWS::EC2::EIP through AllocateAddress (then AssociateAddress when InstanceId is given) and ReleaseAddress
// (after DisassociateAddress when the address is associated); AWS::EC2::EIPAssociation through AssociateAddress /
// DisassociateAddress. Every property replaces the resource. Ref of an EIP is its public address, Fn::GetAtt
// gives AllocationId and PublicIp; Ref of an association is its id
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-eip.html,
// aws-resource-ec2-eipassociation.html).
#include <memory>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/ec2_provider_steps.hpp"
#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

struct AddressState {
  std::string public_ip;
  std::string allocation_id;
  std::string association_id;
};

std::string address_text(const json& object, const char* key) {
  return scalar_string(object.value(key, json(""))).value_or("");
}

json address_attributes(const AddressState& s) {
  return {{"AllocationId", s.allocation_id}, {"PublicIp", s.public_ip}};
}

class Ec2EipProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::EC2::EIP"; }
  bool has_attribute(const std::string& attribute) const override {
    return attribute == "AllocationId" || attribute == "PublicIp";
  }
  std::string requires_recreation(const std::string&) const override { return "Always"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    json allocate = {{"Domain", "vpc"}};
    if (auto spec = tag_specification("elastic-ip", creation_tags(request.properties, request)); !spec.is_null()) {
      allocate["TagSpecification"] = spec;
    }
    const auto instance = prop_string(request.properties, "InstanceId");
    auto state = std::make_shared<AddressState>();
    auto task = std::make_unique<ChainTask>(request.poll_interval, [state] {
      return ProviderStep::succeeded(state->public_ip, address_attributes(*state));
    });
    task->report_physical_id([state] { return state->public_ip; });
    task->then([allocate] { return ProviderStep::call("ec2", "AllocateAddress", allocate); },
               read_answer(request.request_token, [state](const json& answer, std::string&) {
                 state->public_ip = address_text(answer, "publicIp");
                 state->allocation_id = address_text(answer, "allocationId");
                 return true;
               }));
    task->then(
        [state, instance]() -> std::optional<ProviderStep> {
          if (!instance) return std::nullopt;
          return ProviderStep::call("ec2", "AssociateAddress",
                                    {{"AllocationId", state->allocation_id}, {"InstanceId", *instance}});
        },
        fail_on_error(request.request_token));
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    const std::string ip = request.physical_id;
    return std::make_unique<ChainTask>(request.poll_interval, [ip] { return ProviderStep::succeeded(ip); });
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    auto state = std::make_shared<AddressState>();
    state->public_ip = request.physical_id;
    state->allocation_id = prop_string(request.attributes, "AllocationId").value_or("");
    auto task = std::make_unique<ChainTask>(request.poll_interval,
                                            [state] { return ProviderStep::succeeded(state->public_ip); });
    const std::vector<std::string> gone = {"InvalidAllocationID.NotFound", "InvalidAddress.NotFound"};
    task->then(
        [state] {
          return ProviderStep::call("ec2", "DescribeAddresses",
                                    {{"AllocationId", json::array({state->allocation_id})}});
        },
        read_answer(request.request_token,
                    [state](const json& answer, std::string&) {
                      for (const auto& address : answer.value("addressesSet", json::array())) {
                        state->association_id = address_text(address, "associationId");
                      }
                      return true;
                    },
                    gone));
    task->then(
        [state]() -> std::optional<ProviderStep> {
          if (state->association_id.empty()) return std::nullopt;
          return ProviderStep::call("ec2", "DisassociateAddress", {{"AssociationId", state->association_id}});
        },
        fail_on_error(request.request_token, {"InvalidAssociationID.NotFound"}));
    task->then(
        [state] { return ProviderStep::call("ec2", "ReleaseAddress", {{"AllocationId", state->allocation_id}}); },
        fail_on_error(request.request_token, gone));
    return task;
  }
};

class Ec2EipAssociationProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::EC2::EIPAssociation"; }
  bool has_attribute(const std::string& attribute) const override { return attribute == "Id"; }
  std::string requires_recreation(const std::string&) const override { return "Always"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    json associate = json::object();
    for (auto [property, parameter] : {std::pair<const char*, const char*>{"AllocationId", "AllocationId"},
                                       {"EIP", "PublicIp"},
                                       {"InstanceId", "InstanceId"},
                                       {"NetworkInterfaceId", "NetworkInterfaceId"},
                                       {"PrivateIpAddress", "PrivateIpAddress"}}) {
      if (auto v = prop_string(request.properties, property)) associate[parameter] = *v;
    }
    auto id = std::make_shared<std::string>();
    auto task = std::make_unique<ChainTask>(request.poll_interval,
                                            [id] { return ProviderStep::succeeded(*id, json{{"Id", *id}}); });
    task->report_physical_id([id] { return *id; });
    task->then([associate] { return ProviderStep::call("ec2", "AssociateAddress", associate); },
               read_answer(request.request_token, [id](const json& answer, std::string&) {
                 *id = address_text(answer, "associationId");
                 return true;
               }));
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    const std::string id = request.physical_id;
    return std::make_unique<ChainTask>(request.poll_interval, [id] { return ProviderStep::succeeded(id); });
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    const std::string id = request.physical_id;
    auto task = std::make_unique<ChainTask>(request.poll_interval, [id] { return ProviderStep::succeeded(id); });
    task->then([id] { return ProviderStep::call("ec2", "DisassociateAddress", {{"AssociationId", id}}); },
               fail_on_error(request.request_token, {"InvalidAssociationID.NotFound"}));
    return task;
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_ec2_eip_provider() {
  return std::make_unique<Ec2EipProvider>();
}

std::unique_ptr<ResourceProvider> make_ec2_eip_association_provider() {
  return std::make_unique<Ec2EipAssociationProvider>();
}

}  // namespace chokepoint
