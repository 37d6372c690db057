// Errors as the EC2 API reference's error list names them
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html): InvalidNetworkInterfaceID.NotFound,
// InvalidNetworkInterfaceID.Malformed, InvalidNetworkInterface.InUse, InvalidAttachmentID.NotFound.
#include "services/ec2/ec2_network_interfaces.hpp"

#include <algorithm>

#include "config/ec2_settings.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_instance_ids.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_pagination.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_regions.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_tags.hpp"
#include "services/ec2/ec2_vpc_placement.hpp"
#include "services/ec2/ec2_vpc_views.hpp"

namespace chokepoint {

namespace {

// Created interfaces list after every instance's primary one: their cursors start here.
constexpr uint64_t kCreatedInterfaceCursor = uint64_t{1} << 40;
constexpr int kMaxDeviceIndex = 31;

ApiError interface_not_found(const std::string& id) {
  return ec2_error("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '" + id + "' does not exist");
}

ApiError interface_in_use(const std::string& id) {
  return ec2_error("InvalidNetworkInterface.InUse", "The network interface '" + id + "' is currently in use.");
}

Result<std::string> read_interface_id(const nlohmann::json& params) {
  const auto id = param_string(params, "NetworkInterfaceId");
  if (!id) return ec2_missing_parameter("NetworkInterfaceId");
  if (!is_ec2_resource_id(*id, "eni")) {
    return ec2_error("InvalidNetworkInterfaceID.Malformed", "Invalid id: \"" + *id + "\" (expecting \"eni-...\")");
  }
  return *id;
}

// Interfaces attached to instances that have terminated: deleted with them (DeleteOnTermination) or detached.
void release_terminated_attachments(Ec2RegionState& state) {
  for (auto it = state.network_interfaces.begin(); it != state.network_interfaces.end();) {
    auto& a = it->second.attachment;
    const Ec2Instance* instance = a.id.empty() ? nullptr : state.find(a.instance_id);
    const bool gone = !a.id.empty() && (!instance || instance->state == Ec2InstanceState::kTerminated);
    if (gone && a.delete_on_termination) {
      state.resource_tags.erase(it->first);
      it = state.network_interfaces.erase(it);
      continue;
    }
    if (gone) a = Ec2InterfaceAttachment{};
    ++it;
  }
}

// The instance whose primary interface `id` is (terminated instances have none).
Ec2Instance* primary_owner(Ec2RegionState& state, const std::string& id) {
  for (auto& [_, instance] : state.instances) {
    if (instance.network_interface_id == id && instance.state != Ec2InstanceState::kTerminated) return &instance;
  }
  return nullptr;
}

// SubnetId, checked for its shape here; whether the subnet exists is checked under the store's lock.
std::optional<ApiError> read_subnet_id(const nlohmann::json& params, std::string& subnet) {
  const auto id = param_string(params, "SubnetId");
  if (!id) return ec2_missing_parameter("SubnetId");
  if (!is_ec2_resource_id(*id, "subnet")) {
    return ec2_error("InvalidSubnetID.NotFound", "The subnet ID '" + *id + "' does not exist");
  }
  subnet = *id;
  return std::nullopt;
}

Result<std::vector<Ec2SecurityGroup>> read_interface_groups(const nlohmann::json& params, const Ec2Scope& scope) {
  const std::string default_id = default_security_group_id(scope.account, scope.region.name);
  std::vector<Ec2SecurityGroup> groups;
  for (const auto& id : distinct_param_strings(params, "SecurityGroupId")) {
    if (!is_ec2_resource_id(id, "sg")) {
      return ec2_error("InvalidGroupId.Malformed", "Invalid id: \"" + id + "\" (expecting \"sg-...\")");
    }
    groups.push_back({id, id == default_id ? "default" : ""});
  }
  return groups;
}

struct NewInterface {
  Ec2NetworkInterface eni;
  Ec2TagList tags;
};

Result<NewInterface> read_new_interface(const nlohmann::json& params, const Ec2Scope& scope) {
  NewInterface n;
  if (auto e = read_subnet_id(params, n.eni.subnet_id)) return *e;
  auto groups = read_interface_groups(params, scope);
  if (!groups) return groups.error();
  n.eni.security_groups = std::move(*groups);  // none: its VPC's default group, once the subnet is known
  n.eni.description = param_string(params, "Description").value_or("");
  n.eni.private_ip = param_string(params, "PrivateIpAddress").value_or("");
  if (!n.eni.private_ip.empty() && !is_ipv4(n.eni.private_ip)) {
    return ec2_invalid_value("PrivateIpAddress", n.eni.private_ip);
  }
  auto tags = chokepoint::read_tag_specifications(params, "network-interface");
  if (!tags) return tags.error();
  n.tags = std::move(*tags);
  return n;
}

nlohmann::json tagged_json(const Ec2RegionState& state, const Ec2NetworkInterface& eni) {
  nlohmann::json j = network_interface_json(eni);
  const Ec2Tags& tags = existing_tags(state, eni.id);
  j["tagSet"] = tag_set_json(tags);
  return j;
}

}  // namespace

ApiResult create_network_interface(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const Ec2Scope scope = scope_of(request, ctx);
  auto input = read_new_interface(request.params, scope);
  if (!input) return input.error();
  if (auto e = check_dry_run(request.params)) return *e;
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             // The subnet and groups must exist, default or created; the subnet places it.
                             auto subnet = find_subnet(state, scope, input->eni.subnet_id);
                             if (!subnet) return subnet.error();
                             for (const auto& group : input->eni.security_groups) {
                               if (auto found = find_group(state, scope, group.id); !found) return found.error();
                             }
                             if (input->eni.security_groups.empty()) {
                               auto fallback = find_group_by_name(state, scope, "default", subnet->vpc_id);
                               if (!fallback) return fallback.error();
                               input->eni.security_groups.push_back({fallback->id, "default"});
                             }
                             Ec2NetworkInterface eni = std::move(input->eni);
                             uint64_t seq = 1;
                             for (const auto& [_, other] : state.network_interfaces) seq = std::max(seq, other.seq + 1);
                             eni.seq = seq;
                             eni.id = new_resource_id(ctx, "eni");
                             eni.owner_id = scope.account;
                             eni.region = scope.region.name;
                             eni.vpc_id = subnet->vpc_id;
                             eni.zone = scope.region.zones[subnet->zone_index];
                             eni.zone_id = zone_id(scope.region.name, subnet->zone_index);
                             if (eni.private_ip.empty()) {
                               eni.private_ip = next_private_ip(state, eni.subnet_id, subnet->zone_index);
                             }
                             eni.mac_address = mac_address_for(eni.id);
                             if (!input->tags.empty()) {
                               Ec2Tags& tags = tags_of(state, eni.id);
                               for (const auto& [k, v] : input->tags) tags[k] = v;
                             }
                             ApiResponse response;
                             response.body["networkInterface"] = tagged_json(state, eni);
                             state.network_interfaces.emplace(eni.id, std::move(eni));
                             return response;
                           });
}

