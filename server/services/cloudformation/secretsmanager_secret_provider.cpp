// AWS::SecretsManager::Secret through the upstream: GetRandomPassword first when the template asks for a generated
// secret, CreateSecret, UpdateSecret on update, DeleteSecret without a recovery window, as CloudFormation's resource
// handler makes them. Ref and the Id attribute are the secret's ARN.
#include <memory>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/forwarded_support.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// GenerateSecretString's options, as GetRandomPassword takes them.
json secret_password_options(const json& generate) {
  json out = json::object();
  for (const char* key : {"PasswordLength", "ExcludeCharacters", "ExcludeLowercase", "ExcludeNumbers",
                          "ExcludePunctuation", "ExcludeUppercase", "IncludeSpace", "RequireEachIncludedType"}) {
    if (!generate.contains(key)) continue;
    const json& value = generate[key];
    // Template values may arrive as text ("true", "32"); the JSON API wants their types.
    if (value.is_string() && (value == "true" || value == "false")) {
      out[key] = value == "true";
    } else if (value.is_string() && key == std::string("PasswordLength")) {
      out[key] = std::stoll(value.get<std::string>());
    } else {
      out[key] = value;
    }
  }
  return out;
}

// The secret text: SecretString, or the generated password, alone or under GenerateStringKey in the template.
std::string secret_text(const json& props, const std::string& password) {
  if (auto text = prop_string(props, "SecretString")) return *text;
  const json generate = props.value("GenerateSecretString", json::object());
  const auto key = prop_string(generate, "GenerateStringKey");
  const auto base = prop_string(generate, "SecretStringTemplate");
  if (!key || !base) return password;
  json document = json::parse(*base, nullptr, false);
  if (!document.is_object()) return password;
  document[*key] = password;
  return document.dump();
}

class SecretsManagerSecretProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::SecretsManager::Secret"; }
  std::string upstream_service() const override { return "secretsmanager"; }
  bool has_attribute(const std::string& attribute) const override { return attribute == "Id"; }
  std::string requires_recreation(const std::string& property) const override {
    return property == "Name" ? "Always" : "Never";
  }
  std::string name_property() const override { return "Name"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    const json props = request.properties;
    if (props.contains("SecretString") && props.contains("GenerateSecretString")) {
      return failed_task("You can't specify both SecretString and GenerateSecretString");
    }
    struct State {
      std::string password, arn;
    };
    auto state = std::make_shared<State>();
    const std::string name = prop_string(props, "Name").value_or(generated_name(request, 512));
    json params = {{"Name", name}, {"ClientRequestToken", request.request_token}};
    for (const char* key : {"Description", "KmsKeyId"}) {
      if (auto value = prop_string(props, key)) params[key] = *value;
    }
    if (json tags = creation_tags(props, request); !tags.empty()) params["Tags"] = tags;
    auto task = std::make_unique<ChainTask>(request.poll_interval, [state] {
      return ProviderStep::succeeded(state->arn, json{{"Id", state->arn}});
    });
    task->report_physical_id([state] { return state->arn; });
    task->then(
        [props]() -> std::optional<ProviderStep> {
          if (!props.contains("GenerateSecretString")) return std::nullopt;
          return ProviderStep::call("secretsmanager", "GetRandomPassword",
                                    secret_password_options(props["GenerateSecretString"]));
        },
        [state, check = fail_on_error(request.request_token)](const CallOutcome& outcome, std::string& reason) {
          state->password = answer_text(outcome, {"RandomPassword"});
          return check(outcome, reason);
        });
    task->then(
        [state, props, params]() mutable {
          if (props.contains("SecretString") || props.contains("GenerateSecretString")) {
            params["SecretString"] = secret_text(props, state->password);
          }
          return ProviderStep::call("secretsmanager", "CreateSecret", params);
        },
        [state, check = fail_on_error(request.request_token)](const CallOutcome& outcome, std::string& reason) {
          state->arn = answer_text(outcome, {"ARN"});
          return check(outcome, reason);
        });
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    const std::string arn = request.physical_id;
    const json& props = request.properties;
    json params = {{"SecretId", arn}};
    for (const char* key : {"Description", "KmsKeyId", "SecretString"}) {
      if (auto value = prop_string(props, key)) params[key] = *value;
    }
    auto task = std::make_unique<ChainTask>(request.poll_interval, [arn] {
      return ProviderStep::succeeded(arn, json{{"Id", arn}});
    });
    task->then(
        [params]() -> std::optional<ProviderStep> {
          if (params.size() == 1) return std::nullopt;
          return ProviderStep::call("secretsmanager", "UpdateSecret", params);
        },
        fail_on_error(request.request_token));
    return task;
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    return one_call_delete(request, "secretsmanager", "DeleteSecret",
                           {{"SecretId", request.physical_id}, {"ForceDeleteWithoutRecovery", true}},
                           {"ResourceNotFoundException"});
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_secretsmanager_secret_provider() {
  return std::make_unique<SecretsManagerSecretProvider>();
}

}  // namespace chokepoint
