// AWS::Lambda::Function through the upstream, as CloudFormation's resource handler does it: CreateFunction, then
// GetFunction until the function is Active; on update UpdateFunctionConfiguration and UpdateFunctionCode for what
// changed, each followed by GetFunction until the update is done (Lambda refuses a second update while one is in
// progress); DeleteFunction. Ref is the function name. Inline code (Code.ZipFile) is packaged as CloudFormation
// does: a zip archive holding the source as `index.js` (Node.js) or `index.py` (Python).
#include <algorithm>
#include <memory>
#include <string_view>
#include <variant>

#include "common/base64.hpp"
#include "common/zip_archive.hpp"
#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/forwarded_support.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// The properties that UpdateFunctionConfiguration takes as they are written in the template.
constexpr const char* kLambdaConfigKeys[] = {
    "Runtime",       "Role",        "Handler",          "Description",      "Timeout",
    "MemorySize",    "Environment", "DeadLetterConfig", "KmsKeyArn",        "Layers",
    "TracingConfig", "VpcConfig",   "ImageConfig",      "EphemeralStorage", "LoggingConfig"};
// Integers in the API; a template (or a parameter) may give them as text.
constexpr const char* kLambdaIntegerKeys[] = {"Timeout", "MemorySize"};

struct LambdaFunctionState {
  std::string arn;
  int polls = 0;
};

json lambda_function_result(const LambdaFunctionState& state) {
  return {{"Arn", state.arn}};
}

// The value of `key` as the API takes it: integers as numbers, everything else as given.
json lambda_api_value(const std::string& key, const json& value) {
  for (const char* integer : kLambdaIntegerKeys) {
    if (key != integer || !value.is_string()) continue;
    try {
      return std::stoll(value.get<std::string>());
    } catch (const std::exception&) {
      return value;  // the upstream names the bad value
    }
  }
  return value;
}

json lambda_config_params(const json& props) {
  json out = json::object();
  for (const char* key : kLambdaConfigKeys) {
    if (props.is_object() && props.contains(key) && !props[key].is_null()) out[key] = lambda_api_value(key, props[key]);
  }
  return out;
}

// The file CloudFormation puts inline code in; empty for runtimes it does not package inline code for.
std::string lambda_inline_file(const std::string& runtime) {
  if (runtime.starts_with("nodejs")) return "index.js";
  if (runtime.starts_with("python")) return "index.py";
  return "";
}

// Code as CreateFunction / UpdateFunctionCode take it; a failure reason instead when it cannot be packaged.
std::variant<json, std::string> lambda_code_params(const json& props) {
  const json code = props.is_object() && props.contains("Code") && props["Code"].is_object() ? props["Code"] : json();
  json out = json::object();
  if (code.is_null()) return out;
  for (const char* key : {"S3Bucket", "S3Key", "S3ObjectVersion", "ImageUri", "SourceKMSKeyArn"}) {
    if (auto value = prop_string(code, key)) out[key] = *value;
  }
  if (auto source = prop_string(code, "ZipFile")) {
    const std::string runtime = prop_string(props, "Runtime").value_or("");
    const std::string file = lambda_inline_file(runtime);
    if (file.empty()) {
      return "ZipFile can only be used when Runtime is set to either of nodejs or python runtimes (got '" + runtime +
             "').";
    }
    out["ZipFile"] = base64_encode(zip_archive({{file, *source}}));
  }
  return out;
}

// GetFunction until Configuration.<field> leaves `pending` values; fails on "Failed" with Lambda's reason.
void lambda_then_wait(ChainTask& task, const std::shared_ptr<LambdaFunctionState>& state, const std::string& name,
                      const char* field, const char* reason_field, const std::string& token) {
  task.then(
      [name] {
        return ProviderStep::call("lambda", "GetFunction", {{"FunctionName", name}});
      },
      [state, name, field, reason_field, check = fail_on_error(token)](const CallOutcome& outcome,
                                                                       std::string& reason) {
        const ChainTask::Verdict verdict = check(outcome, reason);
        if (verdict != ChainTask::Verdict::kNext) return verdict;
        if (const std::string arn = answer_text(outcome, {"Configuration", "FunctionArn"}); !arn.empty()) {
          state->arn = arn;
        }
        const std::string status = answer_text(outcome, {"Configuration", field});
        if (status == "Failed") {
          reason = "Function " + name + " failed: " + answer_text(outcome, {"Configuration", reason_field});
          return ChainTask::Verdict::kFail;
        }
        // Absent (an upstream that keeps no state) counts as done, as "Active" and "Successful" do.
        if (status != "Pending" && status != "InProgress") return ChainTask::Verdict::kNext;
        if (++state->polls >= kMaxStatusPolls) {
          reason = "Function " + name + " did not stabilize.";
          return ChainTask::Verdict::kFail;
        }
        return ChainTask::Verdict::kRepeat;
      });
}

class LambdaFunctionProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::Lambda::Function"; }
  std::string upstream_service() const override { return "lambda"; }
  bool has_attribute(const std::string& attribute) const override { return attribute == "Arn"; }
  std::string requires_recreation(const std::string& property) const override {
    return property == "FunctionName" || property == "PackageType" ? "Always" : "Never";
  }
  std::string name_property() const override { return "FunctionName"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    const json& props = request.properties;
    auto code = lambda_code_params(props);
    if (auto* problem = std::get_if<std::string>(&code)) return failed_task(*problem);
    const std::string name = prop_string(props, "FunctionName").value_or(generated_name(request, 64));
    json params = lambda_config_params(props);
    params["FunctionName"] = name;
    params["Code"] = std::get<json>(code);
    if (props.contains("Architectures")) params["Architectures"] = props["Architectures"];
    if (auto package = prop_string(props, "PackageType")) params["PackageType"] = *package;
    json tags = json::object();
    for (const auto& tag : creation_tags(props, request)) tags[tag["Key"].get<std::string>()] = tag["Value"];
    if (!tags.empty()) params["Tags"] = tags;

    auto state = std::make_shared<LambdaFunctionState>();
    auto task = std::make_unique<ChainTask>(
        request.poll_interval, [state, name] { return ProviderStep::succeeded(name, lambda_function_result(*state)); });
    task->report_physical_id([state, name] { return state->arn.empty() ? std::string() : name; });
    task->then([params] { return ProviderStep::call("lambda", "CreateFunction", params); },
               [state, check = fail_on_error(request.request_token)](const CallOutcome& outcome, std::string& reason) {
                 state->arn = answer_text(outcome, {"FunctionArn"});
                 return check(outcome, reason);
               });
    lambda_then_wait(*task, state, name, "State", "StateReason", request.request_token);
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    const std::string name = request.physical_id;
    const std::string& token = request.request_token;
    auto code = lambda_code_params(request.properties);
    if (auto* problem = std::get_if<std::string>(&code)) return failed_task(*problem);
    auto state = std::make_shared<LambdaFunctionState>();
    state->arn = request.attributes.value("Arn", "");
    auto task = std::make_unique<ChainTask>(
        request.poll_interval, [state, name] { return ProviderStep::succeeded(name, lambda_function_result(*state)); });

    const std::vector<std::string> changed = changed_properties(request.previous_properties, request.properties);
    const auto changed_any = [&changed](std::initializer_list<std::string_view> keys) {
      return std::any_of(changed.begin(), changed.end(), [&keys](const std::string& key) {
        return std::find(keys.begin(), keys.end(), key) != keys.end();
      });
    };
    if (std::any_of(std::begin(kLambdaConfigKeys), std::end(kLambdaConfigKeys), [&changed](const char* key) {
          return std::find(changed.begin(), changed.end(), key) != changed.end();
        })) {
      json params = lambda_config_params(request.properties);
      params["FunctionName"] = name;
      task->then([params] { return ProviderStep::call("lambda", "UpdateFunctionConfiguration", params); },
                 fail_on_error(token));
      lambda_then_wait(*task, state, name, "LastUpdateStatus", "LastUpdateStatusReason", token);
    }
    // A new runtime changes the inline file's name too, so the code is packaged again.
    if (changed_any({"Code", "Architectures", "Runtime"})) {
      json params = std::get<json>(code);
      params["FunctionName"] = name;
      if (request.properties.contains("Architectures")) params["Architectures"] = request.properties["Architectures"];
      task->then([params] { return ProviderStep::call("lambda", "UpdateFunctionCode", params); }, fail_on_error(token));
      lambda_then_wait(*task, state, name, "LastUpdateStatus", "LastUpdateStatusReason", token);
    }
    return task;
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    return one_call_delete(request, "lambda", "DeleteFunction", {{"FunctionName", request.physical_id}},
                           {"ResourceNotFoundException"});
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_lambda_function_provider() {
  return std::make_unique<LambdaFunctionProvider>();
}

}  // namespace chokepoint
