// AWS::EC2::NetworkInterface through CreateNetworkInterface (then ModifyNetworkInterfaceAttribute when
// SourceDestCheck is false) and DeleteNetworkInterface. Every property replaces the interface. Ref is the
// interface id; Fn::GetAtt gives Id, PrimaryPrivateIpAddress, SecondaryPrivateIpAddresses and VpcId
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-networkinterface.html).
#include <memory>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/ec2_instance_requests.hpp"
#include "services/cloudformation/ec2_provider_steps.hpp"
#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

struct InterfaceState {
  std::string id;
  json attributes = json::object();
};

json create_interface_request(const json& props, const ResourceRequest& request) {
  json r = {{"SubnetId", prop_string(props, "SubnetId").value_or("")}};
  for (const char* key : {"Description", "PrivateIpAddress"}) {
    if (auto v = prop_string(props, key)) r[key] = *v;
  }
  if (props.contains("GroupSet")) r["SecurityGroupId"] = query_text(props["GroupSet"]);
  if (auto spec = tag_specification("network-interface", creation_tags(props, request)); !spec.is_null()) {
    r["TagSpecification"] = spec;
  }
  return r;
}

class Ec2NetworkInterfaceProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::EC2::NetworkInterface"; }
  bool has_attribute(const std::string& attribute) const override {
    return attribute == "Id" || attribute == "PrimaryPrivateIpAddress" || attribute == "SecondaryPrivateIpAddresses" ||
           attribute == "VpcId";
  }
  std::string requires_recreation(const std::string&) const override { return "Always"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    if (!prop_string(request.properties, "SubnetId")) {
      return failed_task(property_validation_failure("The property {/SubnetId} is required"));
    }
    const json create = create_interface_request(request.properties, request);
    const bool no_check = prop_string(request.properties, "SourceDestCheck").value_or("true") == "false";
    auto state = std::make_shared<InterfaceState>();
    auto task = std::make_unique<ChainTask>(request.poll_interval,
                                            [state] { return ProviderStep::succeeded(state->id, state->attributes); });
    task->report_physical_id([state] { return state->id; });
    task->then([create] { return ProviderStep::call("ec2", "CreateNetworkInterface", create); },
               read_answer(request.request_token, [state](const json& answer, std::string&) {
                 const json eni = answer.value("networkInterface", json::object());
                 const auto text = [&](const char* key) {
                   return scalar_string(eni.value(key, json(""))).value_or("");
                 };
                 state->id = text("networkInterfaceId");
                 state->attributes = {{"Id", state->id},
                                      {"PrimaryPrivateIpAddress", text("privateIpAddress")},
                                      {"SecondaryPrivateIpAddresses", json::array()},
                                      {"VpcId", text("vpcId")}};
                 return true;
               }));
    task->then(
        [state, no_check]() -> std::optional<ProviderStep> {
          if (!no_check) return std::nullopt;
          return ProviderStep::call("ec2", "ModifyNetworkInterfaceAttribute",
                                    {{"NetworkInterfaceId", state->id}, {"SourceDestCheck", {{"Value", "false"}}}});
        },
        fail_on_error(request.request_token));
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    const std::string id = request.physical_id;
    return std::make_unique<ChainTask>(request.poll_interval, [id] { return ProviderStep::succeeded(id); });
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    const std::string id = request.physical_id;
    auto task = std::make_unique<ChainTask>(request.poll_interval, [id] { return ProviderStep::succeeded(id); });
    task->then([id] { return ProviderStep::call("ec2", "DeleteNetworkInterface", {{"NetworkInterfaceId", id}}); },
               fail_on_error(request.request_token, {"InvalidNetworkInterfaceID.NotFound"}));
    return task;
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_ec2_network_interface_provider() {
  return std::make_unique<Ec2NetworkInterfaceProvider>();
}

}  // namespace chokepoint
