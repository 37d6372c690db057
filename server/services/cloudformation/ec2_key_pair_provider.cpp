// AWS::EC2::KeyPair through CreateKeyPair (or ImportKeyPair when PublicKeyMaterial is given) and DeleteKeyPair.
// Every property replaces the key pair. Ref is the key name; Fn::GetAtt gives KeyPairId and KeyFingerprint
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-keypair.html).
#include <memory>

#include "common/base64.hpp"
#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/ec2_provider_steps.hpp"
#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

struct KeyPairState {
  std::string name;
  json attributes = json::object();
};

json key_pair_request(const json& props, const ResourceRequest& request, const std::string& name) {
  json r = {{"KeyName", name}};
  if (auto material = prop_string(props, "PublicKeyMaterial")) {
    r["PublicKeyMaterial"] = base64_encode(*material);  // a blob: base64 on the wire
  } else {
    for (const char* key : {"KeyType", "KeyFormat"}) {
      if (auto v = prop_string(props, key)) r[key] = *v;
    }
  }
  if (auto spec = tag_specification("key-pair", creation_tags(props, request)); !spec.is_null()) {
    r["TagSpecification"] = spec;
  }
  return r;
}

class Ec2KeyPairProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::EC2::KeyPair"; }
  bool has_attribute(const std::string& attribute) const override {
    return attribute == "KeyPairId" || attribute == "KeyFingerprint";
  }
  std::string requires_recreation(const std::string&) const override { return "Always"; }
  std::string name_property() const override { return "KeyName"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    const auto name = prop_string(request.properties, "KeyName");
    if (!name) return failed_task(property_validation_failure("The property {/KeyName} is required"));
    const json call = key_pair_request(request.properties, request, *name);
    const std::string operation = call.contains("PublicKeyMaterial") ? "ImportKeyPair" : "CreateKeyPair";
    auto state = std::make_shared<KeyPairState>();
    state->name = *name;
    auto task = std::make_unique<ChainTask>(
        request.poll_interval, [state] { return ProviderStep::succeeded(state->name, state->attributes); });
    task->then([operation, call] { return ProviderStep::call("ec2", operation, call); },
               read_answer(request.request_token, [state](const json& answer, std::string&) {
                 state->attributes = {
                     {"KeyPairId", scalar_string(answer.value("keyPairId", json(""))).value_or("")},
                     {"KeyFingerprint", scalar_string(answer.value("keyFingerprint", json(""))).value_or("")}};
                 return true;
               }));
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    const std::string name = request.physical_id;
    return std::make_unique<ChainTask>(request.poll_interval, [name] { return ProviderStep::succeeded(name); });
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    const std::string name = request.physical_id;
    auto task = std::make_unique<ChainTask>(request.poll_interval, [name] { return ProviderStep::succeeded(name); });
    task->then([name] { return ProviderStep::call("ec2", "DeleteKeyPair", {{"KeyName", name}}); },
               fail_on_error(request.request_token));
    return task;
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_ec2_key_pair_provider() {
  return std::make_unique<Ec2KeyPairProvider>();
}

}  // namespace chokepoint
