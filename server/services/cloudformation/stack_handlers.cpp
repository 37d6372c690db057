// CreateStack, UpdateStack, DeleteStack, UpdateTerminationProtection.
#include "protocol/params.hpp"
#include "protocol/result.hpp"
#include "services/cloudformation/cloudformation_errors.hpp"
#include "services/cloudformation/cloudformation_handlers.hpp"

namespace chokepoint {

namespace {

ApiResult stack_id_response(const Result<std::string>& result) {
  if (!result) return result.error();
  ApiResponse response;
  response.body["StackId"] = *result;
  return response;
}

}  // namespace

ApiResult handle_create_stack(CfnApi& api, const ApiRequest& request, CallContext& ctx) {
  auto inputs = read_stack_inputs(request.params, false);
  if (!inputs) return inputs.error();
  return stack_id_response(api.lifecycle.create_stack(request_scope(request, ctx), *inputs));
}

ApiResult handle_update_stack(CfnApi& api, const ApiRequest& request, CallContext& ctx) {
  auto inputs = read_stack_inputs(request.params, true);
  if (!inputs) return inputs.error();
  return stack_id_response(api.lifecycle.update_stack(request_scope(request, ctx), *inputs));
}

ApiResult handle_delete_stack(CfnApi& api, const ApiRequest& request, CallContext& ctx) {
  auto name = required_string(request.params, "StackName");
  if (!name) return name.error();
  const std::string token = param_string(request.params, "ClientRequestToken").value_or("");
  if (auto e = api.lifecycle.delete_stack(request_scope(request, ctx), *name,
                                          string_list(request.params, "RetainResources"), token)) {
    return *e;
  }
  return ApiResponse{};
}

ApiResult handle_update_termination_protection(CfnApi& api, const ApiRequest& request, CallContext&) {
  auto name = required_string(request.params, "StackName");
  if (!name) return name.error();
  bool bad = false;
  const auto enable = param_bool(request.params, "EnableTerminationProtection", &bad);
  if (bad || !enable) return stack_validation_error("EnableTerminationProtection is a required parameter.");
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  auto stack = region->find_live(*name);
  if (!stack) return stack_not_found_bracketed(*name);
  if (!stack->parent_id.empty()) {
    return stack_validation_error("Termination protection cannot be updated on nested stacks; update it on the root stack.");
  }
  stack->termination_protection = *enable;
  region->record(*stack);
  ApiResponse response;
  response.body["StackId"] = stack->id;
  return response;
}

}  // namespace chokepoint
