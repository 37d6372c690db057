#pragma once
// Finding a launch template by id or name, and one of its versions by number, $Latest or $Default, with the
// errors EC2 answers when they do not exist.
#include <string>

#include "protocol/result.hpp"
#include "services/ec2/ec2_store.hpp"

namespace chokepoint {

Ec2LaunchTemplate* find_launch_template(Ec2RegionState& state, const std::string& id);
Ec2LaunchTemplate* find_launch_template_by_name(Ec2RegionState& state, const std::string& name);

ApiError launch_template_id_not_found(const std::string& id);
ApiError launch_template_name_not_found(const std::string& name);

// The template `owner` names with LaunchTemplateId or LaunchTemplateName (exactly one of them).
Result<Ec2LaunchTemplate*> named_launch_template(Ec2RegionState& state, const nlohmann::json& owner);

// The version `version` names: a number, "$Latest" or "$Default".
Result<const Ec2LaunchTemplateVersion*> launch_template_version(const Ec2LaunchTemplate& t,
                                                                const std::string& version);

}  // namespace chokepoint