ApiResult describe_network_interfaces(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto ids = distinct_param_strings(request.params, "NetworkInterfaceId");
  auto filters = read_filters(
      request.params, [](std::string_view name) { return is_network_interface_filter(name) || is_tag_filter(name); });
  if (!filters) return filters.error();
  auto page = read_page(request.params, 5, 1000);
  if (!page) return page.error();
  if (auto e = check_dry_run(request.params)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        release_terminated_attachments(state);
        std::vector<std::pair<uint64_t, Ec2NetworkInterface>> all;
        for (const auto& [seq, instance] : state.instances) {
          if (instance.state != Ec2InstanceState::kTerminated) all.emplace_back(seq, primary_interface_of(instance));
        }
        for (const auto& [_, eni] : state.network_interfaces) all.emplace_back(kCreatedInterfaceCursor + eni.seq, eni);
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& id : ids) {
          if (std::none_of(all.begin(), all.end(), [&](const auto& e) { return e.second.id == id; })) {
            return interface_not_found(id);
          }
        }
        ApiResponse response;
        auto& out = response.body["networkInterfaceSet"] = nlohmann::json::array();
        const auto keep = [&](const std::pair<uint64_t, Ec2NetworkInterface>& entry) {
          const Ec2NetworkInterface& eni = entry.second;
          if (!ids.empty() && std::find(ids.begin(), ids.end(), eni.id) == ids.end()) return false;
          const Ec2Tags& tags = existing_tags(state, eni.id);
          return filters_match(*filters, [&](const std::string& name) {
            return is_tag_filter(name) ? tag_filter_values(tags, name) : network_interface_filter_values(eni, name);
          });
        };
        const auto emit = [&](const std::pair<uint64_t, Ec2NetworkInterface>& entry) {
          out.push_back(tagged_json(state, entry.second));
        };
        const std::string next = paginate(
            *page, all, [](const auto& entry) { return entry.first; }, keep, emit);
        if (!next.empty()) response.body["nextToken"] = next;
        return response;
      });
}

