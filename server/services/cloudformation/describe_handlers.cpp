// DescribeStacks, ListStacks, DescribeStackEvents, DescribeStackResource(s), ListStackResources.
#include <algorithm>

#include "protocol/params.hpp"
#include "protocol/result.hpp"
#include "services/cloudformation/cloudformation_errors.hpp"
#include "services/cloudformation/cloudformation_handlers.hpp"
#include "services/cloudformation/stack_views.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr size_t kStacksPerPage = 100;
constexpr size_t kEventsPerPage = 100;
constexpr size_t kResourcesPerPage = 100;

// Stacks newest first.
std::vector<std::shared_ptr<Stack>> newest_first(const RegionStacks& region) {
  std::vector<std::shared_ptr<Stack>> out;
  for (auto it = region.order.rbegin(); it != region.order.rend(); ++it) out.push_back(region.stacks.at(*it));
  return out;
}

std::vector<const StackResource*> live_resources(const Stack& stack) {
  std::vector<const StackResource*> out;
  for (const auto& [_, r] : stack.resources) out.push_back(&r);
  return out;
}

// The stack a per-stack call names, live by name or any by ARN.
Result<std::shared_ptr<Stack>> named_stack(const RegionStacks& region, const json& params) {
  auto name = required_string(params, "StackName");
  if (!name) return name.error();
  auto stack = region.find(*name);
  if (!stack) return stack_not_found_bracketed(*name);
  return stack;
}

}  // namespace

ApiResult handle_describe_stacks(CfnApi& api, const ApiRequest& request, CallContext&) {
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  std::vector<std::shared_ptr<Stack>> stacks;
  if (auto name = param_string(request.params, "StackName"); name && !name->empty()) {
    auto stack = region->find(*name);
    if (!stack) return stack_not_found(*name);
    stacks.push_back(stack);
  } else {
    for (auto& s : newest_first(*region)) {
      if (s->status != "DELETE_COMPLETE") stacks.push_back(s);
    }
  }
  auto page = page_of(request.params, stacks.size(), kStacksPerPage);
  if (!page) return page.error();
  const Page& p = *page;
  ApiResponse response;
  response.body["Stacks"] = json::array();
  for (size_t i = p.begin; i < p.end; ++i) response.body["Stacks"].push_back(stack_view(*stacks[i]));
  if (p.next) response.body["NextToken"] = *p.next;
  return response;
}

ApiResult handle_list_stacks(CfnApi& api, const ApiRequest& request, CallContext&) {
  const auto filter = string_list(request.params, "StackStatusFilter");
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  std::vector<std::shared_ptr<Stack>> stacks;
  for (auto& s : newest_first(*region)) {
    if (filter.empty() || std::find(filter.begin(), filter.end(), s->status) != filter.end()) stacks.push_back(s);
  }
  auto page = page_of(request.params, stacks.size(), kStacksPerPage);
  if (!page) return page.error();
  const Page& p = *page;
  ApiResponse response;
  response.body["StackSummaries"] = json::array();
  for (size_t i = p.begin; i < p.end; ++i) response.body["StackSummaries"].push_back(stack_summary_view(*stacks[i]));
  if (p.next) response.body["NextToken"] = *p.next;
  return response;
}

ApiResult handle_describe_stack_events(CfnApi& api, const ApiRequest& request, CallContext&) {
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  auto found = named_stack(*region, request.params);
  if (!found) return found.error();
  const Stack& stack = **found;
  auto page = page_of(request.params, stack.events.size(), kEventsPerPage);
  if (!page) return page.error();
  const Page& p = *page;
  ApiResponse response;
  response.body["StackEvents"] = json::array();
  for (size_t i = p.begin; i < p.end; ++i) {  // newest first
    response.body["StackEvents"].push_back(event_view(stack, stack.events[stack.events.size() - 1 - i]));
  }
  if (p.next) response.body["NextToken"] = *p.next;
  return response;
}

ApiResult handle_describe_stack_resource(CfnApi& api, const ApiRequest& request, CallContext&) {
  auto logical = required_string(request.params, "LogicalResourceId");
  if (!logical) return logical.error();
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  auto found = named_stack(*region, request.params);
  if (!found) return found.error();
  const Stack& stack = **found;
  const auto it = stack.resources.find(*logical);
  if (it == stack.resources.end()) {
    return stack_validation_error("Resource " + *logical + " does not exist for stack " + stack.name);
  }
  ApiResponse response;
  response.body["StackResourceDetail"] = resource_detail_view(stack, it->second);
  return response;
}

ApiResult handle_describe_stack_resources(CfnApi& api, const ApiRequest& request, CallContext&) {
  const auto name = param_string(request.params, "StackName");
  const auto physical = param_string(request.params, "PhysicalResourceId");
  const auto logical = param_string(request.params, "LogicalResourceId");
  if (!name && !physical) return stack_validation_error("Either StackName or PhysicalResourceId must be specified.");
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  std::shared_ptr<Stack> stack = name ? region->find(*name) : nullptr;
  for (auto it = region->stacks.begin(); !stack && physical && it != region->stacks.end(); ++it) {
    for (const auto& [_, r] : it->second->resources) {
      if (r.physical_id == *physical) stack = it->second;
    }
  }
  if (!stack) return name ? stack_not_found(*name) : stack_validation_error("Stack for " + *physical + " does not exist");
  ApiResponse response;
  response.body["StackResources"] = json::array();
  for (const auto* r : live_resources(*stack)) {
    if ((logical && r->logical_id != *logical) || (physical && r->physical_id != *physical)) continue;
    response.body["StackResources"].push_back(resource_view(*stack, *r));
  }
  return response;
}

ApiResult handle_list_stack_resources(CfnApi& api, const ApiRequest& request, CallContext&) {
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  auto found = named_stack(*region, request.params);
  if (!found) return found.error();
  const Stack& stack = **found;
  const auto resources = live_resources(stack);
  auto page = page_of(request.params, resources.size(), kResourcesPerPage);
  if (!page) return page.error();
  const Page& p = *page;
  ApiResponse response;
  response.body["StackResourceSummaries"] = json::array();
  for (size_t i = p.begin; i < p.end; ++i) {
    response.body["StackResourceSummaries"].push_back(resource_summary_view(*resources[i]));
  }
  if (p.next) response.body["NextToken"] = *p.next;
  return response;
}

}  // namespace chokepoint
