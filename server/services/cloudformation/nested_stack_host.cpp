// StackLifecycle as the host of nested stacks: AWS::CloudFormation::Stack resources create, update, delete
// and watch their child stacks here, with the parent's settings.
#include "services/cloudformation/cloudformation_errors.hpp"
#include "services/cloudformation/stack_lifecycle.hpp"

namespace chokepoint {

namespace {

StackInputs inputs_of(const NestedStackSpec& spec) {
  StackInputs in;
  in.stack_name = spec.name;
  in.source.url = spec.template_url;
  for (const auto& [key, value] : spec.parameters.items()) {
    in.parameters.push_back(ParameterInput{key, value.get<std::string>(), false});
  }
  in.capabilities = spec.capabilities;
  in.tags = spec.tags;
  in.notification_arns = spec.notification_arns;
  if (spec.timeout_minutes > 0) in.timeout_minutes = spec.timeout_minutes;
  return in;
}

}  // namespace

std::optional<RequestScope> StackLifecycle::nested_scope(const std::string& account, const std::string& region_name,
                                                         const std::string& parent_id, TimePoint now) {
  auto region = store_.region(account, region_name);
  std::lock_guard lock(region->mutex);
  auto parent = region->find(parent_id);
  if (!parent) return std::nullopt;
  return RequestScope{account, region_name, now, parent->settings, parent->zones};
}

NestedStackResult StackLifecycle::create_nested(const NestedStackSpec& spec) {
  auto scope = nested_scope(spec.account, spec.region, spec.parent_id, engine_.scheduler().now());
  if (!scope) return {"", "Stack [" + spec.parent_id + "] does not exist"};
  auto created = create_stack(*scope, inputs_of(spec), spec.parent_id, spec.root_id);
  if (!created) return {"", created.error().message};
  return {*created, ""};
}

NestedStackResult StackLifecycle::update_nested(const NestedStackSpec& spec, const std::string& stack_id) {
  auto scope = nested_scope(spec.account, spec.region, spec.parent_id, engine_.scheduler().now());
  if (!scope) return {stack_id, "Stack [" + spec.parent_id + "] does not exist"};
  StackInputs in = inputs_of(spec);
  in.stack_name = stack_id;
  auto updated = update_stack(*scope, in);
  if (!updated) return {stack_id, updated.error().message};
  return {stack_id, ""};
}

std::string StackLifecycle::delete_nested(const std::string& account, const std::string& region,
                                          const std::string& stack_id) {
  RequestScope scope{account, region, engine_.scheduler().now(), {}, nullptr};
  auto error = delete_stack(scope, stack_id, {}, "");
  return error ? error->message : "";
}

NestedStackView StackLifecycle::describe_nested(const std::string& account, const std::string& region_name,
                                                const std::string& stack_id) {
  auto region = store_.region(account, region_name);
  std::lock_guard lock(region->mutex);
  NestedStackView view;
  auto stack = region->find(stack_id);
  if (!stack) return view;
  view.found = true;
  view.status = stack->status;
  view.reason = stack->status_reason;
  for (const auto& o : stack->outputs) view.outputs[o.key] = o.value;
  return view;
}

}  // namespace chokepoint
