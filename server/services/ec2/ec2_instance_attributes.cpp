// Attribute names are the InstanceAttributeName enum of botocore's ec2 model; the stopped-only attributes and
// their IncorrectInstanceState error follow
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstanceAttribute.html.
#include "services/ec2/ec2_instance_attributes.hpp"

#include <algorithm>

#include "common/time_format.hpp"
#include "config/ec2_settings.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_instance_ids.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kAttributeNames[] = {
    "instanceType",    "kernel",          "ramdisk",      "userData",        "disableApiTermination",
    "instanceInitiatedShutdownBehavior",  "rootDeviceName", "blockDeviceMapping", "productCodes",
    "sourceDestCheck", "groupSet",        "ebsOptimized", "sriovNetSupport", "enaSupport",
    "enclaveOptions",  "disableApiStop"};

bool is_attribute_name(std::string_view name) {
  return std::find(std::begin(kAttributeNames), std::end(kAttributeNames), name) != std::end(kAttributeNames);
}

nlohmann::json attribute_value(nlohmann::json v) { return {{"value", std::move(v)}}; }

nlohmann::json instance_attribute_json(const Ec2Instance& i, const std::string& name) {
  if (name == "instanceType") return attribute_value(i.instance_type);
  if (name == "userData") return i.user_data.empty() ? nlohmann::json::object() : attribute_value(i.user_data);
  if (name == "disableApiTermination") return attribute_value(i.disable_api_termination);
  if (name == "instanceInitiatedShutdownBehavior") return attribute_value(i.shutdown_behavior);
  if (name == "rootDeviceName") return attribute_value(i.root_device_name);
  if (name == "sourceDestCheck") return attribute_value(i.source_dest_check);
  if (name == "ebsOptimized") return attribute_value(i.ebs_optimized);
  if (name == "enaSupport") return attribute_value(i.ena_support);
  if (name == "disableApiStop") return attribute_value(i.disable_api_stop);
  if (name == "sriovNetSupport") return attribute_value("simple");
  if (name == "enclaveOptions") return {{"enabled", false}};
  if (name == "productCodes") return nlohmann::json::array();
  if (name == "groupSet") {
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& g : i.security_groups) groups.push_back({{"groupId", g.id}, {"groupName", g.name}});
    return groups;
  }
  if (name == "blockDeviceMapping") {
    return nlohmann::json::array({{{"deviceName", i.root_device_name},
                                   {"ebs",
                                    {{"volumeId", i.root_volume_id},
                                     {"status", "attached"},
                                     {"attachTime", iso8601_millis(i.launch_time)},
                                     {"deleteOnTermination", i.root_delete_on_termination}}}}});
  }
  return nlohmann::json::object();  // kernel, ramdisk: emulated instances have none
}

Result<Ec2Instance*> one_instance(Ec2RegionState& state, const nlohmann::json& params) {
  const auto id = param_string(params, "InstanceId");
  if (!id) return ec2_missing_parameter("InstanceId");
  if (!is_ec2_resource_id(*id, "i")) return malformed_instance_id(*id);
  auto* instance = state.find(*id);
  if (!instance) return instances_not_found({*id});
  return instance;
}

// One change ModifyInstanceAttribute asks for: the attribute and its new value (a string, or a list of group ids).
struct AttributeChange {
  std::string name;
  nlohmann::json value;
};

// The structures the model names one member per attribute ({Value}); GroupId.N and BlockDeviceMapping.N are lists.
constexpr std::pair<std::string_view, std::string_view> kModifyMembers[] = {
    {"InstanceType", "instanceType"},
    {"UserData", "userData"},
    {"DisableApiTermination", "disableApiTermination"},
    {"InstanceInitiatedShutdownBehavior", "instanceInitiatedShutdownBehavior"},
    {"SourceDestCheck", "sourceDestCheck"},
    {"EbsOptimized", "ebsOptimized"},
    {"EnaSupport", "enaSupport"},
    {"DisableApiStop", "disableApiStop"},
    {"SriovNetSupport", "sriovNetSupport"},
    {"Kernel", "kernel"},
    {"Ramdisk", "ramdisk"},
    {"GroupId", "groupSet"},
    {"BlockDeviceMapping", "blockDeviceMapping"}};

Result<AttributeChange> read_attribute_change(const nlohmann::json& params) {
  std::vector<AttributeChange> changes;
  if (const auto attribute = param_string(params, "Attribute")) {
    if (!is_attribute_name(*attribute)) return ec2_invalid_value("Attribute", *attribute);
    const auto value = param_string(params, "Value");
    if (!value) return ec2_missing_parameter("Value");
    changes.push_back({*attribute, *value});
  }
  for (const auto& [member, name] : kModifyMembers) {
    const auto* given = param(params, member);
    if (!given) continue;
    if (given->is_object()) {
      const auto value = param_string(*given, "Value");
      if (!value) return ec2_missing_parameter(std::string(member) + ".Value");
      changes.push_back({std::string(name), *value});
    } else {
      changes.push_back({std::string(name), *given});
    }
  }
  if (changes.empty()) return ec2_missing_parameter("Attribute");
  if (changes.size() > 1) {
    return ec2_error("InvalidParameterCombination", "Fields for multiple attribute types specified: " +
                                                        changes[0].name + ", " + changes[1].name);
  }
  return changes.front();
}

std::optional<ApiError> read_bool_value(const AttributeChange& change, bool& out) {
  const std::string text = change.value.is_string() ? change.value.get<std::string>() : change.value.dump();
  if (text != "true" && text != "false") return ec2_invalid_value(change.name, text);
  out = text == "true";
  return std::nullopt;
}

