#pragma once
// RunInstances with LaunchTemplate {LaunchTemplateId | LaunchTemplateName, Version}: the template version's
// data supplies defaults that the call's own parameters override, as EC2 documents it ("any parameters that you
// specify in RunInstances override the same parameters in the launch template",
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html). The merge happens before the
// launch specification is read, so the launch is validated exactly as if the call had carried every parameter.
#include <string>

#include "protocol/result.hpp"
#include "services/ec2/ec2_store.hpp"
#include "services/ec2/ec2_tags.hpp"

namespace chokepoint {

struct Ec2TemplateLaunch {
  nlohmann::json params;     // RunInstances' parameters with the template's data merged in
  std::string template_id;   // empty when the call names no template
  long long version = 0;     // the version launched from
};

// The call's parameters merged with the template version it names; unchanged without LaunchTemplate.
// EC2's not-found errors for a template or version that does not exist.
Result<Ec2TemplateLaunch> merge_launch_template(Ec2RegionState& state, const nlohmann::json& params);

// The tags EC2 puts on an instance launched from a template: aws:ec2launchtemplate:id and :version.
void add_launch_template_tags(const Ec2TemplateLaunch& launch, Ec2TagList& instance_tags);

}  // namespace chokepoint
