#include "services/ec2/ec2_lifecycle.hpp"

#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_instance_ids.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_throttle.hpp"
#include "services/ec2/ec2_vcpu_limits.hpp"

namespace chokepoint {

namespace {

using State = Ec2InstanceState;

// What an action does to an instance in a given state: move it to `next`, leave it as it is, or refuse.
struct Step {
  enum Kind { kMove, kKeep, kRefuse } kind;
  State next = State::kPending;
};

struct Action {
  std::string_view verb;  // "started", for IncorrectInstanceState's message
  Step (*step)(const Ec2Instance&);
  bool takes_tokens;
  bool reports_changes;  // false: RebootInstances answers only <return>true</return>
  bool honours_termination_protection;
  bool honours_stop_protection;  // disableApiStop
  bool checks_vcpus;  // instances it turns pending must fit the On-Demand vCPU quotas
};

Step start_step(const Ec2Instance& i) {
  if (i.state == State::kStopped) return {Step::kMove, State::kPending};
  if (i.state == State::kPending || i.state == State::kRunning) return {Step::kKeep};
  return {Step::kRefuse};
}

Step stop_step(const Ec2Instance& i) {
  if (i.state == State::kRunning) return {Step::kMove, State::kStopping};
  if (i.state == State::kStopping || i.state == State::kStopped) return {Step::kKeep};
  return {Step::kRefuse};
}

Step reboot_step(const Ec2Instance& i) {
  return {i.state == State::kRunning ? Step::kKeep : Step::kRefuse};
}

Step terminate_step(const Ec2Instance& i) {
  if (i.state == State::kShuttingDown || i.state == State::kTerminated) return {Step::kKeep};
  return {Step::kMove, State::kShuttingDown};
}

std::optional<ApiError> refusal(const Action& action, const Ec2Instance& instance) {
  if (action.step(instance).kind == Step::kRefuse) {
    return ec2_error(
        "IncorrectInstanceState",
        "The instance '" + instance.id + "' is not in a state from which it can be " + std::string(action.verb) + ".");
  }
  if (action.honours_termination_protection && instance.disable_api_termination) {
    return ec2_error("OperationNotPermitted", "The instance '" + instance.id +
                                                  "' may not be terminated. Modify its 'disableApiTermination' "
                                                  "instance attribute and try again.");
  }
  if (action.honours_stop_protection && instance.disable_api_stop) {
    return ec2_error("OperationNotPermitted", "The instance '" + instance.id +
                                                  "' may not be stopped. Modify its 'disableApiStop' instance "
                                                  "attribute and try again.");
  }
  return std::nullopt;
}

ApiResult apply(Ec2RegionState& state, const Action& action, const std::vector<std::string>& ids,
                const ApiRequest& request, CallContext& ctx) {
  auto found = find_instances(state, ids);
  if (!found) return found.error();
  const auto& instances = *found;
  for (const auto* instance : instances) {
    if (auto e = refusal(action, *instance)) return *e;
  }
  if (auto e = check_dry_run(request.params)) return *e;
  if (action.checks_vcpus) {
    std::vector<const Ec2Instance*> starting;
    for (const auto* instance : instances) {
      const Step step = action.step(*instance);
      if (step.kind == Step::kMove && step.next == State::kPending) starting.push_back(instance);
    }
    if (auto e = check_vcpus_to_start(state, scope_of(request, ctx), ctx, starting)) return *e;
  }
  if (action.takes_tokens) {
    if (auto e = take_instance_tokens(request, ctx, instances.size())) return *e;
  }
  ApiResponse response;
  nlohmann::json changes = nlohmann::json::array();
  for (auto* instance : instances) {
    const State previous = instance->state;
    const Step step = action.step(*instance);
    if (step.kind == Step::kMove) {
      set_state(*instance, step.next, ctx.now);
      // A start assigns a new public address, unless an Elastic IP stayed associated while stopped.
      if (step.next == State::kPending && instance->elastic_allocation_id.empty()) {
        instance->public_ip = public_ip_for(state.next_public_address++);
      }
    }
    changes.push_back(state_change_json(*instance, previous));
  }
  if (action.reports_changes) {
    response.body["instancesSet"] = std::move(changes);
  } else {
    response.body["return"] = true;
  }
  return response;
}

ApiResult run_action(Ec2Store& store, const Action& action, const ApiRequest& request, CallContext& ctx) {
  auto ids = read_instance_ids(request.params);
  if (!ids) return ids.error();
  if (ids->empty()) return ec2_missing_parameter("InstanceId");
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) { return apply(state, action, *ids, request, ctx); });
}

}  // namespace

ApiResult start_instances(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  return run_action(store, Action{"started", start_step, true, true, false, false, true}, request, ctx);
}

ApiResult stop_instances(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  return run_action(store, Action{"stopped", stop_step, true, true, false, true, false}, request, ctx);
}

ApiResult reboot_instances(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  return run_action(store, Action{"rebooted", reboot_step, false, false, false, false, false}, request, ctx);
}

ApiResult terminate_instances(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  return run_action(store, Action{"terminated", terminate_step, true, true, true, false, false}, request, ctx);
}

}  // namespace chokepoint
