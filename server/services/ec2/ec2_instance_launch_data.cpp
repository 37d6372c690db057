// GetLaunchTemplateData: an instance's launch parameters as launch template data, built in the request form
// that templates store and answered under the response's wire names, so that the data round-trips into
// CreateLaunchTemplate.
#include "config/ec2_settings.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_instance_ids.hpp"
#include "services/ec2/ec2_launch_templates.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"

namespace chokepoint {

namespace {

nlohmann::json instance_launch_data(const Ec2Instance& i) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : i.security_groups) groups.push_back(g.id);
  nlohmann::json data = {
      {"ImageId", i.image_id},
      {"InstanceType", i.instance_type},
      {"EbsOptimized", i.ebs_optimized},
      {"Monitoring", {{"Enabled", i.monitoring}}},
      {"DisableApiTermination", i.disable_api_termination},
      {"InstanceInitiatedShutdownBehavior", i.shutdown_behavior},
      {"Placement", {{"AvailabilityZone", i.zone}, {"GroupName", ""}, {"Tenancy", "default"}}},
      {"CpuOptions", {{"CoreCount", i.cpu_cores}, {"ThreadsPerCore", i.threads_per_core}}},
      {"NetworkInterface", nlohmann::json::array({{{"AssociatePublicIpAddress", !i.public_ip.empty()},
                                                   {"DeleteOnTermination", true},
                                                   {"DeviceIndex", 0},
                                                   {"SecurityGroupId", groups},
                                                   {"SubnetId", i.subnet_id},
                                                   {"PrivateIpAddress", i.private_ip}}})},
  };
  if (!i.key_name.empty()) data["KeyName"] = i.key_name;
  if (!i.user_data.empty()) data["UserData"] = i.user_data;
  nlohmann::json tags = nlohmann::json::array();
  for (const auto& [key, value] : i.tags) {
    if (key.rfind("aws:", 0) != 0) tags.push_back({{"Key", key}, {"Value", value}});
  }
  if (!tags.empty()) data["TagSpecification"] = nlohmann::json::array({{{"ResourceType", "instance"}, {"Tag", tags}}});
  return data;
}

}  // namespace

ApiResult get_launch_template_data(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto id = param_string(request.params, "InstanceId");
  if (!id) return ec2_missing_parameter("InstanceId");
  if (!is_ec2_resource_id(*id, "i")) return malformed_instance_id(*id);
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             const Ec2Instance* instance = state.find(*id);
                             if (!instance) return instances_not_found({*id});
                             if (auto e = check_dry_run(request.params)) return *e;
                             ApiResponse response;
                             response.body["launchTemplateData"] =
                                 launch_data_response_json(instance_launch_data(*instance));
                             return response;
                           });
}

}  // namespace chokepoint
