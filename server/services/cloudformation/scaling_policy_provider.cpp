// AWS::ApplicationAutoScaling::ScalingPolicy through Application Auto Scaling's PutScalingPolicy (create and update:
// putting a policy again replaces its configuration) and DeleteScalingPolicy. The target is named either by
// ScalingTargetId (a ScalableTarget's Ref) or by ResourceId, ScalableDimension and ServiceNamespace. Ref and
// Fn::GetAtt Arn are the policy's ARN.
// (docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-applicationautoscaling-scalingpolicy.html)
#include <cstdlib>
#include <memory>

#include "common/strings.hpp"
#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/forwarded_support.hpp"
#include "services/cloudformation/provider_support.hpp"
#include "services/cloudformation/scaling_target_id.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

ScalingTargetId policy_target(const json& props) {
  if (auto id = prop_string(props, "ScalingTargetId")) return parse_scaling_target_id(*id);
  return ScalingTargetId{prop_string(props, "ResourceId").value_or(""),
                         prop_string(props, "ScalableDimension").value_or(""),
                         prop_string(props, "ServiceNamespace").value_or("")};
}

std::optional<std::string> scaling_policy_problem(const json& props) {
  for (const char* key : {"PolicyName", "PolicyType"}) {
    if (!prop_string(props, key))
      return property_validation_failure(std::string("The property {/") + key + "} is required");
  }
  const ScalingTargetId target = policy_target(props);
  if (target.resource_id.empty() || target.scalable_dimension.empty() || target.service_namespace.empty()) {
    return property_validation_failure(
        "ScalingTargetId, or ResourceId, ScalableDimension and ServiceNamespace, must name the scalable target");
  }
  return std::nullopt;
}

// A number given as text ("70.5"); nullopt unless all of it is one.
std::optional<double> number_in_text(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

// Template values arrive as text where the API takes numbers and booleans ("70", "true"): the API's types.
json target_tracking_configuration(const json& config) {
  json out = json::object();
  for (const auto& [key, value] : config.items()) {
    const auto text = prop_string(config, key);
    long long whole = 0;
    if (key == "TargetValue" && value.is_string() && number_in_text(*text)) {
      out[key] = *number_in_text(*text);
    } else if ((key == "ScaleInCooldown" || key == "ScaleOutCooldown") && text && parse_int64(*text, whole)) {
      out[key] = whole;
    } else if (key == "DisableScaleIn" && text) {
      out[key] = *text == "true";
    } else {
      out[key] = value;
    }
  }
  return out;
}

json put_policy_params(const json& props) {
  const ScalingTargetId target = policy_target(props);
  json p = {{"PolicyName", *prop_string(props, "PolicyName")},
            {"PolicyType", *prop_string(props, "PolicyType")},
            {"ServiceNamespace", target.service_namespace},
            {"ResourceId", target.resource_id},
            {"ScalableDimension", target.scalable_dimension}};
  if (props.contains("TargetTrackingScalingPolicyConfiguration")) {
    p["TargetTrackingScalingPolicyConfiguration"] =
        target_tracking_configuration(props["TargetTrackingScalingPolicyConfiguration"]);
  }
  if (props.contains("StepScalingPolicyConfiguration")) {
    p["StepScalingPolicyConfiguration"] = props["StepScalingPolicyConfiguration"];
  }
  return p;
}

class ScalingPolicyProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::ApplicationAutoScaling::ScalingPolicy"; }
  bool has_attribute(const std::string& attribute) const override { return attribute == "Arn"; }
  std::string requires_recreation(const std::string& property) const override {
    return property == "PolicyName" || property == "ScalingTargetId" || property == "ResourceId" ||
                   property == "ScalableDimension" || property == "ServiceNamespace"
               ? "Always"
               : "Never";
  }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override { return put(std::move(request)); }
  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override { return put(std::move(request)); }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    const json& props = request.properties;
    const ScalingTargetId target = policy_target(props);
    return one_call_delete(request, "application-autoscaling", "DeleteScalingPolicy",
                           {{"PolicyName", prop_string(props, "PolicyName").value_or("")},
                            {"ServiceNamespace", target.service_namespace},
                            {"ResourceId", target.resource_id},
                            {"ScalableDimension", target.scalable_dimension}},
                           {"ObjectNotFoundException"});
  }

 private:
  static std::unique_ptr<ResourceTask> put(ResourceRequest request) {
    if (auto problem = scaling_policy_problem(request.properties)) return failed_task(*problem);
    auto arn = std::make_shared<std::string>();
    auto task = std::make_unique<ChainTask>(request.poll_interval, [arn] {
      return ProviderStep::succeeded(*arn, json{{"Arn", *arn}});
    });
    task->report_physical_id([arn] { return *arn; });
    task->then(
        [params = put_policy_params(request.properties)] {
          return ProviderStep::call("application-autoscaling", "PutScalingPolicy", params);
        },
        [arn, check = fail_on_error(request.request_token)](const CallOutcome& outcome, std::string& reason) {
          *arn = answer_text(outcome, {"PolicyARN"});
          return check(outcome, reason);
        });
    return task;
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_scaling_policy_provider() {
  return std::make_unique<ScalingPolicyProvider>();
}

}  // namespace chokepoint
