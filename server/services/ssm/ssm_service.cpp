#include "services/ssm/ssm_service.hpp"

#include "protocol/params.hpp"
#include "services/ssm/put_parameter.hpp"
#include "services/ssm/service_settings.hpp"

namespace chokepoint {

namespace {

ServiceDescriptor make_ssm_descriptor() {
  ServiceDescriptor d;
  d.name = "ssm";
  d.protocol = Protocol::kJson11;
  d.json_target_prefix = "AmazonSSM";
  d.signing_name = "ssm";
  // Parameter Store's errors carry a bare __type ("ParameterNotFound"), front-end ones too.
  d.json_error_prefix = "";
  d.json_frontend_prefix = "";
  d.throttle_error = make_error("ThrottlingException", "Rate exceeded", 400);
  return d;
}

std::string store_key(const std::string& account, const std::string& region) {
  return account + "/" + region;
}

}  // namespace

std::string SsmCall::caller_arn() const {
  const Identity& id = request.identity;
  const AccountEntry* entry = ctx.config.find_account(id.access_key);
  if (entry && !entry->user_name.empty()) return "arn:aws:iam::" + id.account_id + ":user/" + entry->user_name;
  return "arn:aws:iam::" + id.account_id + ":root";
}

SsmService::SsmService() : descriptor_(make_ssm_descriptor()) {
  handlers_ = {
      {"PutParameter", put_parameter},
      {"GetParameter", get_parameter},
      {"GetParameters", get_parameters},
      {"GetParametersByPath", get_parameters_by_path},
      {"GetParameterHistory", get_parameter_history},
      {"DeleteParameter", delete_parameter},
      {"DeleteParameters", delete_parameters},
      {"DescribeParameters", describe_parameters},
      {"LabelParameterVersion", label_parameter_version},
      {"UnlabelParameterVersion", unlabel_parameter_version},
      {"AddTagsToResource", add_tags_to_resource},
      {"ListTagsForResource", list_tags_for_resource},
      {"RemoveTagsFromResource", remove_tags_from_resource},
      {"GetServiceSetting", get_service_setting},
      {"UpdateServiceSetting", update_service_setting},
      {"ResetServiceSetting", reset_service_setting},
  };
  for (const auto& [name, _] : handlers_) descriptor_.operations.insert(name);
}

ParameterStore& SsmService::store_for(const Identity& identity, const CallContext& ctx) {
  auto [it, created] = stores_.try_emplace(store_key(identity.account_id, identity.region));
  if (created) seed_store(it->second, ctx.config, identity.account_id, identity.region, ctx.now);
  return it->second;
}

ApiResult SsmService::handle(const ApiRequest& request, CallContext& ctx) {
  const auto handler = handlers_.find(request.operation);
  if (handler == handlers_.end()) {
    // The decoder only routes operations the descriptor lists; this guards direct callers.
    return make_error("UnknownOperationException", "Unknown operation " + request.operation);
  }
  std::lock_guard lock(mutex_);
  ParameterStore& store = store_for(request.identity, ctx);
  store.purge_expired(ctx.now);
  SsmCall call{request, ctx, store};
  ApiResult result = handler->second(call);
  if (change_log_ && !is_error(result)) record_changes(request, store);
  return result;
}

std::string SsmService::rate_variant(const ApiRequest& request, const CallContext&) const {
  std::lock_guard lock(mutex_);
  const auto it = stores_.find(store_key(request.identity.account_id, request.identity.region));
  return it != stores_.end() && high_throughput_enabled(it->second) ? "high_throughput" : "";
}

std::string SsmService::resource_of(const ApiRequest& request) const {
  for (const char* key : {"Name", "Path", "ResourceId", "SettingId"}) {
    if (auto value = param_string(request.params, key)) return *value;
  }
  if (const auto* names = param_list(request.params, "Names"); names && !names->empty() && (*names)[0].is_string()) {
    return (*names)[0].get<std::string>();
  }
  return {};
}

void SsmService::reset() {
  std::lock_guard lock(mutex_);
  stores_.clear();
}

void seed_store(ParameterStore& store, const Config& config, const std::string& account, const std::string& region,
                TimePoint now) {
  const WriteContext ctx{now, "arn:aws:iam::" + account + ":root", config.ssm, false};
  for (const auto& seed : config.ssm.parameters) {
    const std::string& seed_account = seed.account.empty() ? config.default_account : seed.account;
    const std::string& seed_region = seed.region.empty() ? config.default_region : seed.region;
    if (seed_account != account || seed_region != region) continue;
    // Seeds passed check_put_input (and were unique) when the config was loaded; one beyond the parameter
    // limits is skipped.
    (void)write_parameter(store, put_input_from_seed(seed), ctx);
  }
}

}  // namespace chokepoint
