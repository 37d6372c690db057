#include "services/cloudformation/ec2_network_provider.hpp"

#include <algorithm>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;
using Verdict = ChainTask::Verdict;

struct NetworkResourceState {
  std::string id;
  json attributes = json::object();
};

// Fails on an error other than the call's ok codes; then lets the call read its answer.
ChainTask::Check check_call(std::shared_ptr<NetworkResourceState> state, Ec2NetworkCall call, std::string token) {
  return [state, call, token](const CallOutcome& outcome, std::string& reason) {
    if (const ApiError* e = error_of(outcome)) {
      if (std::find(call.ok_codes.begin(), call.ok_codes.end(), e->code) != call.ok_codes.end()) return Verdict::kNext;
      reason = handler_failure_reason(outcome, token);
      return Verdict::kFail;
    }
    if (call.read) call.read(std::get<ApiResponse>(outcome.result).tree(), state->attributes);
    return Verdict::kNext;
  };
}

std::unique_ptr<ChainTask> network_task(const ResourceRequest& request, std::shared_ptr<NetworkResourceState> state) {
  auto task = std::make_unique<ChainTask>(request.poll_interval,
                                          [state] { return ProviderStep::succeeded(state->id, state->attributes); });
  task->report_physical_id([state] { return state->id; });
  return task;
}

class Ec2NetworkProvider final : public ResourceProvider {
 public:
  explicit Ec2NetworkProvider(Ec2NetworkType spec) : spec_(std::make_shared<const Ec2NetworkType>(std::move(spec))) {}

  std::string type() const override { return spec_->type; }
  bool has_attribute(const std::string& attribute) const override {
    return std::find(spec_->attributes.begin(), spec_->attributes.end(), attribute) != spec_->attributes.end();
  }
  // Tags are set at creation only: every change makes a new resource, as for properties AWS cannot change in place.
  std::string requires_recreation(const std::string&) const override { return "Always"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    for (const auto& name : spec_->required) {
      if (!request.properties.contains(name)) {
        return failed_task(property_validation_failure("The property {/" + name + "} is required"));
      }
    }
    auto state = std::make_shared<NetworkResourceState>();
    const std::string token = request.request_token;
    const json props = request.properties;
    const Ec2NetworkCall first = spec_->create(props, request);
    auto task = network_task(request, state);
    const auto spec = spec_;
    task->then([first] { return ProviderStep::call("ec2", first.operation, first.request); },
               [state, props, token, spec](const CallOutcome& outcome, std::string& reason) {
                 if (error_of(outcome)) {
                   reason = handler_failure_reason(outcome, token);
                   return Verdict::kFail;
                 }
                 const json answer = std::get<ApiResponse>(outcome.result).tree();
                 state->id = spec->physical_id(answer, props);
                 state->attributes = spec->attributes_of(answer, props);
                 return Verdict::kNext;
               });
    const size_t follow_ups = spec_->follow_ups ? spec_->follow_ups("", props).size() : 0;
    for (size_t i = 0; i < follow_ups; ++i) {
      task->then(
          [state, props, i, spec]() -> std::optional<ProviderStep> {
            const auto call = spec->follow_ups(state->id, props).at(i);
            return ProviderStep::call("ec2", call.operation, call.request);
          },
          [state, props, i, token, spec](const CallOutcome& outcome, std::string& reason) {
            return check_call(state, spec->follow_ups(state->id, props).at(i), token)(outcome, reason);
          });
    }
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    auto state = std::make_shared<NetworkResourceState>();
    state->id = request.physical_id;
    state->attributes = request.attributes;
    return network_task(request, state);
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    auto state = std::make_shared<NetworkResourceState>();
    state->id = request.physical_id;
    auto task = network_task(request, state);
    const Ec2NetworkCall call = spec_->remove(request.physical_id, request.properties);
    task->then([call] { return ProviderStep::call("ec2", call.operation, call.request); },
               check_call(state, call, request.request_token));
    return task;
  }

 private:
  // Shared with the tasks, which may outlive a reload of the provider registry.
  std::shared_ptr<const Ec2NetworkType> spec_;
};

}  // namespace

std::unique_ptr<ResourceProvider> make_ec2_network_provider(Ec2NetworkType spec) {
  return std::make_unique<Ec2NetworkProvider>(std::move(spec));
}

json network_tag_specification(const json& props, const ResourceRequest& request, const std::string& resource_type) {
  const json tags = creation_tags(props, request);
  if (tags.empty()) return json();
  return json::array({{{"ResourceType", resource_type}, {"Tag", tags}}});
}

std::string answer_text(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return "";
  return scalar_string(object[key]).value_or("");
}

}  // namespace chokepoint
