// ListExports, ListImports, DescribeAccountLimits.
#include "services/cloudformation/cloudformation_errors.hpp"
#include "services/cloudformation/cloudformation_handlers.hpp"
#include "services/cloudformation/request_inputs.hpp"

namespace chokepoint {

namespace {
using nlohmann::json;
constexpr size_t kExportsPerPage = 100;
}  // namespace

ApiResult handle_list_exports(CfnApi& api, const ApiRequest& request, CallContext&) {
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  std::vector<const StackExport*> exports;
  for (const auto& [_, e] : region->exports) exports.push_back(&e);
  auto page = page_of(request.params, exports.size(), kExportsPerPage);
  if (!page) return page.error();
  const Page& p = *page;
  ApiResponse response;
  response.body["Exports"] = json::array();
  for (size_t i = p.begin; i < p.end; ++i) {
    response.body["Exports"].push_back(
        {{"ExportingStackId", exports[i]->stack_id}, {"Name", exports[i]->name}, {"Value", exports[i]->value}});
  }
  if (p.next) response.body["NextToken"] = *p.next;
  return response;
}

ApiResult handle_list_imports(CfnApi& api, const ApiRequest& request, CallContext&) {
  auto name = required_string(request.params, "ExportName");
  if (!name) return name.error();
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  const auto importers = region->importers_of(*name);
  if (importers.empty()) {
    return stack_validation_error("Export '" + *name + "' is not imported by any stack.");
  }
  auto page = page_of(request.params, importers.size(), kExportsPerPage);
  if (!page) return page.error();
  const Page& p = *page;
  ApiResponse response;
  response.body["Imports"] = json::array();
  for (size_t i = p.begin; i < p.end; ++i) response.body["Imports"].push_back(importers[i]);
  if (p.next) response.body["NextToken"] = *p.next;
  return response;
}

ApiResult handle_describe_account_limits(CfnApi&, const ApiRequest& request, CallContext& ctx) {
  const CloudFormationSettings& s = ctx.config.cloudformation;
  const json limits = json::array({{{"Name", "ConcurrentResourcesLimit"}, {"Value", s.concurrent_resources_limit}},
                                   {{"Name", "StackLimit"}, {"Value", stack_limit_in_force(request, ctx)}},
                                   {{"Name", "StackOutputsLimit"}, {"Value", s.stack_outputs_limit}}});
  auto page = page_of(request.params, limits.size(), limits.size());
  if (!page) return page.error();
  ApiResponse response;
  response.body["AccountLimits"] = limits;
  return response;
}

}  // namespace chokepoint
