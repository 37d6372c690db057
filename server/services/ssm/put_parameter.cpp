#include "services/ssm/put_parameter.hpp"

#include <regex>

#include "config/count_quotas.hpp"
#include "services/ssm/parameter_policies.hpp"
#include "services/ssm/service_settings.hpp"
#include "services/ssm/ssm_call.hpp"
#include "services/ssm/ssm_errors.hpp"

namespace chokepoint {

namespace {

// The new version's attributes: what the request gives, else what the latest version has.
Result<ParameterVersion> merge_version(const PutInput& in, const StoredParameter* existing) {
  const ParameterVersion* old = existing ? &existing->latest() : nullptr;
  if (!old && !in.type) return validation_error("A parameter type is required when you create a parameter.");
  ParameterVersion v;
  v.version = old ? old->version + 1 : 1;
  v.value = in.value;
  v.type = in.type.value_or(old ? old->type : "");
  if (old && v.type != old->type && (v.type == "SecureString" || old->type == "SecureString")) {
    return ssm_error("HierarchyTypeMismatchException",
                     "Parameter Store doesn't support changing a parameter type from " + old->type + " to " + v.type +
                         ". You must create a new, unique parameter.");
  }
  if (v.type == "SecureString") {
    v.key_id = in.key_id.value_or(old && old->type == "SecureString" ? old->key_id : std::string(kDefaultKeyId));
  }
  v.description = in.description.value_or(old ? old->description : "");
  v.allowed_pattern = in.allowed_pattern.value_or(old ? old->allowed_pattern : "");
  v.data_type = in.data_type.value_or(old ? old->data_type : "text");
  v.policies = in.policies.value_or(old ? old->policies : "");
  return v;
}

std::optional<ApiError> check_data_type(const ParameterVersion& v) {
  if (v.data_type != "aws:ec2:image") return std::nullopt;
  if (v.type != "String") {
    return validation_error("The aws:ec2:image data type is only supported for String parameters.");
  }
  static const std::regex kAmi("ami-([0-9a-f]{8}|[0-9a-f]{17})");
  if (!std::regex_match(v.value, kAmi)) {
    return validation_error("Parameter value, " + v.value + ", is not a valid image ID for data type aws:ec2:image.");
  }
  return std::nullopt;
}

// Standard or Advanced, from the request's tier (else the account's default tier setting), the value size,
// the policies and the stored tier (an advanced parameter never goes back to standard).
Result<std::string> resolve_tier(const PutInput& in, const ParameterVersion& v, const StoredParameter* existing,
                                 const ParameterStore& store) {
  const bool was_advanced = existing && existing->latest().tier == "Advanced";
  const bool has_policies = !v.policies.empty() && v.policies != "[]";
  const bool needs_advanced = v.value.size() > kStandardValueBytes || has_policies;
  const std::string requested = in.tier.value_or(setting_value(store, kDefaultTierSetting));
  if (requested == "Advanced" || (requested == "Intelligent-Tiering" && (needs_advanced || was_advanced))) {
    return std::string("Advanced");
  }
  if (requested == "Standard" && was_advanced) {
    if (in.tier) {
      return validation_error(
          "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the "
          "advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced "
          "parameter and recreate it as a standard parameter.");
    }
    return std::string("Advanced");
  }
  if (v.value.size() > kStandardValueBytes) return standard_tier_too_small();
  if (has_policies) {
    return validation_error("Parameter policies are supported only for parameters in the advanced-parameter tier.");
  }
  return std::string("Standard");
}

std::optional<ApiError> check_limits(const ParameterStore& store, const StoredParameter* existing,
                                     const std::string& tier, const WriteContext& ctx) {
  const bool adds_to_tier = !existing || existing->latest().tier != tier;
  const long long advanced =
      ctx.max_advanced_parameters > 0 ? ctx.max_advanced_parameters : ctx.settings.max_advanced_parameters;
  const long long standard =
      ctx.max_standard_parameters > 0 ? ctx.max_standard_parameters : ctx.settings.max_standard_parameters;
  const long long limit = tier == "Advanced" ? advanced : standard;
  if (adds_to_tier && store.count_in_tier(tier) >= limit) {
    return ssm_error("ParameterLimitExceeded",
                     "You have exceeded the number of parameters for this AWS account. Delete one or more "
                     "parameters and try again.");
  }
  if (existing && existing->versions.size() >= ParameterStore::kMaxVersions &&
      !existing->versions.front().labels.empty()) {
    return ssm_error("ParameterMaxVersionLimitExceeded",
                     "You attempted to create a new version of " + existing->name +
                         " by calling the PutParameter API with the overwrite flag. Version " +
                         std::to_string(existing->versions.front().version) +
                         ", the oldest version, can't be deleted because it has a label associated with it. Move "
                         "the label to another version of the parameter, and try again.");
  }
  return std::nullopt;
}

std::optional<ApiError> check_existing(const PutInput& in, const StoredParameter* existing, const WriteContext& ctx) {
  if (!existing) return std::nullopt;
  if (!in.overwrite) {
    return ssm_error("ParameterAlreadyExists",
                     "The parameter already exists. To overwrite this value, set the overwrite option in the "
                     "request to true.");
  }
  const auto window = std::chrono::duration_cast<Duration>(
      std::chrono::duration<double, std::milli>(ctx.settings.concurrent_update_window_ms));
  if (ctx.detect_concurrent_updates && window.count() > 0 && ctx.now >= existing->last_write &&
      ctx.now - existing->last_write < window) {
    return ssm_error("TooManyUpdates",
                     "There are concurrent updates for a resource that supports one update at a time.");
  }
  return std::nullopt;
}

}  // namespace

Result<PutOutcome> write_parameter(ParameterStore& store, const PutInput& in, const WriteContext& ctx) {
  const StoredParameter* existing = store.find(in.name);
  if (auto error = check_existing(in, existing, ctx)) return std::move(*error);
  auto merged = merge_version(in, existing);
  if (!merged) return std::move(merged).error();
  ParameterVersion v = std::move(*merged);
  if (in.allowed_pattern == std::nullopt) {
    if (auto error = check_allowed_pattern(v.allowed_pattern, v.value)) return std::move(*error);
  }
  if (auto error = check_data_type(v)) return std::move(*error);
  std::optional<TimePoint> expires;
  if (!v.policies.empty()) {
    auto parsed = parse_policies(v.policies);
    if (!parsed) return std::move(parsed).error();
    expires = parsed->expiration;
  }
  auto tier = resolve_tier(in, v, existing, store);
  if (!tier) return std::move(tier).error();
  v.tier = *tier;
  if (auto error = check_limits(store, existing, v.tier, ctx)) return std::move(*error);
  v.modified = ctx.now;
  v.modified_user = ctx.user;
  const bool created = existing == nullptr;
  StoredParameter& stored = store.commit(in.name, std::move(v), ctx.now, expires);
  if (created) stored.tags = in.tags;
  return PutOutcome{stored.latest().version, stored.latest().tier};
}

ApiResult put_parameter(SsmCall& call) {
  auto input = read_put_input(call.request.params);
  if (!input) return std::move(input).error();
  const PutInput& in = *input;
  if (auto error = check_put_input(in, call.account(), call.region())) return std::move(*error);
  const SsmSettings& settings = call.ctx.config.ssm;
  const auto in_force = [&](std::string_view code, long long configured) {
    return static_cast<long long>(count_quota_in_force(call.ctx, call.account(), call.region(), "ssm", code,
                                                       static_cast<double>(configured)));
  };
  const WriteContext ctx{call.ctx.now, call.caller_arn(), settings, true,
                         in_force(kStandardParametersQuota, settings.max_standard_parameters),
                         in_force(kAdvancedParametersQuota, settings.max_advanced_parameters)};
  auto outcome = write_parameter(call.store, in, ctx);
  if (!outcome) return std::move(outcome).error();
  ApiResponse response;
  response.body["Version"] = outcome->version;
  response.body["Tier"] = outcome->tier;
  return response;
}

}  // namespace chokepoint