std::optional<ApiError> require_stopped(const Ec2Instance& i) {
  if (i.state == Ec2InstanceState::kStopped) return std::nullopt;
  return ec2_error("IncorrectInstanceState", "The instance '" + i.id + "' is not in the 'stopped' state.");
}

std::optional<ApiError> set_instance_type(Ec2Instance& i, const std::string& type, const Ec2Settings& settings) {
  if (auto e = require_stopped(i)) return e;
  const auto* entry = settings.find_instance_type(type);
  if (!entry) return ec2_invalid_value("InstanceType", type);
  const auto& archs = entry->architectures;
  if (std::find(archs.begin(), archs.end(), i.architecture) == archs.end()) {
    return ec2_error("InvalidParameterValue", "The instance type '" + type + "' does not support the architecture '" +
                                                  i.architecture + "' of the instance's AMI.");
  }
  i.instance_type = type;
  return std::nullopt;
}

std::optional<ApiError> set_groups(Ec2Instance& i, const nlohmann::json& value, const Ec2Scope& scope) {
  if (!value.is_array() || value.empty()) return ec2_missing_parameter("GroupId");
  const std::string default_id = default_security_group_id(scope.account, scope.region.name);
  std::vector<Ec2SecurityGroup> groups;
  for (const auto& id : value) {
    const std::string text = id.is_string() ? id.get<std::string>() : id.dump();
    if (!is_ec2_resource_id(text, "sg")) {
      return ec2_error("InvalidGroupId.Malformed", "Invalid id: \"" + text + "\" (expecting \"sg-...\")");
    }
    groups.push_back({text, text == default_id ? "default" : ""});
  }
  i.security_groups = std::move(groups);
  return std::nullopt;
}

// BlockDeviceMapping.N {DeviceName, Ebs {DeleteOnTermination}}: only the root device exists.
std::optional<ApiError> set_block_devices(Ec2Instance& i, const nlohmann::json& value) {
  if (!value.is_array()) return ec2_missing_parameter("BlockDeviceMapping");
  for (const auto& mapping : value) {
    const std::string device = param_string(mapping, "DeviceName").value_or("");
    if (device != i.root_device_name) {
      return ec2_error("InvalidInstanceAttributeValue", "No device is currently mapped at " + device);
    }
    const auto* ebs = param(mapping, "Ebs");
    bool flag = i.root_delete_on_termination;
    if (ebs) {
      if (auto e = read_flag(*ebs, "DeleteOnTermination", flag)) return e;
    }
    i.root_delete_on_termination = flag;
  }
  return std::nullopt;
}

// Checks the change, and applies it when `apply` (after the DryRun check).
std::optional<ApiError> change_attribute(Ec2Instance& i, const AttributeChange& c, const Ec2Scope& scope, bool apply) {
  Ec2Instance copy = i;
  Ec2Instance& target = apply ? i : copy;
  const std::string text = c.value.is_string() ? c.value.get<std::string>() : "";
  const auto flag = [&](bool& field) { return read_bool_value(c, field); };
  if (target.state == Ec2InstanceState::kTerminated || target.state == Ec2InstanceState::kShuttingDown) {
    return ec2_error("IncorrectInstanceState",
                     "The instance '" + target.id + "' is not in a state from which its attributes can be modified.");
  }
  if (c.name == "instanceType") return set_instance_type(target, text, scope.settings);
  if (c.name == "userData") {
    if (auto e = require_stopped(target)) return e;
    target.user_data = text;
    return std::nullopt;
  }
  if (c.name == "disableApiTermination") return flag(target.disable_api_termination);
  if (c.name == "disableApiStop") return flag(target.disable_api_stop);
  if (c.name == "sourceDestCheck") return flag(target.source_dest_check);
  if (c.name == "ebsOptimized" || c.name == "enaSupport") {
    if (auto e = require_stopped(target)) return e;
    return flag(c.name == "ebsOptimized" ? target.ebs_optimized : target.ena_support);
  }
  if (c.name == "instanceInitiatedShutdownBehavior") {
    if (text != "stop" && text != "terminate") return ec2_invalid_value("InstanceInitiatedShutdownBehavior", text);
    target.shutdown_behavior = text;
    return std::nullopt;
  }
  if (c.name == "groupSet") return set_groups(target, c.value, scope);
  if (c.name == "blockDeviceMapping") return set_block_devices(target, c.value);
  return ec2_error("InvalidParameterValue", "Modifying the attribute '" + c.name + "' is not supported.");
}

}  // namespace

ApiResult describe_instance_attribute(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto attribute = param_string(request.params, "Attribute");
  if (!attribute) return ec2_missing_parameter("Attribute");
  if (!is_attribute_name(*attribute)) return ec2_invalid_value("Attribute", *attribute);
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             auto instance = one_instance(state, request.params);
                             if (!instance) return instance.error();
                             if (auto e = check_dry_run(request.params)) return *e;
                             ApiResponse response;
                             response.body["instanceId"] = (*instance)->id;
                             response.body[*attribute] = instance_attribute_json(**instance, *attribute);
                             return response;
                           });
}

ApiResult modify_instance_attribute(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto change = read_attribute_change(request.params);
  if (!change) return change.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             auto instance = one_instance(state, request.params);
                             if (!instance) return instance.error();
                             if (auto e = change_attribute(**instance, *change, scope, false)) return *e;
                             if (auto e = check_dry_run(request.params)) return *e;
                             if (auto e = change_attribute(**instance, *change, scope, true)) return *e;
                             ApiResponse response;
                             response.body["return"] = true;
                             return response;
                           });
}

}  // namespace chokepoint
