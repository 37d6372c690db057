#include "services/ec2/ec2_run_instances.hpp"

#include <algorithm>

#include "services/ec2/ec2_catalogs.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_image_create.hpp"
#include "services/ec2/ec2_key_pairs.hpp"
#include "services/ec2/ec2_launch_spec.hpp"
#include "services/ec2/ec2_launch_template_merge.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_throttle.hpp"
#include "services/ec2/ec2_vcpu_limits.hpp"
#include "services/ec2/ec2_vpc_placement.hpp"
#include "services/ec2/ec2_vpc_views.hpp"

namespace chokepoint {

namespace {

void add_tags(Ec2Tags& target, const Ec2TagList& tags) {
  for (const auto& [key, value] : tags) target[key] = value;
}

Ec2Instance make_instance(const Ec2LaunchSpec& spec, const Ec2Scope& scope, Ec2RegionState& state, CallContext& ctx,
                          const std::string& reservation_id, int launch_index) {
  Ec2Instance i;
  i.id = new_resource_id(ctx, "i");
  i.reservation_id = reservation_id;
  i.owner_id = scope.account;
  i.region = scope.region.name;
  i.image_id = spec.image.id;
  i.instance_type = spec.type->name;
  i.architecture = spec.image.architecture;
  i.platform = spec.image.platform;
  i.platform_details = spec.image.platform_details;
  i.root_device_name = spec.image.root_device_name;
  i.key_name = spec.key_name;
  i.zone = spec.zone;
  i.zone_id = spec.zone_id;
  i.subnet_id = spec.subnet_id;
  i.vpc_id = spec.vpc_id;
  i.private_ip =
      !spec.private_ip.empty() ? spec.private_ip : next_private_ip(state, spec.subnet_id, spec.zone_index);
  if (maps_public_ip(state, spec.subnet_id)) i.public_ip = public_ip_for(state.next_public_address++);
  i.network_interface_id = new_resource_id(ctx, "eni");
  i.mac_address = mac_address_for(i.network_interface_id);
  i.root_volume_id = new_resource_id(ctx, "vol");
  i.client_token = spec.client_token;
  i.security_groups = spec.security_groups;
  i.launch_index = launch_index;
  i.threads_per_core = threads_per_core(*spec.type);
  i.cpu_cores = spec.type->vcpus / i.threads_per_core;
  i.ebs_optimized = spec.ebs_optimized;
  i.monitoring = spec.monitoring;
  i.disable_api_termination = spec.disable_api_termination;
  i.user_data = spec.user_data;
  i.shutdown_behavior = spec.shutdown_behavior;
  add_tags(i.tags, spec.instance_tags);
  set_state(i, Ec2InstanceState::kPending, ctx.now);
  return i;
}

ApiResult replay(Ec2RegionState& state, const Ec2ClientTokenEntry& entry, const Ec2LaunchSpec& spec,
                 const std::string& account) {
  if (entry.fingerprint != spec.fingerprint) {
    return ec2_error("IdempotentParameterMismatch",
                     "Arguments on this idempotent request are inconsistent with arguments used in previous "
                     "request(s).");
  }
  nlohmann::json instances = nlohmann::json::array();
  for (const auto& id : entry.instance_ids) {
    if (const auto* instance = state.find(id)) instances.push_back(instance_json(*instance));
  }
  ApiResponse response;
  response.body = reservation_json(entry.reservation_id, account, std::move(instances));
  return response;
}

ApiError instance_limit_exceeded(long long requested, long long limit) {
  return ec2_error("InstanceLimitExceeded",
                   "You have requested more instances (" + std::to_string(requested) +
                       ") than your current instance limit of " + std::to_string(limit) +
                       " allows for the specified instance type. Please visit "
                       "http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.");
}

ApiResult launch(Ec2RegionState& state, const Ec2LaunchSpec& spec, const Ec2Scope& scope, const ApiRequest& request,
                 CallContext& ctx) {
  if (!spec.client_token.empty()) {
    const auto it = state.client_tokens.find(spec.client_token);
    if (it != state.client_tokens.end()) return replay(state, it->second, spec, scope.account);
  }
  const long long room = scope.settings.max_instances - static_cast<long long>(state.live_count());
  if (room < spec.min_count) return instance_limit_exceeded(spec.min_count, scope.settings.max_instances);
  auto fit = instances_within_vcpu_limit(state, scope, ctx, *spec.type, spec.min_count, std::min(spec.max_count, room));
  if (!fit) return fit.error();
  const long long count = *fit;
  if (auto e = take_instance_tokens(request, ctx, static_cast<size_t>(count))) return *e;

  const std::string reservation_id = new_resource_id(ctx, "r");
  Ec2ClientTokenEntry token{spec.fingerprint, reservation_id, {}};
  nlohmann::json instances = nlohmann::json::array();
  for (long long n = 0; n < count; ++n) {
    Ec2Instance& instance = state.add(make_instance(spec, scope, state, ctx, reservation_id, static_cast<int>(n)));
    if (!spec.volume_tags.empty()) add_tags(state.resource_tags[instance.root_volume_id], spec.volume_tags);
    if (!spec.interface_tags.empty()) add_tags(state.resource_tags[instance.network_interface_id], spec.interface_tags);
    token.instance_ids.push_back(instance.id);
    instances.push_back(instance_json(instance));
  }
  if (!spec.client_token.empty()) state.client_tokens[spec.client_token] = std::move(token);
  ApiResponse response;
  response.body = reservation_json(reservation_id, scope.account, std::move(instances));
  return response;
}

}  // namespace

ApiResult run_instances(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             auto merged = merge_launch_template(state, request.params);
                             if (!merged) return merged.error();
                             const std::string image_id = param_string(merged->params, "ImageId").value_or("");
                             auto created = settings_with_created_image(state, image_id, ctx.now, scope.settings);
                             if (!created) return created.error();
                             const Ec2Scope image_scope{scope.account, scope.region,
                                                        *created ? **created : scope.settings};
                             auto spec = read_launch_spec(merged->params, image_scope);
                             if (!spec) return spec.error();
                             add_launch_template_tags(*merged, spec->instance_tags);
                             if (!spec->key_name.empty()) {
                               if (auto e = check_key_pair_exists(state, spec->key_name)) return *e;
                             }
                             if (auto e = place_in_network(state, scope, *spec)) return *e;
                             if (auto e = check_dry_run(request.params)) return *e;
                             return launch(state, *spec, scope, request, ctx);
                           });
}

}  // namespace chokepoint
