// StackLifecycle::define: a request's template and inputs checked and resolved into a StackDefinition.
#include <algorithm>
#include <regex>
#include <set>

#include "common/strings.hpp"

#include "protocol/result.hpp"
#include "services/cloudformation/cloudformation_errors.hpp"
#include "services/cloudformation/stack_lifecycle.hpp"
#include "services/cloudformation/stack_operation.hpp"
#include "services/cloudformation/stack_scope.hpp"
#include "services/cloudformation/template_document.hpp"
#include "services/cloudformation/template_references.hpp"

namespace chokepoint {

namespace {

std::optional<ApiError> check_capabilities(const Template& tmpl, const std::vector<std::string>& given) {
  static const std::vector<std::string> kKnown = {"CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"};
  for (const auto& c : given) {
    if (std::find(kKnown.begin(), kKnown.end(), c) == kKnown.end()) {
      return stack_validation_error("1 validation error detected: Value '[" + c +
                              "]' at 'capabilities' failed to satisfy constraint: Member must satisfy constraint: "
                              "[Member must satisfy enum value set: [CAPABILITY_AUTO_EXPAND, CAPABILITY_NAMED_IAM, "
                              "CAPABILITY_IAM]]");
    }
  }
  std::string missing;
  for (const auto& c : required_capabilities(tmpl).capabilities) {
    if (std::find(given.begin(), given.end(), c) == given.end()) missing += (missing.empty() ? "" : ", ") + c;
  }
  if (!missing.empty()) return insufficient_capabilities("Requires capabilities : [" + missing + "]");
  return std::nullopt;
}

// ResourceTypes: the types a request allows ("AWS::*", "AWS::SSM::*", exact names).
std::optional<ApiError> check_resource_types(const Template& tmpl,
                                             const std::optional<std::vector<std::string>>& allowed) {
  if (!allowed) return std::nullopt;
  std::string list;
  for (const auto& a : *allowed) list += (list.empty() ? "" : ", ") + a;
  for (const auto& entry : tmpl.resources) {
    const auto& r = entry.second;  // not a structured binding: clang before 16 cannot capture one in a lambda
    const bool ok = std::any_of(allowed->begin(), allowed->end(), [&](const std::string& pattern) {
      return glob_match(pattern, r.type) ||
             (pattern.size() > 2 && pattern.compare(pattern.size() - 2, 2, "::") == 0 && r.type.rfind(pattern, 0) == 0);
    });
    if (!ok)
      return stack_validation_error("Resource type " + r.type + " is not allowed by parameter ResourceTypes [" + list + "]");
  }
  return std::nullopt;
}

std::optional<ApiError> check_template_inputs(const Template& tmpl, const StackInputs& in) {
  if (auto e = check_capabilities(tmpl, in.capabilities)) return e;
  if (!tmpl.transforms.empty()) {
    return stack_validation_error("Transform " + tmpl.transforms.front() +
                            " failed with: macros and transforms are not emulated; deploy the processed template.");
  }
  return check_resource_types(tmpl, in.resource_types);
}

// With the conditions known, what the active resources and outputs use must exist: a reference to a resource
// whose Condition is false fails the request, as CloudFormation does.
std::optional<ApiError> check_active_references(const StackDefinition& d) {
  const ConditionOracle decide = [&d](const std::string& name) -> std::optional<bool> {
    const auto it = d.conditions.find(name);
    return it == d.conditions.end() ? std::nullopt : std::optional<bool>(it->second);
  };
  std::set<std::string> missing;
  auto check = [&](const nlohmann::json& expr) {
    References refs;
    collect_references(expr, refs, &decide);
    for (auto name : refs.refs) {
      if (d.tmpl->resource(name) && !is_active(d, name)) missing.insert(name);
    }
    for (const auto& [name, _] : refs.attributes) {
      if (d.tmpl->resource(name) && !is_active(d, name)) missing.insert(name);
    }
  };
  for (const auto& id : active_resources(d)) check(d.tmpl->resource(id)->properties);
  if (!missing.empty()) {
    return stack_validation_error("Template format error: Unresolved resource dependencies [" + *missing.begin() +
                            "] in the Resources block of the template");
  }
  for (const auto& o : d.tmpl->outputs) {
    if (o.condition.empty() || d.conditions.at(o.condition)) check(o.value);
  }
  if (!missing.empty()) {
    return stack_validation_error("Unresolved resource dependencies [" + *missing.begin() +
                            "] in the Outputs block of the template");
  }
  return std::nullopt;
}

std::map<std::string, std::string> previous_values(const StackDefinition* current) {
  std::map<std::string, std::string> out;
  if (current) {
    for (const auto& p : current->parameters) out[p.key] = p.value;
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<const Template>> parse_template(const std::string& body, const ResourceTypeCatalog& types,
                                                       const CloudFormationSettings& settings) {
  auto doc = parse_template_document(body);
  if (auto* error = std::get_if<std::string>(&doc)) return stack_validation_error(*error);
  auto built = build_template(std::get<nlohmann::json>(doc));
  if (auto* error = std::get_if<std::string>(&built)) return stack_validation_error(*error);
  auto tmpl = std::make_shared<const Template>(std::move(std::get<Template>(built)));
  if (auto problem = check_template(*tmpl, types)) return stack_validation_error(*problem);
  if (static_cast<long long>(tmpl->outputs.size()) > settings.stack_outputs_limit) {
    return stack_validation_error("Template format error: Number of outputs (" + std::to_string(tmpl->outputs.size()) +
                            ") exceeds the limit of " + std::to_string(settings.stack_outputs_limit));
  }
  return tmpl;
}

Result<StackDefinition> StackLifecycle::define(const RequestScope& scope, const StackInputs& in,
                                               const StackDefinition* current, const std::string& stack_name,
                                               const std::string& stack_id) {
  StackDefinition d;
  if (in.source.use_previous) {
    if (!current || !current->tmpl) return stack_validation_error("UsePreviousTemplate requires an existing stack template.");
    d.template_body = current->template_body;
  } else {
    auto body = load_template(in.source, scope.settings.allow_file_template_urls);
    if (!body) return body.error();
    d.template_body = *body;
  }
  auto parsed = parse_template(d.template_body, providers_, scope.settings);
  if (!parsed) return parsed.error();
  d.tmpl = *parsed;
  if (auto e = check_template_inputs(*d.tmpl, in)) return *e;
  const auto previous = previous_values(current);
  auto params = resolve_parameters(*d.tmpl, in.parameters, current ? &previous : nullptr);
  if (auto* e = std::get_if<std::string>(&params)) return stack_validation_error(*e);
  d.parameters = std::move(std::get<std::vector<ResolvedParameter>>(params));
  if (auto e = resolve_ssm_parameters(scope, d.parameters)) return *e;
  d.capabilities = in.capabilities;
  d.tags = in.tags.value_or(current ? current->tags : Tags{});
  d.notification_arns =
      in.notification_arns.value_or(current ? current->notification_arns : std::vector<std::string>{});
  d.role_arn = in.role_arn;
  d.timeout_minutes = in.timeout_minutes;
  RegionStacks no_stacks;  // conditions see parameters only
  StackScope values(no_stacks, nullptr, d,
                    StackIdentity{scope.account, scope.region, stack_name, stack_id, d.notification_arns}, scope.zones);
  auto conditions = evaluate_conditions(*d.tmpl, values.context());
  if (auto* e = std::get_if<std::string>(&conditions)) return stack_validation_error(*e);
  d.conditions = std::move(std::get<ConditionValues>(conditions));
  if (auto e = check_active_references(d)) return *e;
  return d;
}

// Parameters of type AWS::SSM::Parameter::Value<...> name a Parameter Store parameter; its value is read
// through SSM's GetParameter, with the stack's account and region.
std::optional<ApiError> StackLifecycle::resolve_ssm_parameters(const RequestScope& scope,
                                                               std::vector<ResolvedParameter>& params) {
  for (auto& p : params) {
    if (!is_ssm_parameter_type(p.type)) continue;
    ApiRequest request;
    request.service = "ssm";
    request.operation = "GetParameter";
    request.params = {{"Name", p.value}, {"WithDecryption", false}};
    act_for_account(request, scope.account, scope.region, "cloudformation.amazonaws.com");
    ApiResult result = caller_.call(request, scope.now);
    const auto* response = std::get_if<ApiResponse>(&result);
    const nlohmann::json body = response ? response->tree() : nlohmann::json();
    const nlohmann::json* value = response ? &body : nullptr;
    if (!value || !value->contains("Parameter") || !(*value)["Parameter"].contains("Value")) {
      return stack_validation_error("Unable to fetch parameters [" + p.value + "] from parameter store for this account.");
    }
    p.resolved_value = scalar_string((*value)["Parameter"]["Value"]).value_or("");
    const std::string inner = p.type.substr(27, p.type.size() - 28);  // AWS::SSM::Parameter::Value<inner>
    p.evaluated = parameter_ref_value(inner, p.resolved_value);
  }
  return std::nullopt;
}

std::optional<ApiError> check_stack_name(const std::string& name) {
  static const std::regex kPattern("[a-zA-Z][-a-zA-Z0-9]*");
  if (name.size() <= 128 && std::regex_match(name, kPattern)) return std::nullopt;
  return stack_validation_error("1 validation error detected: Value '" + name +
                          "' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression "
                          "pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*");
}

}  // namespace chokepoint
