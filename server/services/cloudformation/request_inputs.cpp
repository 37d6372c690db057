#include "services/cloudformation/request_inputs.hpp"

#include "common/strings.hpp"
#include "config/count_quotas.hpp"
#include "protocol/params.hpp"
#include "services/cloudformation/cloudformation_errors.hpp"

namespace chokepoint {

namespace {

std::optional<ApiError> read_flags(const nlohmann::json& p, StackInputs& in) {
  bool bad = false;
  in.disable_rollback = param_bool(p, "DisableRollback", &bad).value_or(false);
  in.termination_protection = param_bool(p, "EnableTerminationProtection", &bad).value_or(false);
  in.retain_except_on_create = param_bool(p, "RetainExceptOnCreate", &bad).value_or(false);
  if (auto minutes = param_int(p, "TimeoutInMinutes", &bad)) {
    if (*minutes < 1) return stack_validation_error("TimeoutInMinutes must be greater than 0");
    in.timeout_minutes = *minutes;
  }
  const auto on_failure = param_string(p, "OnFailure", &bad);
  if (bad) return stack_validation_error("Invalid request parameters");
  if (on_failure) {
    if (*on_failure != "ROLLBACK" && *on_failure != "DELETE" && *on_failure != "DO_NOTHING") {
      return stack_validation_error("1 validation error detected: Value '" + *on_failure +
                              "' at 'onFailure' failed to satisfy constraint: Member must satisfy enum value set: "
                              "[DO_NOTHING, ROLLBACK, DELETE]");
    }
    if (param(p, "DisableRollback"))
      return stack_validation_error("Either DisableRollback or OnFailure can be specified, not both.");
    in.on_failure = *on_failure;
  }
  return std::nullopt;
}

Result<Tags> read_tags(const nlohmann::json& list) {
  Tags tags;
  for (const auto& item : list) {
    bool bad = false;
    auto key = param_string(item, "Key", &bad);
    auto value = param_string(item, "Value", &bad);
    if (bad || !key || key->empty()) return stack_validation_error("Tag keys must be non-empty strings");
    tags.emplace_back(*key, value.value_or(""));
  }
  if (tags.size() > 50) return stack_validation_error("Number of tags exceeds the limit of 50");
  return tags;
}

}  // namespace

std::shared_ptr<const ZoneMap> configured_zones(const Config& config) {
  auto zones = std::make_shared<ZoneMap>();
  for (const auto& r : config.regions) (*zones)[r.name] = r.zones;
  return zones;
}

long long stack_limit_in_force(const ApiRequest& request, const CallContext& ctx) {
  return static_cast<long long>(count_quota_in_force(ctx, request.identity.account_id, request.identity.region,
                                                     "cloudformation", kStackCountQuota,
                                                     static_cast<double>(ctx.config.cloudformation.stack_limit)));
}

RequestScope request_scope(const ApiRequest& request, const CallContext& ctx) {
  RequestScope scope{request.identity.account_id, request.identity.region, ctx.now, ctx.config.cloudformation,
                     configured_zones(ctx.config)};
  scope.settings.stack_limit = stack_limit_in_force(request, ctx);
  return scope;
}

std::shared_ptr<RegionStacks> region_of(CfnApi& api, const ApiRequest& request) {
  return api.store.region(request.identity.account_id, request.identity.region);
}

Result<std::string> required_string(const nlohmann::json& params, const std::string& key) {
  bool bad = false;
  auto value = param_string(params, key, &bad);
  if (bad || !value || value->empty()) return stack_validation_error(key + " is a required parameter.");
  return *value;
}

std::vector<std::string> string_list(const nlohmann::json& params, const std::string& key) {
  std::vector<std::string> out;
  if (const auto* list = param_list(params, key)) {
    for (const auto& item : *list) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
  }
  return out;
}

Result<StackInputs> read_stack_inputs(const nlohmann::json& p, bool updating) {
  StackInputs in;
  auto name = required_string(p, "StackName");
  if (!name) return name.error();
  in.stack_name = *name;
  auto source = read_template_source(p, updating);
  if (!source) return source.error();
  in.source = *source;
  if (!updating && in.source.use_previous)
    return stack_validation_error("UsePreviousTemplate can only be used when updating a stack.");
  auto parameters = read_parameter_inputs(p);
  if (auto* e = std::get_if<std::string>(&parameters)) return stack_validation_error(*e);
  in.parameters = std::get<std::vector<ParameterInput>>(parameters);
  in.capabilities = string_list(p, "Capabilities");
  if (param_list(p, "ResourceTypes")) in.resource_types = string_list(p, "ResourceTypes");
  if (const auto* tags = param_list(p, "Tags")) {
    auto read = read_tags(*tags);
    if (!read) return read.error();
    in.tags = *read;
  } else if (!updating || param(p, "Tags")) {
    in.tags = Tags{};  // an empty list arrives as "Tags=": on update it removes every tag, as CloudFormation does
  }
  if (param(p, "NotificationARNs")) in.notification_arns = string_list(p, "NotificationARNs");
  in.role_arn = param_string(p, "RoleARN").value_or("");
  in.request_token = param_string(p, "ClientRequestToken").value_or("");
  if (auto e = read_flags(p, in)) return *e;
  return in;
}

Result<Page> page_of(const nlohmann::json& params, size_t total, size_t page_size) {
  Page page;
  if (auto token = param_string(params, "NextToken")) {
    long long offset = 0;
    if (!parse_int64(*token, offset) || static_cast<size_t>(offset) > total) {
      return stack_validation_error("Invalid NextToken");
    }
    page.begin = static_cast<size_t>(offset);
  }
  page.end = std::min(total, page.begin + page_size);
  if (page.end < total) page.next = std::to_string(page.end);
  return page;
}

}  // namespace chokepoint
