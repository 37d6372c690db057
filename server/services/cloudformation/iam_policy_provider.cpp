// AWS::IAM::Policy (an inline policy) through the upstream: PutRolePolicy, PutUserPolicy and PutGroupPolicy for
// each of Roles, Users and Groups, and their deletes, as CloudFormation's resource handler makes them. Ref is an id
// CloudFormation makes up; the policy itself is known by its name on each principal.
#include <algorithm>
#include <memory>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/forwarded_support.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// Each principal kind: the template's list property, the parameter naming one, the call suffix.
struct IamPolicyHolder {
  const char* property;
  const char* parameter;
  const char* kind;
};
constexpr IamPolicyHolder kIamPolicyHolders[] = {
    {"Roles", "RoleName", "Role"}, {"Users", "UserName", "User"}, {"Groups", "GroupName", "Group"}};

// The id CloudFormation gives an inline policy: short stack and logical stems and a random part.
std::string iam_policy_id(const ResourceRequest& request) {
  const std::string stack = request.stack_name.substr(0, 5), logical = request.logical_id.substr(0, 5);
  return stack + "-" + logical + "-" + (request.ids ? request.ids->upper_alnum(12) : std::string(12, '0'));
}

void iam_policy_put(ChainTask& task, const json& props, const std::string& token) {
  const std::string name = prop_string(props, "PolicyName").value_or("");
  const std::string document = props.contains("PolicyDocument") ? document_text(props["PolicyDocument"]) : "{}";
  for (const IamPolicyHolder& holder : kIamPolicyHolders) {
    for (const std::string& principal : property_strings(props, holder.property)) {
      task.then(
          [holder, principal, name, document] {
            return ProviderStep::call(
                "iam", std::string("Put") + holder.kind + "Policy",
                {{holder.parameter, principal}, {"PolicyName", name}, {"PolicyDocument", document}});
          },
          fail_on_error(token));
    }
  }
}

// Deletes the policy from the principals of `from` that `keep` does not name (all of them without `keep`).
void iam_policy_delete(ChainTask& task, const json& from, const json* keep, const std::string& token) {
  const std::string name = prop_string(from, "PolicyName").value_or("");
  const bool same_name = keep && prop_string(*keep, "PolicyName").value_or("") == name;
  for (const IamPolicyHolder& holder : kIamPolicyHolders) {
    const std::vector<std::string> kept =
        same_name ? property_strings(*keep, holder.property) : std::vector<std::string>{};
    for (const std::string& principal : property_strings(from, holder.property)) {
      if (std::find(kept.begin(), kept.end(), principal) != kept.end()) continue;
      task.then(
          [holder, principal, name] {
            return ProviderStep::call("iam", std::string("Delete") + holder.kind + "Policy",
                                      {{holder.parameter, principal}, {"PolicyName", name}});
          },
          fail_on_error(token, {"NoSuchEntity"}));
    }
  }
}

class IamPolicyProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::IAM::Policy"; }
  std::string upstream_service() const override { return "iam"; }
  bool has_attribute(const std::string& attribute) const override { return attribute == "Id"; }
  std::string requires_recreation(const std::string&) const override { return "Never"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    if (!prop_string(request.properties, "PolicyName")) {
      return failed_task(property_validation_failure("#: required key [PolicyName] not found"));
    }
    const std::string id = iam_policy_id(request);
    auto task = std::make_unique<ChainTask>(request.poll_interval, [id] {
      return ProviderStep::succeeded(id, json{{"Id", id}});
    });
    iam_policy_put(*task, request.properties, request.request_token);
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    const std::string id = request.physical_id;
    auto task = std::make_unique<ChainTask>(request.poll_interval, [id] {
      return ProviderStep::succeeded(id, json{{"Id", id}});
    });
    iam_policy_delete(*task, request.previous_properties, &request.properties, request.request_token);
    iam_policy_put(*task, request.properties, request.request_token);
    return task;
  }

  // The principals and the name come from the template: what this resource put is what it deletes.
  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    const std::string id = request.physical_id;
    auto task = std::make_unique<ChainTask>(request.poll_interval, [id] { return ProviderStep::succeeded(id); });
    iam_policy_delete(*task, request.properties, nullptr, request.request_token);
    return task;
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_iam_policy_provider() {
  return std::make_unique<IamPolicyProvider>();
}

}  // namespace chokepoint
