// SsmService's durable mode. Records, keyed by "ACCOUNT/REGION/NAME" (NAME as name_key() spells it):
//   "parameter"  every stored version (value, type, labels, policies as given, ...), tags, last write and
//                expiration; null once deleted
//   "settings"   (key "ACCOUNT/REGION/") the customized service settings
// Parameters removed by an Expiration policy need no record: the restored expiration removes them again.
#include <set>

#include "common/strings.hpp"
#include "config/ssm_parameter_names.hpp"
#include "persistence/record_time.hpp"
#include "protocol/params.hpp"
#include "services/ssm/ssm_service.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kSsmRecords = "ssm";

using nlohmann::json;

json version_json(const ParameterVersion& v) {
  return {{"version", v.version},         {"value", v.value},       {"type", v.type},
          {"key_id", v.key_id},           {"description", v.description},
          {"allowed_pattern", v.allowed_pattern},
          {"tier", v.tier},               {"data_type", v.data_type}, {"policies", v.policies},
          {"modified", record_time(v.modified)}, {"modified_user", v.modified_user}, {"labels", v.labels}};
}

ParameterVersion version_from(const json& j) {
  ParameterVersion v;
  v.version = j.at("version").get<long long>();
  v.value = j.at("value").get<std::string>();
  v.type = j.at("type").get<std::string>();
  v.key_id = j.at("key_id").get<std::string>();
  v.description = j.at("description").get<std::string>();
  v.allowed_pattern = j.at("allowed_pattern").get<std::string>();
  v.tier = j.at("tier").get<std::string>();
  v.data_type = j.at("data_type").get<std::string>();
  v.policies = j.at("policies").get<std::string>();
  v.modified = time_from_record(j.at("modified"));
  v.modified_user = j.at("modified_user").get<std::string>();
  v.labels = j.at("labels").get<std::vector<std::string>>();
  return v;
}

json parameter_json(const StoredParameter& p) {
  json versions = json::array();
  for (const auto& v : p.versions) versions.push_back(version_json(v));
  return {{"name", p.name},
          {"versions", versions},
          {"tags", p.tags},
          {"last_write", record_time(p.last_write)},
          {"expires", p.expires ? record_time(*p.expires) : json(nullptr)}};
}

void restore_parameter(ParameterStore& store, const std::string& key, const json& state) {
  store.erase(key);
  if (state.is_null()) return;
  const auto name = state.at("name").get<std::string>();
  std::optional<TimePoint> expires;
  if (!state.at("expires").is_null()) expires = time_from_record(state.at("expires"));
  const TimePoint last_write = time_from_record(state.at("last_write"));
  StoredParameter* p = nullptr;
  for (const auto& v : state.at("versions")) p = &store.commit(name, version_from(v), last_write, expires);
  if (p) p->tags = state.at("tags").get<std::map<std::string, std::string>>();
}

json settings_json(const ParameterStore& store) {
  json out = json::object();
  for (const auto& [id, s] : store.settings()) {
    out[id] = {{"value", s.value}, {"modified", record_time(s.modified)}, {"user", s.user}};
  }
  return out;
}

void restore_settings(ParameterStore& store, const json& state) {
  store.settings().clear();
  if (!state.is_object()) return;
  for (const auto& [id, s] : state.items()) {
    store.settings()[id] = ServiceSettingState{s.at("value").get<std::string>(), time_from_record(s.at("modified")),
                                               s.at("user").get<std::string>()};
  }
}

// The parameters an operation may have changed, as the request names them.
std::vector<std::string> touched_names(const ApiRequest& request) {
  std::vector<std::string> names;
  const std::string& op = request.operation;
  if (op == "PutParameter" || op == "DeleteParameter" || op == "LabelParameterVersion" ||
      op == "UnlabelParameterVersion") {
    if (auto name = param_string(request.params, "Name")) names.push_back(*name);
  } else if (op == "DeleteParameters") {
    if (const json* list = param_list(request.params, "Names")) {
      for (const auto& n : *list) {
        if (n.is_string()) names.push_back(n.get<std::string>());
      }
    }
  } else if (op == "AddTagsToResource" || op == "RemoveTagsFromResource") {
    if (auto id = param_string(request.params, "ResourceId")) names.push_back(std::string(trim(*id)));
  }
  return names;
}

}  // namespace

std::string_view SsmService::persistence_name() const { return kSsmRecords; }

void SsmService::attach_change_log(ChangeLog* log) {
  std::lock_guard lock(mutex_);
  change_log_ = log;
}

void SsmService::record_changes(const ApiRequest& request, const ParameterStore& store) {
  const std::string prefix = request.identity.account_id + "/" + request.identity.region + "/";
  if (request.operation == "UpdateServiceSetting" || request.operation == "ResetServiceSetting") {
    change_log_->append(json_record_text(kSsmRecords, "settings", prefix, settings_json(store)));
    return;
  }
  for (const std::string& name : touched_names(request)) {
    const StoredParameter* p = store.find(name);
    const json state = p ? parameter_json(*p) : json(nullptr);
    change_log_->append(json_record_text(kSsmRecords, "parameter", prefix + name_key(name), state));
  }
}

void SsmService::dump(const RecordSink& emit) const {
  std::lock_guard lock(mutex_);
  for (const auto& [store_id, store] : stores_) {
    const std::string prefix = store_id + "/";
    for (const auto& [key, p] : store.parameters()) emit(json_record_text(kSsmRecords, "parameter", prefix + key, parameter_json(p)));
    if (!store.settings().empty()) emit(json_record_text(kSsmRecords, "settings", prefix, settings_json(store)));
  }
}

void SsmService::restore(const ChangeRecord& record, const RestoreContext& ctx) {
  const auto key = split_regional_key(record.key);
  if (!key) return;
  std::lock_guard lock(mutex_);
  auto [it, created] = stores_.try_emplace(key->account + "/" + key->region);
  if (created) seed_store(it->second, ctx.config, key->account, key->region, ctx.now);
  try {
    if (record.kind == "parameter") restore_parameter(it->second, key->rest, record.state);
    if (record.kind == "settings") restore_settings(it->second, record.state);
  } catch (const std::exception&) {
    // A record this version cannot read is skipped; the rest of the state is still worth having.
  }
}

}  // namespace chokepoint
