#include "services/cloudformation/ec2_instance_requests.hpp"

#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

json text_list(const json& values) {
  json out = json::array();
  for (const auto& v : values.is_array() ? values : json::array()) out.push_back(scalar_string(v).value_or(""));
  return out;
}

void add_placement(const json& props, json& r) {
  json placement = json::object();
  if (auto zone = prop_string(props, "AvailabilityZone")) placement["AvailabilityZone"] = *zone;
  if (auto tenancy = prop_string(props, "Tenancy")) placement["Tenancy"] = *tenancy;
  if (auto group = prop_string(props, "PlacementGroupName")) placement["GroupName"] = *group;
  if (!placement.empty()) r["Placement"] = placement;
}

void add_lists(const json& props, json& r) {
  if (props.contains("SecurityGroupIds")) r["SecurityGroupId"] = text_list(props["SecurityGroupIds"]);
  if (props.contains("SecurityGroups")) r["SecurityGroup"] = text_list(props["SecurityGroups"]);
  if (props.contains("BlockDeviceMappings")) r["BlockDeviceMapping"] = query_text(props["BlockDeviceMappings"]);
  if (props.contains("Tags") && !tag_list(props["Tags"]).empty()) {
    r["TagSpecification"] = json::array({{{"ResourceType", "instance"}, {"Tag", tag_list(props["Tags"])}}});
  }
  if (auto profile = prop_string(props, "IamInstanceProfile")) {
    r["IamInstanceProfile"] = profile->rfind("arn:", 0) == 0 ? json{{"Arn", *profile}} : json{{"Name", *profile}};
  }
  if (props.contains("LaunchTemplate")) r["LaunchTemplate"] = query_text(props["LaunchTemplate"]);
  if (props.contains("Monitoring")) r["Monitoring"] = {{"Enabled", prop_string(props, "Monitoring").value_or("false")}};
}

}  // namespace

json query_text(const json& value) {
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [k, v] : value.items()) out[k] = query_text(v);
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& v : value) out.push_back(query_text(v));
    return out;
  }
  return scalar_string(value).value_or("");
}

json run_instances_request(const json& props, const std::string& client_token) {
  json r = {{"MinCount", "1"}, {"MaxCount", "1"}, {"ClientToken", client_token}};
  for (const char* key : {"ImageId", "InstanceType", "KeyName", "SubnetId", "PrivateIpAddress", "UserData",
                          "EbsOptimized", "DisableApiTermination", "InstanceInitiatedShutdownBehavior"}) {
    if (auto v = prop_string(props, key)) r[key] = *v;
  }
  add_placement(props, r);
  add_lists(props, r);
  return r;
}

json first_instance(const json& response) {
  if (response.contains("instancesSet") && response["instancesSet"].is_array() && !response["instancesSet"].empty()) {
    return response["instancesSet"][0];
  }
  if (response.contains("reservationSet") && response["reservationSet"].is_array()) {
    for (const auto& reservation : response["reservationSet"]) {
      if (auto instance = first_instance(reservation); !instance.is_null()) return instance;
    }
  }
  return json();
}

std::string instance_state(const json& instance) {
  if (!instance.is_object() || !instance.contains("instanceState")) return "";
  return scalar_string(instance["instanceState"].value("name", json(""))).value_or("");
}

json instance_attributes(const json& instance) {
  auto text = [&](const char* key) { return scalar_string(instance.value(key, json(""))).value_or(""); };
  json out = {{"InstanceId", text("instanceId")},      {"PrivateDnsName", text("privateDnsName")},
              {"PrivateIp", text("privateIpAddress")}, {"PublicDnsName", text("dnsName")},
              {"PublicIp", text("ipAddress")},         {"VpcId", text("vpcId")}};
  const json placement = instance.value("placement", json::object());
  out["AvailabilityZone"] = scalar_string(placement.value("availabilityZone", json(""))).value_or("");
  return out;
}

}  // namespace chokepoint
