// CreateStack, UpdateStack, DeleteStack, UpdateTerminationProtection.
#include "protocol/params.hpp"
#include "services/cloudformation/cloudformation_errors.hpp"
#include "services/cloudformation/cloudformation_handlers.hpp"

namespace chokepoint {

namespace {

ApiResult stack_id_response(const std::variant<std::string, ApiError>& result) {
  if (const auto* e = std::get_if<ApiError>(&result)) return *e;
  ApiResponse response;
  response.body["StackId"] = std::get<std::string>(result);
  return response;
}

}  // namespace

ApiResult handle_create_stack(CfnApi& api, const ApiRequest& request, CallContext& ctx) {
  auto inputs = read_stack_inputs(request.params, false);
  if (auto* e = std::get_if<ApiError>(&inputs)) return *e;
  return stack_id_response(api.lifecycle.create_stack(request_scope(request, ctx), std::get<StackInputs>(inputs)));
}

ApiResult handle_update_stack(CfnApi& api, const ApiRequest& request, CallContext& ctx) {
  auto inputs = read_stack_inputs(request.params, true);
  if (auto* e = std::get_if<ApiError>(&inputs)) return *e;
  return stack_id_response(api.lifecycle.update_stack(request_scope(request, ctx), std::get<StackInputs>(inputs)));
}

ApiResult handle_delete_stack(CfnApi& api, const ApiRequest& request, CallContext& ctx) {
  auto name = required_string(request.params, "StackName");
  if (auto* e = std::get_if<ApiError>(&name)) return *e;
  const std::string token = param_string(request.params, "ClientRequestToken").value_or("");
  if (auto e = api.lifecycle.delete_stack(request_scope(request, ctx), std::get<std::string>(name),
                                          string_list(request.params, "RetainResources"), token)) {
    return *e;
  }
  return ApiResponse{};
}

ApiResult handle_update_termination_protection(CfnApi& api, const ApiRequest& request, CallContext&) {
  auto name = required_string(request.params, "StackName");
  if (auto* e = std::get_if<ApiError>(&name)) return *e;
  bool bad = false;
  const auto enable = param_bool(request.params, "EnableTerminationProtection", &bad);
  if (bad || !enable) return stack_validation_error("EnableTerminationProtection is a required parameter.");
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  auto stack = region->find_live(std::get<std::string>(name));
  if (!stack) return stack_not_found_bracketed(std::get<std::string>(name));
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
