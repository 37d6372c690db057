// GetTemplate, GetTemplateSummary, ValidateTemplate.
#include <set>

#include "protocol/params.hpp"
#include "protocol/result.hpp"
#include "services/cloudformation/cloudformation_errors.hpp"
#include "services/cloudformation/cloudformation_handlers.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// Accepts every type: GetTemplateSummary may report unknown types as warnings instead of failing.
class AnyType final : public ResourceTypeCatalog {
 public:
  explicit AnyType(const ResourceTypeCatalog& known) : known_(known) {}
  bool knows_type(const std::string&) const override { return true; }
  bool has_attribute(const std::string& type, const std::string& attribute) const override {
    return !known_.knows_type(type) || known_.has_attribute(type, attribute);
  }

 private:
  const ResourceTypeCatalog& known_;
};

json capabilities_view(const Template& t, json& out) {
  const RequiredCapabilities caps = required_capabilities(t);
  out["Capabilities"] = caps.capabilities;
  if (!caps.reason.empty()) out["CapabilitiesReason"] = caps.reason;
  out["DeclaredTransforms"] = t.transforms;
  if (!t.description.empty()) out["Description"] = t.description;
  return out;
}

json summary_parameters(const Template& t) {
  json out = json::array();
  for (const auto& p : t.parameters) {
    json item = {{"ParameterKey", p.name},
                 {"ParameterType", p.type},
                 {"NoEcho", p.no_echo},
                 {"ParameterConstraints", json::object()}};
    if (p.default_value) item["DefaultValue"] = *p.default_value;
    if (!p.description.empty()) item["Description"] = p.description;
    if (!p.allowed_values.empty()) item["ParameterConstraints"]["AllowedValues"] = p.allowed_values;
    out.push_back(std::move(item));
  }
  return out;
}

json template_summary(const Template& t, const ProviderRegistry& providers, const std::set<std::string>& unknown) {
  json out = {{"Parameters", summary_parameters(t)}, {"Version", "2010-09-09"}};
  capabilities_view(t, out);
  std::set<std::string> types;
  std::map<std::string, json> identifiers;
  for (const auto& [id, r] : t.resources) {
    types.insert(r.type);
    const ResourceProvider* p = providers.find(r.type);
    if (!p || p->name_property().empty()) continue;
    auto& entry = identifiers[r.type];
    if (entry.is_null())
      entry = {{"ResourceType", r.type},
               {"LogicalResourceIds", json::array()},
               {"ResourceIdentifiers", json::array({p->name_property()})}};
    entry["LogicalResourceIds"].push_back(id);
  }
  out["ResourceTypes"] = json(types);
  out["ResourceIdentifierSummaries"] = json::array();
  for (auto& [_, entry] : identifiers) out["ResourceIdentifierSummaries"].push_back(entry);
  if (!t.metadata.is_null()) out["Metadata"] = t.metadata.dump();
  if (!unknown.empty()) out["Warnings"] = {{"UnrecognizedResourceTypes", json(unknown)}};
  return out;
}

Result<std::string> body_of_request(const json& params, const CallContext& ctx) {
  auto source = read_template_source(params, false);
  if (!source) return source.error();
  return load_template(*source, ctx.config.cloudformation.allow_file_template_urls);
}

// GetTemplateSummary on a stack: its current template.
Result<std::string> body_of_stack(CfnApi& api, const ApiRequest& request, const std::string& name) {
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  auto stack = region->find(name);
  if (!stack) return stack_not_found(name);
  if (stack->status == "REVIEW_IN_PROGRESS") {
    return stack_validation_error("GetTemplateSummary cannot be called on REVIEW_IN_PROGRESS stacks.");
  }
  return stack->definition.template_body;
}

}  // namespace

ApiResult handle_get_template(CfnApi& api, const ApiRequest& request, CallContext&) {
  const auto name = param_string(request.params, "StackName");
  const auto change_set = param_string(request.params, "ChangeSetName");
  if (!name && !change_set) return stack_validation_error("StackName is required if ChangeSetName is not specified.");
  auto region = region_of(api, request);
  std::lock_guard lock(region->mutex);
  auto stack = name ? region->find(*name) : nullptr;
  if (name && !stack) return stack_not_found(*name);
  std::string body;
  if (change_set) {
    auto cs = region->find_change_set(*change_set, stack ? stack->id : "");
    if (!cs) return change_set_not_found(*change_set);
    body = cs->definition.template_body;
  } else {
    body = stack->definition.template_body;
  }
  ApiResponse response;
  response.body["TemplateBody"] = body;
  response.body["StagesAvailable"] = json::array({"Original", "Processed"});
  return response;
}

ApiResult handle_get_template_summary(CfnApi& api, const ApiRequest& request, CallContext& ctx) {
  const auto name = param_string(request.params, "StackName");
  if (param(request.params, "StackSetName")) {
    return make_error("StackSetNotFoundException",
                      "StackSet " + param_string(request.params, "StackSetName").value_or("") + " not found", 404);
  }
  auto body = name ? body_of_stack(api, request, *name) : body_of_request(request.params, ctx);
  if (!body) return body.error();
  const json config = request.params.value("TemplateSummaryConfig", json::object());
  const bool warn =
      config.is_object() && param_bool(config, "TreatUnrecognizedResourceTypesAsWarnings").value_or(false);
  const ProviderRegistry& providers = api.lifecycle.providers();
  const AnyType any(providers);
  auto parsed =
      parse_template(*body, warn ? static_cast<const ResourceTypeCatalog&>(any) : providers, ctx.config.cloudformation);
  if (!parsed) return parsed.error();
  const Template& t = **parsed;
  std::set<std::string> unknown;
  for (const auto& [_, r] : t.resources) {
    if (!providers.knows_type(r.type)) unknown.insert(r.type);
  }
  ApiResponse response;
  response.body = template_summary(t, providers, unknown);
  return response;
}

ApiResult handle_validate_template(CfnApi& api, const ApiRequest& request, CallContext& ctx) {
  auto body = body_of_request(request.params, ctx);
  if (!body) return body.error();
  auto parsed = parse_template(*body, api.lifecycle.providers(), ctx.config.cloudformation);
  if (!parsed) return parsed.error();
  const Template& t = **parsed;
  ApiResponse response;
  response.body["Parameters"] = json::array();
  for (const auto& p : t.parameters) {
    json item = {{"ParameterKey", p.name}, {"NoEcho", p.no_echo}};
    if (p.default_value) item["DefaultValue"] = *p.default_value;
    if (!p.description.empty()) item["Description"] = p.description;
    response.body["Parameters"].push_back(std::move(item));
  }
  capabilities_view(t, response.body);
  return response;
}

}  // namespace chokepoint