ApiResult attach_network_interface(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto id = read_interface_id(request.params);
  if (!id) return id.error();
  const auto instance_id = param_string(request.params, "InstanceId");
  if (!instance_id) return ec2_missing_parameter("InstanceId");
  if (!is_ec2_resource_id(*instance_id, "i")) return malformed_instance_id(*instance_id);
  std::optional<long long> device;
  if (auto e = read_integer(request.params, "DeviceIndex", device)) return *e;
  if (!device) return ec2_missing_parameter("DeviceIndex");
  if (*device < 0 || *device > kMaxDeviceIndex) return ec2_invalid_value("DeviceIndex", std::to_string(*device));
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        release_terminated_attachments(state);
        const auto it = state.network_interfaces.find(*id);
        if (it == state.network_interfaces.end()) {
          return primary_owner(state, *id) ? interface_in_use(*id) : interface_not_found(*id);
        }
        Ec2NetworkInterface& eni = it->second;
        if (!eni.attachment.id.empty()) return interface_in_use(*id);
        Ec2Instance* instance = state.find(*instance_id);
        if (!instance) return instances_not_found({*instance_id});
        if (instance->state != Ec2InstanceState::kRunning && instance->state != Ec2InstanceState::kStopped) {
          return ec2_error("IncorrectInstanceState", "The instance '" + *instance_id +
                                                         "' is not in a state from which "
                                                         "a network interface can be attached.");
        }
        bool taken = *device == 0;
        for (const auto& [_, other] : state.network_interfaces) {
          taken = taken || (other.attachment.instance_id == *instance_id && other.attachment.device_index == *device);
        }
        if (taken) {
          return ec2_error("InvalidParameterValue", "Instance '" + *instance_id +
                                                        "' already has an interface attached at device index '" +
                                                        std::to_string(*device) + "'.");
        }
        if (instance->zone != eni.zone) {
          return ec2_error("InvalidParameterCombination",
                           "You may not attach a network interface to an instance if they are not in the same "
                           "availability zone");
        }
        if (auto e = check_dry_run(request.params)) return *e;
        eni.attachment = {new_resource_id(ctx, "eni-attach"), *instance_id, static_cast<int>(*device), false, ctx.now};
        ApiResponse response;
        response.body["attachmentId"] = eni.attachment.id;
        response.body["networkCardIndex"] = 0;
        return response;
      });
}

