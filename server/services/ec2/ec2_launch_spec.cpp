#include "services/ec2/ec2_launch_spec.hpp"

#include <algorithm>

#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_regions.hpp"

namespace chokepoint {

namespace {

constexpr size_t kMaxUserDataBytes = 16384;
constexpr size_t kMaxClientTokenLength = 64;

using Check = std::optional<ApiError>;

const nlohmann::json& member(const nlohmann::json& params, std::string_view key) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  const auto* v = param(params, key);
  return v && v->is_object() ? *v : kEmpty;
}

// An AMI id that is not in the catalog, with strict_images off: launched as a Linux image of the instance type's
// architecture, the first such entry of the catalog lending it the rest of its description (test code written for
// other emulators passes ids of its own, which moto and LocalStack accept). Nullopt when the catalog has none.
std::optional<Ec2ImageEntry> stand_in_image(const std::string& id, const Ec2Settings& settings,
                                            const Ec2InstanceTypeEntry& type) {
  const auto& archs = type.architectures;
  const Ec2ImageEntry* like = nullptr;
  for (const auto& image : settings.images) {
    const bool fits = std::find(archs.begin(), archs.end(), image.architecture) != archs.end();
    if (fits && image.platform.empty()) {
      like = &image;
      break;
    }
  }
  if (!like) return std::nullopt;
  Ec2ImageEntry stand_in = *like;
  stand_in.id = id;
  stand_in.name.clear();
  stand_in.description.clear();
  return stand_in;
}

Check read_image_and_type(const nlohmann::json& params, const Ec2Settings& settings, Ec2LaunchSpec& spec) {
  const auto image_id = param_string(params, "ImageId");
  if (!image_id || image_id->empty()) return ec2_missing_parameter("ImageId");
  if (!is_ec2_resource_id(*image_id, "ami")) {
    return ec2_error("InvalidAMIID.Malformed", "Invalid id: \"" + *image_id + "\" (expecting \"ami-...\")");
  }
  const std::string type = param_string(params, "InstanceType").value_or(settings.default_instance_type);
  spec.type = settings.find_instance_type(type);
  if (!spec.type) return ec2_invalid_value("InstanceType", type);
  const Ec2ImageEntry* listed = settings.find_image(*image_id);
  auto image = listed ? std::optional(*listed) : std::nullopt;
  if (!image && !settings.strict_images) image = stand_in_image(*image_id, settings, *spec.type);
  if (!image) return ec2_error("InvalidAMIID.NotFound", "The image id '[" + *image_id + "]' does not exist");
  spec.image = std::move(*image);
  const auto& archs = spec.type->architectures;
  if (std::find(archs.begin(), archs.end(), spec.image.architecture) == archs.end()) {
    return ec2_error("InvalidParameterValue", "The architecture '" + archs.front() +
                                                  "' of the specified instance type does not match the architecture '" +
                                                  spec.image.architecture +
                                                  "' of the specified AMI. Specify an instance type and an AMI that "
                                                  "have matching architectures, and try again.");
  }
  return std::nullopt;
}

Check read_counts(const nlohmann::json& params, Ec2LaunchSpec& spec) {
  std::optional<long long> min, max;
  if (auto e = read_integer(params, "MinCount", min)) return e;
  if (auto e = read_integer(params, "MaxCount", max)) return e;
  if (!min) return ec2_missing_parameter("MinCount");
  if (!max) return ec2_missing_parameter("MaxCount");
  if (*min < 1) return ec2_invalid_value("MinCount", std::to_string(*min));
  if (*max < 1) return ec2_invalid_value("MaxCount", std::to_string(*max));
  if (*min > *max) {
    return ec2_error("InvalidParameterValue", "MinCount (" + std::to_string(*min) +
                                                  ") must be less than or equal to MaxCount (" + std::to_string(*max) +
                                                  ")");
  }
  spec.min_count = *min;
  spec.max_count = *max;
  return std::nullopt;
}

// Placement.AvailabilityZone and SubnetId. A default subnet fixes the zone; other well-formed subnet ids are
// checked against the created subnets, which fix the zone, under the store's lock (ec2_vpc_placement.hpp).
Check read_placement(const nlohmann::json& params, const Ec2Scope& scope, Ec2LaunchSpec& spec) {
  const auto& zones = scope.region.zones;
  if (zones.empty()) return ec2_error("Unsupported", "The region " + scope.region.name + " has no availability zones.");
  size_t index = 0;
  if (const auto zone = param_string(member(params, "Placement"), "AvailabilityZone")) {
    const auto it = std::find(zones.begin(), zones.end(), *zone);
    if (it == zones.end()) return ec2_error("InvalidParameterValue", "Invalid availability zone: [" + *zone + "]");
    index = static_cast<size_t>(it - zones.begin());
  }
  if (const auto subnet = param_string(params, "SubnetId")) {
    if (!is_ec2_resource_id(*subnet, "subnet")) {
      return ec2_error("InvalidSubnetID.NotFound", "The subnet ID '" + *subnet + "' does not exist");
    }
    spec.subnet_id = *subnet;
    for (size_t i = 0; i < zones.size(); ++i) {
      if (*subnet == default_subnet_id(scope.account, scope.region.name, zones[i])) index = i;
    }
  } else {
    spec.subnet_id = default_subnet_id(scope.account, scope.region.name, zones[index]);
  }
  spec.zone = zones[index];
  spec.zone_index = index;
  spec.zone_id = zone_id(scope.region.name, index);
  return std::nullopt;
}

Check read_security_groups(const nlohmann::json& params, const Ec2Scope& scope, Ec2LaunchSpec& spec) {
  const std::string default_id = default_security_group_id(scope.account, scope.region.name);
  for (const auto& id : distinct_param_strings(params, "SecurityGroupId")) {
    if (!is_ec2_resource_id(id, "sg")) {
      return ec2_error("InvalidGroupId.Malformed", "Invalid id: \"" + id + "\" (expecting \"sg-...\")");
    }
    spec.security_groups.push_back({id, id == default_id ? "default" : ""});
  }
  // Names are looked up in the subnet's VPC, and a call naming no group gets its VPC's default group, under the
  // store's lock (ec2_vpc_placement.hpp).
  for (const auto& name : distinct_param_strings(params, "SecurityGroup")) spec.security_groups.push_back({"", name});
  return std::nullopt;
}

Check check_user_data(const nlohmann::json& params) {
  const auto data = param_string(params, "UserData");
  if (!data) return std::nullopt;
  const bool alphabet =
      data->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") == std::string::npos;
  if (!alphabet || data->size() % 4 != 0)
    return ec2_error("InvalidParameterValue", "Invalid BASE64 encoding of user data.");
  const size_t padding =
      data->empty() ? 0 : std::count(data->end() - std::min<size_t>(2, data->size()), data->end(), '=');
  if (data->size() / 4 * 3 - padding > kMaxUserDataBytes) {
    return ec2_error("InvalidParameterValue", "User data is limited to 16384 bytes");
  }
  return std::nullopt;
}

Check read_options(const nlohmann::json& params, Ec2LaunchSpec& spec) {
  spec.key_name = param_string(params, "KeyName").value_or("");
  spec.client_token = param_string(params, "ClientToken").value_or("");
  if (spec.client_token.size() > kMaxClientTokenLength) {
    return ec2_error("InvalidParameterValue", "The client token must be 64 characters or fewer.");
  }
  if (auto e = read_flag(params, "EbsOptimized", spec.ebs_optimized)) return e;
  if (auto e = read_flag(params, "DisableApiTermination", spec.disable_api_termination)) return e;
  if (auto e = read_flag(member(params, "Monitoring"), "Enabled", spec.monitoring)) return e;
  if (const auto behavior = param_string(params, "InstanceInitiatedShutdownBehavior")) {
    if (*behavior != "stop" && *behavior != "terminate") {
      return ec2_invalid_value("InstanceInitiatedShutdownBehavior", *behavior);
    }
    spec.shutdown_behavior = *behavior;
  }
  if (const auto ip = param_string(params, "PrivateIpAddress")) {
    if (!is_ipv4(*ip)) return ec2_invalid_value("PrivateIpAddress", *ip);
    if (spec.max_count > 1) {
      return ec2_error("InvalidParameterCombination",
                       "Cannot specify a private IP address when launching more than one instance");
    }
    spec.private_ip = *ip;
  }
  spec.user_data = param_string(params, "UserData").value_or("");
  return check_user_data(params);
}

Check read_tag_specifications(const nlohmann::json& params, Ec2LaunchSpec& spec) {
  const auto* specs = param_list(params, "TagSpecification");
  if (!specs) return std::nullopt;
  for (const auto& entry : *specs) {
    const std::string type = param_string(entry, "ResourceType").value_or("");
    Ec2TagList* target = type == "instance"            ? &spec.instance_tags
                         : type == "volume"            ? &spec.volume_tags
                         : type == "network-interface" ? &spec.interface_tags
                                                       : nullptr;
    if (!target) {
      return ec2_error("InvalidParameterValue",
                       "'" + type + "' is not a valid taggable resource type for this operation.");
    }
    auto tags = read_tag_list(entry);
    if (!tags) return tags.error();
    for (auto& tag : *tags) target->push_back(std::move(tag));
  }
  for (const auto* list : {&spec.instance_tags, &spec.volume_tags, &spec.interface_tags}) {
    if (auto e = check_tag_count({}, *list)) return e;
  }
  return std::nullopt;
}

}  // namespace

Result<Ec2LaunchSpec> read_launch_spec(const nlohmann::json& params, const Ec2Scope& scope) {
  Ec2LaunchSpec spec;
  if (auto e = read_image_and_type(params, scope.settings, spec)) return *e;
  if (auto e = read_counts(params, spec)) return *e;
  if (auto e = read_placement(params, scope, spec)) return *e;
  if (auto e = read_security_groups(params, scope, spec)) return *e;
  if (auto e = read_options(params, spec)) return *e;
  if (auto e = read_tag_specifications(params, spec)) return *e;
  nlohmann::json fingerprint = params;
  fingerprint.erase("DryRun");
  spec.fingerprint = fingerprint.dump();
  return spec;
}

}  // namespace chokepoint
