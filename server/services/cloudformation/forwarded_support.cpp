#include "services/cloudformation/forwarded_support.hpp"

#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/intrinsic_functions.hpp"

namespace chokepoint {

namespace {

const nlohmann::json* answer_at(const CallOutcome& outcome, std::initializer_list<const char*> path,
                                nlohmann::json& holder) {
  const auto* response = std::get_if<ApiResponse>(&outcome.result);
  if (!response) return nullptr;
  holder = response->tree();
  const nlohmann::json* at = &holder;
  for (const char* key : path) {
    if (!at->is_object() || !at->contains(key)) return nullptr;
    at = &(*at)[key];
  }
  return at;
}

}  // namespace

std::string answer_text(const CallOutcome& outcome, std::initializer_list<const char*> path) {
  nlohmann::json holder;
  const nlohmann::json* at = answer_at(outcome, path, holder);
  return at ? scalar_string(*at).value_or("") : std::string();
}

nlohmann::json answer_list(const CallOutcome& outcome, std::initializer_list<const char*> path) {
  nlohmann::json holder;
  const nlohmann::json* at = answer_at(outcome, path, holder);
  return at && at->is_array() ? *at : nlohmann::json::array();
}

std::string document_text(const nlohmann::json& document) {
  return document.is_string() ? document.get<std::string>() : document.dump();
}

std::vector<std::string> property_strings(const nlohmann::json& props, const std::string& key) {
  std::vector<std::string> out;
  if (!props.is_object() || !props.contains(key) || !props[key].is_array()) return out;
  for (const auto& item : props[key]) {
    if (auto text = scalar_string(item)) out.push_back(*text);
  }
  return out;
}

std::unique_ptr<ResourceTask> one_call_delete(const ResourceRequest& request, std::string service,
                                              std::string operation, nlohmann::json params,
                                              std::vector<std::string> gone_codes) {
  const std::string id = request.physical_id;
  auto task = std::make_unique<ChainTask>(request.poll_interval, [id] { return ProviderStep::succeeded(id); });
  task->then([service = std::move(service), operation = std::move(operation),
              params = std::move(params)] { return ProviderStep::call(service, operation, params); },
             fail_on_error(request.request_token, std::move(gone_codes)));
  return task;
}

}  // namespace chokepoint
