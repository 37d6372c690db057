// Error codes and messages as EC2 answers them (quoted in public bug reports, e.g.
// https://github.com/aws/karpenter-provider-aws/pull/5665 and https://github.com/eksctl-io/eksctl/issues/7786).
#include "services/ec2/ec2_launch_template_lookup.hpp"

#include "common/strings.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"

namespace chokepoint {

Ec2LaunchTemplate* find_launch_template(Ec2RegionState& state, const std::string& id) {
  for (auto& [_, t] : state.launch_templates) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

Ec2LaunchTemplate* find_launch_template_by_name(Ec2RegionState& state, const std::string& name) {
  for (auto& [_, t] : state.launch_templates) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

ApiError launch_template_id_not_found(const std::string& id) {
  return ec2_error("InvalidLaunchTemplateId.NotFound",
                   "The specified launch template, with template ID " + id + ", does not exist.");
}

ApiError launch_template_name_not_found(const std::string& name) {
  return ec2_error("InvalidLaunchTemplateName.NotFoundException",
                   "The specified launch template, with template name " + name + ", does not exist.");
}

Result<Ec2LaunchTemplate*> named_launch_template(Ec2RegionState& state, const nlohmann::json& owner) {
  const auto id = param_string(owner, "LaunchTemplateId");
  const auto name = param_string(owner, "LaunchTemplateName");
  if (id && name) {
    return ec2_error("InvalidParameterCombination",
                     "Specify either the launch template ID or the launch template name, but not both.");
  }
  if (id) {
    if (auto* t = find_launch_template(state, *id)) return t;
    return launch_template_id_not_found(*id);
  }
  if (name) {
    if (auto* t = find_launch_template_by_name(state, *name)) return t;
    return launch_template_name_not_found(*name);
  }
  return ec2_missing_parameter("LaunchTemplateId or LaunchTemplateName");
}

Result<const Ec2LaunchTemplateVersion*> launch_template_version(const Ec2LaunchTemplate& t,
                                                                const std::string& version) {
  long long number = 0;
  if (version == "$Latest") {
    number = t.latest_version;
  } else if (version == "$Default") {
    number = t.default_version;
  } else if (!parse_int64(version, number)) {
    number = 0;
  }
  const auto it = t.versions.find(number);
  if (it != t.versions.end()) return &it->second;
  return ec2_error("InvalidLaunchTemplateId.VersionNotFound", "Could not find the specified version " + version +
                                                                  " for the launch template with ID " + t.id + ".");
}

}  // namespace chokepoint
