// AWS::EC2::Instance through EC2's RunInstances / TerminateInstances, waiting on DescribeInstances until the
// instance is running or terminated. Tag changes apply in place (CreateTags / DeleteTags); any other change
// replaces the instance (the emulated EC2 has no ModifyInstanceAttribute to change one in place).
#include <memory>
#include <set>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/ec2_instance_requests.hpp"
#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;
using Verdict = ChainTask::Verdict;

constexpr std::string_view kNotFound = "InvalidInstanceID.NotFound";

struct InstanceState {
  std::string id;
  json attributes = json::object();
  int polls = 0;
};

json id_list(const std::string& id) {
  return json::array({id});
}

// DescribeInstances until the instance reaches `target`; `gone_ok`: a missing instance counts as reached.
void wait_for_state(ChainTask& task, std::shared_ptr<InstanceState> state, std::string target, bool gone_ok,
                    const std::string& token) {
  task.then(
      [state] {
        return ProviderStep::call("ec2", "DescribeInstances", {{"InstanceId", id_list(state->id)}});
      },
      [state, target, gone_ok, token](const CallOutcome& outcome, std::string& reason) {
        const ApiError* e = error_of(outcome);
        if (e && e->code == kNotFound) {
          if (gone_ok) return Verdict::kNext;
          if (++state->polls < kMaxStatusPolls) return Verdict::kRepeat;  // not visible yet
        }
        if (e) {
          reason = handler_failure_reason(outcome, token);
          return Verdict::kFail;
        }
        const json instance = first_instance(std::get<ApiResponse>(outcome.result).tree());
        const std::string current = instance_state(instance);
        if (!instance.is_null()) state->attributes = instance_attributes(instance);
        if (current == target || (gone_ok && instance.is_null())) return Verdict::kNext;
        // Transitional states, and any state a terminate has not yet moved the instance out of.
        const bool moving =
            current == "pending" || current == "shutting-down" || (target == "terminated" && !current.empty());
        if (moving && ++state->polls < kMaxStatusPolls) return Verdict::kRepeat;
        reason = "Instance " + state->id + " failed to stabilize. Current state: " + current + ".";
        return Verdict::kFail;
      });
}

void add_call(ChainTask& task, std::string operation, json request, const std::string& token,
              std::vector<std::string> ok_codes = {}) {
  task.then(
      [operation, request]() -> std::optional<ProviderStep> {
        if (request.is_null()) return std::nullopt;
        return ProviderStep::call("ec2", operation, request);
      },
      fail_on_error(token, std::move(ok_codes)));
}

// CreateTags and DeleteTags requests for an update (null when not needed).
std::pair<json, json> instance_tag_requests(const std::string& id, const json& before, const json& after) {
  const TagChanges changes = tag_changes(before, after);
  json removed = json::array();
  for (const auto& key : changes.removed) removed.push_back({{"Key", key}});
  return {changes.set.empty() ? json() : json{{"ResourceId", id_list(id)}, {"Tag", changes.set}},
          removed.empty() ? json() : json{{"ResourceId", id_list(id)}, {"Tag", removed}}};
}

std::unique_ptr<ChainTask> finishing_task(const ResourceRequest& request, std::shared_ptr<InstanceState> state) {
  auto task = std::make_unique<ChainTask>(request.poll_interval,
                                          [state] { return ProviderStep::succeeded(state->id, state->attributes); });
  task->report_physical_id([state] { return state->id; });
  return task;
}

class Ec2InstanceProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::EC2::Instance"; }
  bool has_attribute(const std::string& attribute) const override {
    static const std::set<std::string> kAttributes = {
        "AvailabilityZone", "PrivateDnsName", "PrivateIp", "PublicDnsName", "PublicIp", "InstanceId", "VpcId"};
    return kAttributes.count(attribute) != 0;
  }
  std::string requires_recreation(const std::string& property) const override {
    return property == "Tags" ? "Never" : "Always";
  }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    if (!prop_string(request.properties, "ImageId") && !request.properties.contains("LaunchTemplate")) {
      return failed_task(property_validation_failure("The property {/ImageId} is required"));
    }
    auto state = std::make_shared<InstanceState>();
    const std::string token = request.request_token;
    json props = request.properties;
    if (const json tags = creation_tags(props, request); !tags.empty()) props["Tags"] = tags;
    const json run = run_instances_request(props, token.substr(0, 64));
    auto task = finishing_task(request, state);
    task->then([run] { return ProviderStep::call("ec2", "RunInstances", run); },
               [state, token](const CallOutcome& outcome, std::string& reason) {
                 if (error_of(outcome)) {
                   reason = handler_failure_reason(outcome, token);
                   return Verdict::kFail;
                 }
                 const json instance = first_instance(std::get<ApiResponse>(outcome.result).tree());
                 state->id =
                     instance.is_object() ? scalar_string(instance.value("instanceId", json(""))).value_or("") : "";
                 if (!state->id.empty()) return Verdict::kNext;
                 reason = "RunInstances returned no instance";
                 return Verdict::kFail;
               });
    wait_for_state(*task, state, "running", false, token);
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    auto state = std::make_shared<InstanceState>();
    state->id = request.physical_id;
    state->attributes = request.attributes;
    const std::string token = request.request_token;
    auto task = finishing_task(request, state);
    const auto [create_tags, delete_tags] = instance_tag_requests(state->id, request.previous_properties, request.properties);
    add_call(*task, "CreateTags", create_tags, token);
    add_call(*task, "DeleteTags", delete_tags, token);
    return task;
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    auto state = std::make_shared<InstanceState>();
    state->id = request.physical_id;
    const std::string token = request.request_token;
    auto task = finishing_task(request, state);
    add_call(*task, "TerminateInstances", {{"InstanceId", id_list(state->id)}}, token, {std::string(kNotFound)});
    wait_for_state(*task, state, "terminated", true, token);
    return task;
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_ec2_instance_provider() {
  return std::make_unique<Ec2InstanceProvider>();
}

}  // namespace chokepoint
