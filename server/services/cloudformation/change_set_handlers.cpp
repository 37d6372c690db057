// CreateChangeSet, DescribeChangeSet, ExecuteChangeSet, DeleteChangeSet, ListChangeSets.
#include <algorithm>

#include "protocol/params.hpp"
#include "protocol/result.hpp"
#include "services/cloudformation/change_sets.hpp"
#include "services/cloudformation/cloudformation_errors.hpp"
#include "services/cloudformation/cloudformation_handlers.hpp"
#include "services/cloudformation/stack_views.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr size_t kChangeSetsPerPage = 100;

bool is_arn(const std::string& s) {
  return s.rfind("arn:", 0) == 0;
}

// The change set a call names: by ARN, or by name within StackName. Call with the region lock held.
Result<std::shared_ptr<ChangeSet>> find_change_set(const RegionStacks& region, const json& params) {
  auto name = required_string(params, "ChangeSetName");
  if (!name) return name.error();
  const std::string cs_name = *name;
  const auto stack_name = param_string(params, "StackName");
  if (!is_arn(cs_name) && !stack_name) {
    return stack_validation_error("StackName must be specified if ChangeSetName is not specified as an ARN.");
  }
  std::string stack_id;
  if (stack_name) {
    auto stack = region.find(*stack_name);
    if (!stack) return stack_not_found_bracketed(*stack_name);
    stack_id = stack->id;
  }
  auto cs = region.find_change_set(cs_name, stack_id);
  if (!cs || (!stack_id.empty() && cs->stack_id != stack_id)) return change_set_not_found(cs_name);
  return cs;
}

}  // namespace

ApiResult handle_create_change_set(CfnApi& api, const ApiRequest& request, CallContext& ctx) {
  ChangeSetRequest r;
  r.type = param_string(request.params, "ChangeSetType").value_or("UPDATE");
  if (r.type != "CREATE" && r.type != "UPDATE") {
    if (r.type == "IMPORT")
      return stack_validation_error("ChangeSetType IMPORT is not supported: there are no resources to import.");
    return stack_validation_error("1 validation error detected: Value '" + r.type +
                            "' at 'changeSetType' failed to satisfy constraint: Member must satisfy enum value set: "
                            "[CREATE, UPDATE, IMPORT]");
  }
  auto inputs = read_stack_inputs(request.params, r.type == "UPDATE");
  if (!inputs) return inputs.error();
  r.inputs = *inputs;
  auto name = required_string(request.params, "ChangeSetName");
  if (!name) return name.error();
  r.name = *name;
  r.description = param_string(request.params, "Description").value_or("");
  r.on_stack_failure = param_string(request.params, "OnStackFailure").value_or("");
  auto created = create_change_set(api.lifecycle, request_scope(request, ctx), r);
  if (!created) return created.error();
  ApiResponse response;
  response.body["Id"] = created->first;
  response.body["StackId"] = created->second;
  return response;
}

ApiResult handle_describe_change_set(CfnApi& api, const ApiRequest& request, CallContext&) {
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  auto found = find_change_set(*region, request.params);
  if (!found) return found.error();
  ApiResponse response;
  response.body = change_set_view(**found);
  return response;
}

ApiResult handle_execute_change_set(CfnApi& api, const ApiRequest& request, CallContext& ctx) {
  auto region = region_of(api, request);
  std::string id;
  {
    std::lock_guard lock(region->mutex);
    auto found = find_change_set(*region, request.params);
    if (!found) return found.error();
    id = (*found)->id;
  }
  bool bad = false;
  const bool disable_rollback = param_bool(request.params, "DisableRollback", &bad).value_or(false);
  if (bad) return stack_validation_error("DisableRollback must be a boolean");
  const std::string token = param_string(request.params, "ClientRequestToken").value_or("");
  if (auto e = api.lifecycle.execute(request_scope(request, ctx), region, id, disable_rollback, token)) return *e;
  return ApiResponse{};
}

ApiResult handle_delete_change_set(CfnApi& api, const ApiRequest& request, CallContext&) {
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  auto found = find_change_set(*region, request.params);
  if (!found) return found.error();
  const auto& cs = *found;
  if (cs->execution_status == "EXECUTE_IN_PROGRESS") {
    return invalid_change_set_status("Cannot delete ChangeSet [" + cs->id + "] while it is being executed");
  }
  const auto stack = region->find(cs->stack_id);
  region->change_sets.erase(cs->id);
  if (stack) region->record(*stack);
  return ApiResponse{};
}

ApiResult handle_list_change_sets(CfnApi& api, const ApiRequest& request, CallContext&) {
  auto name = required_string(request.params, "StackName");
  if (!name) return name.error();
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  auto stack = region->find(*name);
  if (!stack) return stack_not_found_bracketed(*name);
  std::vector<std::shared_ptr<ChangeSet>> sets;
  for (const auto& [_, cs] : region->change_sets) {
    if (cs->stack_id == stack->id) sets.push_back(cs);
  }
  std::sort(sets.begin(), sets.end(), [](const auto& a, const auto& b) { return a->created < b->created; });
  auto page = page_of(request.params, sets.size(), kChangeSetsPerPage);
  if (!page) return page.error();
  const Page& p = *page;
  ApiResponse response;
  response.body["Summaries"] = json::array();
  for (size_t i = p.begin; i < p.end; ++i) response.body["Summaries"].push_back(change_set_summary_view(*sets[i]));
  if (p.next) response.body["NextToken"] = *p.next;
  return response;
}

}  // namespace chokepoint
