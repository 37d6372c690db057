#include "services/ssm/ssm_service.hpp"

#include "protocol/params.hpp"
#include "services/ssm/put_parameter.hpp"
#include "services/ssm/service_settings.hpp"

namespace chokepoint {

namespace {

ServiceDescriptor ssm_descriptor() {
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

// The parameter (or path, tagged resource, setting) a call addresses: the first of these it names.
std::string named_parameter(const nlohmann::json& params) {
  for (const char* key : {"Name", "Path", "ResourceId", "SettingId"}) {
    if (auto value = param_string(params, key)) return *value;
  }
  if (const auto* names = param_list(params, "Names"); names && !names->empty() && (*names)[0].is_string()) {
    return (*names)[0].get<std::string>();
  }
  return {};
}

}  // namespace

std::vector<OperationTable<SsmHandler>::Entry> ssm_operations() {
  constexpr std::string_view kReads = "ParameterReads";  // a group of `throttling.ssm` in config/default.yaml
  constexpr Plane kControl = Plane::kControl;
  constexpr bool kJournaled = true;
  return {
      // name, bucket, plane, changes durable state, resource; handler
      {{"PutParameter", "PutParameter", kControl, kJournaled, named_parameter}, put_parameter},
      {{"GetParameter", kReads, kControl, false, named_parameter}, get_parameter},
      {{"GetParameters", kReads, kControl, false, named_parameter}, get_parameters},
      {{"GetParametersByPath", kReads, kControl, false, named_parameter}, get_parameters_by_path},
      {{"GetParameterHistory", kDefaultBucket, kControl, false, named_parameter}, get_parameter_history},
      {{"DeleteParameter", kDefaultBucket, kControl, kJournaled, named_parameter}, delete_parameter},
      {{"DeleteParameters", kDefaultBucket, kControl, kJournaled, named_parameter}, delete_parameters},
      {{"DescribeParameters", "DescribeParameters", kControl, false, nullptr}, describe_parameters},
      {{"LabelParameterVersion", kDefaultBucket, kControl, kJournaled, named_parameter}, label_parameter_version},
      {{"UnlabelParameterVersion", kDefaultBucket, kControl, kJournaled, named_parameter}, unlabel_parameter_version},
      {{"AddTagsToResource", kDefaultBucket, kControl, kJournaled, named_parameter}, add_tags_to_resource},
      {{"ListTagsForResource", kDefaultBucket, kControl, false, named_parameter}, list_tags_for_resource},
      {{"RemoveTagsFromResource", kDefaultBucket, kControl, kJournaled, named_parameter}, remove_tags_from_resource},
      {{"GetServiceSetting", kDefaultBucket, kControl, false, named_parameter}, get_service_setting},
      {{"UpdateServiceSetting", kDefaultBucket, kControl, kJournaled, named_parameter}, update_service_setting},
      {{"ResetServiceSetting", kDefaultBucket, kControl, kJournaled, named_parameter}, reset_service_setting},
  };
}

namespace {

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

SsmService::SsmService() : descriptor_(ssm_descriptor()), operations_(ssm_operations()) {
  list_operations(descriptor_, operations_);
}

ParameterStore& SsmService::store_for(const Identity& identity, const CallContext& ctx) {
  auto [it, created] = stores_.try_emplace(store_key(identity.account_id, identity.region));
  if (created) seed_store(it->second, ctx.config, identity.account_id, identity.region, ctx.now);
  return it->second;
}

ApiResult SsmService::handle(const ApiRequest& request, CallContext& ctx) {
  const auto* operation = operations_.find(request.operation);
  if (!operation) return unknown_operation(request.operation);
  std::lock_guard lock(mutex_);
  ParameterStore& store = store_for(request.identity, ctx);
  store.purge_expired(ctx.now);
  SsmCall call{request, ctx, store};
  ApiResult result = operation->handler(call);
  if (change_log_ && operation->traits.changes_state && !is_error(result)) record_changes(request, store);
  return result;
}

std::string SsmService::rate_variant(const ApiRequest& request, const CallContext&) const {
  std::lock_guard lock(mutex_);
  const auto it = stores_.find(store_key(request.identity.account_id, request.identity.region));
  return it != stores_.end() && high_throughput_enabled(it->second) ? "high_throughput" : "";
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
