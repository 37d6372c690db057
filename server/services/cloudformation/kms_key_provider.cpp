// AWS::KMS::Key through the upstream: CreateKey (then DisableKey when Enabled is false, EnableKeyRotation when asked),
// ScheduleKeyDeletion with the template's pending window (7 days unless given) on delete, as CloudFormation's
// resource handler makes them. Ref is the key id.
#include <memory>

#include "common/strings.hpp"

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/forwarded_support.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

struct KmsKeyState {
  std::string key_id, arn;
};

json kms_key_create_params(const json& props, const ResourceRequest& request) {
  json p = json::object();
  for (const char* key : {"Description", "KeyUsage", "KeySpec", "Origin"}) {
    if (auto value = prop_string(props, key)) p[key] = *value;
  }
  if (props.contains("KeyPolicy")) p["Policy"] = document_text(props["KeyPolicy"]);
  if (prop_string(props, "MultiRegion") == "true") p["MultiRegion"] = true;
  json tags = json::array();
  for (const json& tag : creation_tags(props, request))
    tags.push_back({{"TagKey", tag["Key"]}, {"TagValue", tag["Value"]}});
  if (!tags.empty()) p["Tags"] = tags;
  return p;
}

class KmsKeyProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::KMS::Key"; }
  std::string upstream_service() const override { return "kms"; }
  bool has_attribute(const std::string& attribute) const override { return attribute == "Arn" || attribute == "KeyId"; }
  std::string requires_recreation(const std::string& property) const override {
    return property == "KeySpec" || property == "KeyUsage" || property == "MultiRegion" || property == "Origin"
               ? "Always"
               : "Never";
  }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    const json& props = request.properties;
    auto state = std::make_shared<KmsKeyState>();
    auto task = std::make_unique<ChainTask>(request.poll_interval, [state] {
      return ProviderStep::succeeded(state->key_id, json{{"Arn", state->arn}, {"KeyId", state->key_id}});
    });
    task->report_physical_id([state] { return state->key_id; });
    task->then(
        [params = kms_key_create_params(props, request)] { return ProviderStep::call("kms", "CreateKey", params); },
        [state, check = fail_on_error(request.request_token)](const CallOutcome& outcome, std::string& reason) {
          state->key_id = answer_text(outcome, {"KeyMetadata", "KeyId"});
          state->arn = answer_text(outcome, {"KeyMetadata", "Arn"});
          return check(outcome, reason);
        });
    const bool rotate = prop_string(props, "EnableKeyRotation") == "true";
    task->then(
        [state, rotate]() -> std::optional<ProviderStep> {
          if (!rotate) return std::nullopt;
          return ProviderStep::call("kms", "EnableKeyRotation", {{"KeyId", state->key_id}});
        },
        fail_on_error(request.request_token));
    const bool disabled = prop_string(props, "Enabled") == "false";
    task->then(
        [state, disabled]() -> std::optional<ProviderStep> {
          if (!disabled) return std::nullopt;
          return ProviderStep::call("kms", "DisableKey", {{"KeyId", state->key_id}});
        },
        fail_on_error(request.request_token));
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    const std::string key_id = request.physical_id;
    const json attributes = request.attributes;
    auto task = std::make_unique<ChainTask>(
        request.poll_interval, [key_id, attributes] { return ProviderStep::succeeded(key_id, attributes); });
    const std::string before = prop_string(request.previous_properties, "Enabled").value_or("true");
    const std::string after = prop_string(request.properties, "Enabled").value_or("true");
    if (before != after) {
      task->then(
          [key_id, enable = after == "true"] {
            return ProviderStep::call("kms", enable ? "EnableKey" : "DisableKey", {{"KeyId", key_id}});
          },
          fail_on_error(request.request_token));
    }
    return task;
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    long long days = 7;
    if (auto window = prop_string(request.properties, "PendingWindowInDays")) parse_int64(*window, days);
    // A key already pending deletion counts as deleted.
    return one_call_delete(request, "kms", "ScheduleKeyDeletion",
                           {{"KeyId", request.physical_id}, {"PendingWindowInDays", days}},
                           {"NotFoundException", "KMSInvalidStateException"});
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_kms_key_provider() {
  return std::make_unique<KmsKeyProvider>();
}

}  // namespace chokepoint
