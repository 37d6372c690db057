// AWS::EC2::LaunchTemplate through CreateLaunchTemplate / DeleteLaunchTemplate. A change of LaunchTemplateData
// or VersionDescription makes a new version the default (CreateLaunchTemplateVersion, ModifyLaunchTemplate), as
// CloudFormation does; a new name replaces the template. Ref is the template id; Fn::GetAtt gives
// LaunchTemplateId, DefaultVersionNumber and LatestVersionNumber
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-launchtemplate.html).
#include <algorithm>
#include <memory>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/ec2_provider_steps.hpp"
#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// Launch template names: at most 128 characters.
constexpr size_t kMaxGeneratedTemplateName = 128;

struct TemplateState {
  std::string id;
  json attributes = json::object();
};

// The attributes of a LaunchTemplate answer (CreateLaunchTemplate, ModifyLaunchTemplate).
bool read_template(const json& answer, TemplateState& state, std::string& reason) {
  const json t = answer.value("launchTemplate", json::object());
  state.id = scalar_string(t.value("launchTemplateId", json(""))).value_or("");
  if (state.id.empty()) {
    reason = "The launch template answer names no template";
    return false;
  }
  const auto number = [&](const char* key) {
    const auto text = scalar_string(t.value(key, json("1"))).value_or("1");
    return std::stoll(text);
  };
  state.attributes = {{"LaunchTemplateId", state.id},
                      {"DefaultVersionNumber", std::to_string(number("defaultVersionNumber"))},
                      {"LatestVersionNumber", std::to_string(number("latestVersionNumber"))}};
  return true;
}

json template_tags(const json& props) {
  json tags = json::array();
  for (const auto& spec : props.value("TagSpecifications", json::array())) {
    if (prop_string(spec, "ResourceType").value_or("launch-template") != "launch-template") continue;
    for (const auto& tag : tag_list(spec.value("Tags", json::array()))) tags.push_back(tag);
  }
  return tags;
}

std::unique_ptr<ChainTask> template_finishing_task(const ResourceRequest& request, std::shared_ptr<TemplateState> state) {
  auto task = std::make_unique<ChainTask>(request.poll_interval,
                                          [state] { return ProviderStep::succeeded(state->id, state->attributes); });
  task->report_physical_id([state] { return state->id; });
  return task;
}

class Ec2LaunchTemplateProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::EC2::LaunchTemplate"; }
  bool has_attribute(const std::string& attribute) const override {
    return attribute == "LaunchTemplateId" || attribute == "DefaultVersionNumber" ||
           attribute == "LatestVersionNumber";
  }
  std::string requires_recreation(const std::string& property) const override {
    return property == "LaunchTemplateData" || property == "VersionDescription" ? "Never" : "Always";
  }
  std::string name_property() const override { return "LaunchTemplateName"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    if (!request.properties.contains("LaunchTemplateData")) {
      return failed_task(property_validation_failure("The property {/LaunchTemplateData} is required"));
    }
    const json& props = request.properties;
    json create = {{"LaunchTemplateName", prop_string(props, "LaunchTemplateName")
                                              .value_or(generated_name(request, kMaxGeneratedTemplateName))},
                   {"LaunchTemplateData", launch_template_data_request(props["LaunchTemplateData"])}};
    if (auto description = prop_string(props, "VersionDescription")) create["VersionDescription"] = *description;
    json tags = template_tags(props);
    for (const auto& tag : creation_tags(json{{"Tags", tags}}, request)) {
      if (std::none_of(tags.begin(), tags.end(), [&](const json& t) { return t["Key"] == tag["Key"]; })) {
        tags.push_back(tag);
      }
    }
    if (auto spec = tag_specification("launch-template", tags); !spec.is_null()) create["TagSpecification"] = spec;
    auto state = std::make_shared<TemplateState>();
    auto task = template_finishing_task(request, state);
    task->then([create] { return ProviderStep::call("ec2", "CreateLaunchTemplate", create); },
               read_answer(request.request_token,
                           [state](const json& answer, std::string& reason) {
                             return read_template(answer, *state, reason);
                           }));
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    auto state = std::make_shared<TemplateState>();
    state->id = request.physical_id;
    state->attributes = request.attributes;
    const json& props = request.properties;
    json version = {{"LaunchTemplateId", state->id},
                    {"LaunchTemplateData", launch_template_data_request(props.value("LaunchTemplateData", json()))}};
    if (auto description = prop_string(props, "VersionDescription")) version["VersionDescription"] = *description;
    auto number = std::make_shared<std::string>();
    auto task = template_finishing_task(request, state);
    task->then([version] { return ProviderStep::call("ec2", "CreateLaunchTemplateVersion", version); },
               read_answer(request.request_token, [number](const json& answer, std::string&) {
                 const json v = answer.value("launchTemplateVersion", json::object());
                 *number = scalar_string(v.value("versionNumber", json(""))).value_or("");
                 return true;
               }));
    task->then(
        [state, number] {
          return ProviderStep::call("ec2", "ModifyLaunchTemplate",
                                    {{"LaunchTemplateId", state->id}, {"SetDefaultVersion", *number}});
        },
        read_answer(request.request_token, [state](const json& answer, std::string& reason) {
          return read_template(answer, *state, reason);
        }));
    return task;
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    auto state = std::make_shared<TemplateState>();
    state->id = request.physical_id;
    auto task = template_finishing_task(request, state);
    task->then([state] { return ProviderStep::call("ec2", "DeleteLaunchTemplate", {{"LaunchTemplateId", state->id}}); },
               fail_on_error(request.request_token, {"InvalidLaunchTemplateId.NotFound"}));
    return task;
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_ec2_launch_template_provider() {
  return std::make_unique<Ec2LaunchTemplateProvider>();
}

}  // namespace chokepoint
