#pragma once
// The EC2 networking resource types (VPC, Subnet, SecurityGroup, SecurityGroupIngress, InternetGateway,
// VPCGatewayAttachment, RouteTable, Route, SubnetRouteTableAssociation) share one shape: one create call whose
// answer names the resource, follow-up calls that configure it, and one delete call. Each type is a spec of those
// calls; every property change replaces the resource. Calls go through the emulated EC2 API, so its rate limits
// apply.
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "services/cloudformation/resource_provider.hpp"

namespace chokepoint {

struct Ec2NetworkCall {
  std::string operation;
  nlohmann::json request;
  std::vector<std::string> ok_codes;  // errors that count as success
  // Reads the answer into the resource's attributes (for a describe that finds an id the create did not name).
  std::function<void(const nlohmann::json& answer, nlohmann::json& attributes)> read;
};

struct Ec2NetworkType {
  std::string type;
  std::vector<std::string> attributes;  // Fn::GetAtt names
  std::vector<std::string> required;    // properties the type needs
  // The create call; `request` gives generated names and the stack's tags.
  std::function<Ec2NetworkCall(const nlohmann::json& props, const ResourceRequest& request)> create;
  // The physical id (Ref) and Fn::GetAtt values from the create call's answer.
  std::function<std::string(const nlohmann::json& answer, const nlohmann::json& props)> physical_id;
  std::function<nlohmann::json(const nlohmann::json& answer, const nlohmann::json& props)> attributes_of;
  // Calls made once the resource exists, in order.
  std::function<std::vector<Ec2NetworkCall>(const std::string& id, const nlohmann::json& props)> follow_ups;
  std::function<Ec2NetworkCall(const std::string& id, const nlohmann::json& props)> remove;
};

std::unique_ptr<ResourceProvider> make_ec2_network_provider(Ec2NetworkType spec);

// TagSpecification.1 for `resource_type` with the resource's and the stack's tags; null when there are none.
nlohmann::json network_tag_specification(const nlohmann::json& props, const ResourceRequest& request,
                                         const std::string& resource_type);
// A string member of an answer, "" when absent.
std::string answer_text(const nlohmann::json& object, const char* key);

}  // namespace chokepoint
