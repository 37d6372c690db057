// AWS::ApplicationAutoScaling::ScalableTarget through Application Auto Scaling's RegisterScalableTarget (create and
// update; registering again changes a target in place) and DeregisterScalableTarget.
//
// Ref is "<ResourceId>|<ScalableDimension>|<ServiceNamespace>", the form AWS's resource documents and a scaling
// policy's ScalingTargetId takes; Fn::GetAtt Id gives the same.
// (docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-applicationautoscaling-scalabletarget.html)
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

constexpr const char* kScalableTargetRequired[] = {"ResourceId", "ScalableDimension", "ServiceNamespace", "MinCapacity",
                                                   "MaxCapacity"};

std::optional<std::string> scalable_target_problem(const json& props) {
  for (const char* key : kScalableTargetRequired) {
    if (!prop_string(props, key))
      return property_validation_failure(std::string("The property {/") + key + "} is required");
  }
  for (const char* key : {"MinCapacity", "MaxCapacity"}) {
    long long value = 0;
    if (!parse_int64(*prop_string(props, key), value)) {
      return property_validation_failure(std::string("#/") + key + ": expected type: Integer, found: String");
    }
  }
  return std::nullopt;
}

json register_params(const json& props) {
  long long min = 0, max = 0;
  parse_int64(*prop_string(props, "MinCapacity"), min);
  parse_int64(*prop_string(props, "MaxCapacity"), max);
  json p = {{"ServiceNamespace", *prop_string(props, "ServiceNamespace")},
            {"ResourceId", *prop_string(props, "ResourceId")},
            {"ScalableDimension", *prop_string(props, "ScalableDimension")},
            {"MinCapacity", min},
            {"MaxCapacity", max}};
  if (auto role = prop_string(props, "RoleARN")) p["RoleARN"] = *role;
  if (props.contains("SuspendedState") && props["SuspendedState"].is_object()) {
    json suspended = json::object();
    for (const char* key : {"DynamicScalingInSuspended", "DynamicScalingOutSuspended", "ScheduledScalingSuspended"}) {
      if (auto v = prop_string(props["SuspendedState"], key)) suspended[key] = *v == "true";
    }
    p["SuspendedState"] = suspended;
  }
  return p;
}

ScalingTargetId target_id_of(const json& props) {
  return ScalingTargetId{prop_string(props, "ResourceId").value_or(""),
                         prop_string(props, "ScalableDimension").value_or(""),
                         prop_string(props, "ServiceNamespace").value_or("")};
}

class ScalableTargetProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::ApplicationAutoScaling::ScalableTarget"; }
  bool has_attribute(const std::string& attribute) const override { return attribute == "Id"; }
  std::string requires_recreation(const std::string& property) const override {
    return property == "ResourceId" || property == "ScalableDimension" || property == "ServiceNamespace" ? "Always"
                                                                                                         : "Never";
  }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override { return put(std::move(request)); }
  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override { return put(std::move(request)); }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    const ScalingTargetId id = parse_scaling_target_id(request.physical_id);
    return one_call_delete(request, "application-autoscaling", "DeregisterScalableTarget",
                           {{"ServiceNamespace", id.service_namespace},
                            {"ResourceId", id.resource_id},
                            {"ScalableDimension", id.scalable_dimension}},
                           {"ObjectNotFoundException"});
  }

 private:
  static std::unique_ptr<ResourceTask> put(ResourceRequest request) {
    if (auto problem = scalable_target_problem(request.properties)) return failed_task(*problem);
    const std::string id = format_scaling_target_id(target_id_of(request.properties));
    auto task = std::make_unique<ChainTask>(request.poll_interval, [id] {
      return ProviderStep::succeeded(id, json{{"Id", id}});
    });
    task->then(
        [params = register_params(request.properties)] {
          return ProviderStep::call("application-autoscaling", "RegisterScalableTarget", params);
        },
        fail_on_error(request.request_token));
    return task;
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_scalable_target_provider() {
  return std::make_unique<ScalableTargetProvider>();
}

}  // namespace chokepoint