ApiResult detach_network_interface(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto attachment = param_string(request.params, "AttachmentId");
  if (!attachment) return ec2_missing_parameter("AttachmentId");
  bool force = false;
  if (auto e = read_flag(request.params, "Force", force)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        release_terminated_attachments(state);
        for (auto& [_, eni] : state.network_interfaces) {
          if (eni.attachment.id != *attachment) continue;
          if (auto e = check_dry_run(request.params)) return *e;
          eni.attachment = Ec2InterfaceAttachment{};
          ApiResponse response;
          response.body["return"] = true;
          return response;
        }
        for (const auto& [_, instance] : state.instances) {
          if (instance.state != Ec2InstanceState::kTerminated &&
              primary_interface_of(instance).attachment.id == *attachment) {
            return ec2_error("OperationNotPermitted",
                             "The network interface at device index 0 and networkCard index 0 cannot be detached.");
          }
        }
        return ec2_error("InvalidAttachmentID.NotFound", "The attachment ID '" + *attachment + "' does not exist");
      });
}

ApiResult delete_network_interface(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto id = read_interface_id(request.params);
  if (!id) return id.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             release_terminated_attachments(state);
                             const auto it = state.network_interfaces.find(*id);
                             if (it == state.network_interfaces.end()) {
                               return primary_owner(state, *id) ? interface_in_use(*id) : interface_not_found(*id);
                             }
                             if (!it->second.attachment.id.empty()) return interface_in_use(*id);
                             if (auto e = check_dry_run(request.params)) return *e;
                             state.network_interfaces.erase(it);
                             state.resource_tags.erase(*id);
                             ApiResponse response;
                             response.body["return"] = true;
                             return response;
                           });
}

namespace {

// ModifyNetworkInterfaceAttribute's one change: Description, SourceDestCheck, SecurityGroupId.N or
// Attachment.DeleteOnTermination. A primary interface's groups and source/destination check are its instance's.
std::optional<ApiError> modify_interface(const nlohmann::json& params, const Ec2Scope& scope,
                                         std::vector<Ec2SecurityGroup>& groups, bool& source_dest_check,
                                         std::string* description, Ec2InterfaceAttachment* attachment) {
  if (const auto* d = param(params, "Description")) {
    if (description) *description = param_string(*d, "Value").value_or("");
    return std::nullopt;
  }
  if (const auto* check = param(params, "SourceDestCheck")) return read_flag(*check, "Value", source_dest_check);
  if (param(params, "SecurityGroupId")) {
    auto read = read_interface_groups(params, scope);
    if (!read) return read.error();
    groups = std::move(*read);
    return std::nullopt;
  }
  if (const auto* a = param(params, "Attachment")) {
    if (!attachment || attachment->id.empty() || param_string(*a, "AttachmentId").value_or("") != attachment->id) {
      return ec2_error("InvalidAttachmentID.NotFound",
                       "The attachment ID '" + param_string(*a, "AttachmentId").value_or("") + "' does not exist");
    }
    return read_flag(*a, "DeleteOnTermination", attachment->delete_on_termination);
  }
  return ec2_missing_parameter("Attribute");
}

}  // namespace

ApiResult modify_network_interface_attribute(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto id = read_interface_id(request.params);
  if (!id) return id.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        release_terminated_attachments(state);
        const auto it = state.network_interfaces.find(*id);
        Ec2Instance* owner = it == state.network_interfaces.end() ? primary_owner(state, *id) : nullptr;
        if (it == state.network_interfaces.end() && !owner) return interface_not_found(*id);
        Ec2NetworkInterface eni = owner ? primary_interface_of(*owner) : it->second;
        if (auto e = modify_interface(request.params, scope, eni.security_groups, eni.source_dest_check,
                                      owner ? nullptr : &eni.description, owner ? nullptr : &eni.attachment)) {
          return *e;
        }
        if (auto e = check_dry_run(request.params)) return *e;
        if (owner) {
          owner->security_groups = eni.security_groups;
          owner->source_dest_check = eni.source_dest_check;
        } else {
          it->second = std::move(eni);
        }
        ApiResponse response;
        response.body["return"] = true;
        return response;
      });
}

}  // namespace chokepoint
