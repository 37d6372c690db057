// AWS::IAM::Role through the upstream, as CloudFormation's resource handler does it: CreateRole, then
// AttachRolePolicy for each of ManagedPolicyArns and PutRolePolicy for each of Policies; on delete, every
// attached managed policy is detached and every inline policy deleted (ListAttachedRolePolicies,
// ListRolePolicies) before DeleteRole. Ref is the role name.
#include <memory>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/forwarded_support.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

struct IamRoleState {
  std::string arn, role_id;
  std::vector<std::string> pending;  // delete: what the current link still has to detach or delete
};

json iam_role_result(const IamRoleState& state) {
  return {{"Arn", state.arn}, {"RoleId", state.role_id}};
}

json iam_create_role_params(const std::string& name, const json& props, const ResourceRequest& request) {
  json p = {{"RoleName", name}, {"Path", prop_string(props, "Path").value_or("/")}};
  if (props.contains("AssumeRolePolicyDocument"))
    p["AssumeRolePolicyDocument"] = document_text(props["AssumeRolePolicyDocument"]);
  for (const char* key : {"Description", "MaxSessionDuration", "PermissionsBoundary"}) {
    if (auto value = prop_string(props, key)) p[key] = *value;
  }
  if (json tags = creation_tags(props, request); !tags.empty()) p["Tags"] = tags;
  return p;
}

// Links that attach the managed policies and put the inline ones of `props`.
void iam_then_attach(ChainTask& task, const std::string& role, const json& props, const std::string& token) {
  for (const std::string& arn : property_strings(props, "ManagedPolicyArns")) {
    task.then(
        [role, arn] {
          return ProviderStep::call("iam", "AttachRolePolicy", {{"RoleName", role}, {"PolicyArn", arn}});
        },
        fail_on_error(token));
  }
  if (!props.contains("Policies") || !props["Policies"].is_array()) return;
  for (const json& policy : props["Policies"]) {
    const std::string name = prop_string(policy, "PolicyName").value_or("");
    const std::string document = policy.contains("PolicyDocument") ? document_text(policy["PolicyDocument"]) : "{}";
    task.then(
        [role, name, document] {
          return ProviderStep::call("iam", "PutRolePolicy",
                                    {{"RoleName", role}, {"PolicyName", name}, {"PolicyDocument", document}});
        },
        fail_on_error(token));
  }
}

// A list call, then one call per item it named (`item_call`), each as a run of the same link.
void iam_then_each(ChainTask& task, const std::shared_ptr<IamRoleState>& state, ProviderStep list_call,
                   std::function<std::vector<std::string>(const CallOutcome&)> items,
                   std::function<ProviderStep(const std::string&)> item_call, const std::string& token) {
  auto listed = std::make_shared<bool>(false);
  task.then(
      [state, listed, list_call, item_call]() -> std::optional<ProviderStep> {
        if (!*listed) return list_call;
        if (state->pending.empty()) return std::nullopt;
        return item_call(state->pending.back());
      },
      [state, listed, items, ok = fail_on_error(token, {"NoSuchEntity"})](const CallOutcome& outcome,
                                                                          std::string& reason) {
        const ChainTask::Verdict verdict = ok(outcome, reason);
        if (verdict != ChainTask::Verdict::kNext) return verdict;
        if (!*listed) {
          *listed = true;
          state->pending = items(outcome);
        } else {
          state->pending.pop_back();
        }
        return state->pending.empty() ? ChainTask::Verdict::kNext : ChainTask::Verdict::kAgain;
      });
}

class IamRoleProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::IAM::Role"; }
  std::string upstream_service() const override { return "iam"; }
  bool has_attribute(const std::string& attribute) const override {
    return attribute == "Arn" || attribute == "RoleId";
  }
  std::string requires_recreation(const std::string& property) const override {
    return property == "RoleName" || property == "Path" ? "Always" : "Never";
  }
  std::string name_property() const override { return "RoleName"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    const json& props = request.properties;
    const std::string role = prop_string(props, "RoleName").value_or(generated_name(request, 64));
    auto state = std::make_shared<IamRoleState>();
    auto task = std::make_unique<ChainTask>(
        request.poll_interval, [state, role] { return ProviderStep::succeeded(role, iam_role_result(*state)); });
    task->then(
        [params = iam_create_role_params(role, props, request)] {
          return ProviderStep::call("iam", "CreateRole", params);
        },
        [state, role, check = fail_on_error(request.request_token)](const CallOutcome& outcome, std::string& reason) {
          state->arn = answer_text(outcome, {"Role", "Arn"});
          state->role_id = answer_text(outcome, {"Role", "RoleId"});
          return check(outcome, reason);
        });
    task->report_physical_id([state, role] { return state->arn.empty() ? std::string() : role; });
    iam_then_attach(*task, role, props, request.request_token);
    return task;
  }

  // Managed and inline policies follow the template: the ones it no longer names go, the others are (re)applied.
  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    const std::string role = request.physical_id;
    auto state = std::make_shared<IamRoleState>();
    state->arn = request.attributes.value("Arn", "");
    state->role_id = request.attributes.value("RoleId", "");
    auto task = std::make_unique<ChainTask>(
        request.poll_interval, [state, role] { return ProviderStep::succeeded(role, iam_role_result(*state)); });
    const std::vector<std::string> now_managed = property_strings(request.properties, "ManagedPolicyArns");
    for (const std::string& arn : property_strings(request.previous_properties, "ManagedPolicyArns")) {
      if (std::find(now_managed.begin(), now_managed.end(), arn) != now_managed.end()) continue;
      task->then(
          [role, arn] {
            return ProviderStep::call("iam", "DetachRolePolicy", {{"RoleName", role}, {"PolicyArn", arn}});
          },
          fail_on_error(request.request_token, {"NoSuchEntity"}));
    }
    iam_then_attach(*task, role, request.properties, request.request_token);
    return task;
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    const std::string role = request.physical_id;
    const std::string& token = request.request_token;
    auto state = std::make_shared<IamRoleState>();
    auto task = std::make_unique<ChainTask>(request.poll_interval, [role] { return ProviderStep::succeeded(role); });
    iam_then_each(
        *task, state, ProviderStep::call("iam", "ListAttachedRolePolicies", {{"RoleName", role}}),
        [](const CallOutcome& outcome) {
          std::vector<std::string> arns;
          for (const json& p : answer_list(outcome, {"AttachedPolicies"})) arns.push_back(p.value("PolicyArn", ""));
          return arns;
        },
        [role](const std::string& arn) {
          return ProviderStep::call("iam", "DetachRolePolicy", {{"RoleName", role}, {"PolicyArn", arn}});
        },
        token);
    iam_then_each(
        *task, state, ProviderStep::call("iam", "ListRolePolicies", {{"RoleName", role}}),
        [](const CallOutcome& outcome) {
          std::vector<std::string> names;
          for (const json& name : answer_list(outcome, {"PolicyNames"})) {
            if (name.is_string()) names.push_back(name.get<std::string>());
          }
          return names;
        },
        [role](const std::string& name) {
          return ProviderStep::call("iam", "DeleteRolePolicy", {{"RoleName", role}, {"PolicyName", name}});
        },
        token);
    task->then(
        [role] {
          return ProviderStep::call("iam", "DeleteRole", {{"RoleName", role}});
        },
        fail_on_error(token, {"NoSuchEntity"}));
    return task;
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_iam_role_provider() {
  return std::make_unique<IamRoleProvider>();
}

}  // namespace chokepoint
