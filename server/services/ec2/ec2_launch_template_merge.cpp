#include "services/ec2/ec2_launch_template_merge.hpp"

#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_launch_template_lookup.hpp"

namespace chokepoint {

namespace {

// The template data's member under RunInstances' name: the one member whose names differ (botocore's model,
// RequestLaunchTemplateData.RamDiskId against RunInstancesRequest.RamdiskId).
std::string run_instances_name(const std::string& key) { return key == "RamDiskId" ? "RamdiskId" : key; }

// Template data, then the call: the call's members win; the members of a structure both give (Placement,
// Monitoring, ...) are merged one level down; both sets of TagSpecifications apply, the call's last so that
// its value wins for a key both give.
nlohmann::json merged_parameters(const nlohmann::json& data, const nlohmann::json& call) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : data.items()) out[run_instances_name(key)] = value;
  for (const auto& [key, value] : call.items()) {
    if (key == "LaunchTemplate") continue;
    auto it = out.find(key);
    if (it != out.end() && it->is_object() && value.is_object()) {
      for (const auto& [member, v] : value.items()) (*it)[member] = v;
    } else if (it != out.end() && key == "TagSpecification" && it->is_array() && value.is_array()) {
      for (const auto& spec : value) it->push_back(spec);
    } else {
      out[key] = value;
    }
  }
  return out;
}

}  // namespace

Result<Ec2TemplateLaunch> merge_launch_template(Ec2RegionState& state, const nlohmann::json& params) {
  const auto* spec = param(params, "LaunchTemplate");
  if (!spec) return Ec2TemplateLaunch{params, "", 0};
  if (!spec->is_object()) return ec2_invalid_value("LaunchTemplate", spec->dump());
  auto t = named_launch_template(state, *spec);
  if (!t) return t.error();
  auto version = launch_template_version(**t, param_string(*spec, "Version").value_or("$Default"));
  if (!version) return version.error();
  return Ec2TemplateLaunch{merged_parameters((*version)->data, params), (*t)->id, (*version)->number};
}

void add_launch_template_tags(const Ec2TemplateLaunch& launch, Ec2TagList& instance_tags) {
  if (launch.template_id.empty()) return;
  instance_tags.emplace_back("aws:ec2launchtemplate:id", launch.template_id);
  instance_tags.emplace_back("aws:ec2launchtemplate:version", std::to_string(launch.version));
}

}  // namespace chokepoint
