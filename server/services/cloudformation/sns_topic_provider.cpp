// AWS::SNS::Topic through the upstream: CreateTopic (attributes and tags with it), SetTopicAttributes on update,
// DeleteTopic, as CloudFormation's resource handler makes them. Ref is the topic ARN.
#include <memory>

#include "protocol/wire_request_encoder.hpp"
#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/forwarded_support.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

json sns_topic_attributes(const json& props) {
  json out = json::object();
  for (const char* key : {"DisplayName", "KmsMasterKeyId", "FifoTopic", "ContentBasedDeduplication", "TracingConfig",
                          "SignatureVersion"}) {
    if (auto value = prop_string(props, key)) out[key] = *value;
  }
  if (props.is_object() && props.contains("DataProtectionPolicy")) {
    out["DataProtectionPolicy"] = document_text(props["DataProtectionPolicy"]);
  }
  return out;
}

// arn:aws:sns:region:account:name -> name.
std::string sns_topic_name_of(const std::string& arn) {
  const size_t colon = arn.rfind(':');
  return colon == std::string::npos ? arn : arn.substr(colon + 1);
}

json sns_topic_result(const std::string& arn) {
  return {{"TopicArn", arn}, {"TopicName", sns_topic_name_of(arn)}};
}

class SnsTopicProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::SNS::Topic"; }
  std::string upstream_service() const override { return "sns"; }
  bool has_attribute(const std::string& attribute) const override {
    return attribute == "TopicArn" || attribute == "TopicName";
  }
  std::string requires_recreation(const std::string& property) const override {
    return property == "TopicName" || property == "FifoTopic" ? "Always" : "Never";
  }
  std::string name_property() const override { return "TopicName"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    const json& props = request.properties;
    const bool fifo = prop_string(props, "FifoTopic").value_or("false") == "true";
    const std::string name =
        prop_string(props, "TopicName")
            .value_or(fifo ? generated_name(request, 251) + ".fifo" : generated_name(request, 256));
    json params = {{"Name", name}};
    if (json attributes = sns_topic_attributes(props); !attributes.empty())
      params["Attributes"] = query_map(attributes);
    if (json tags = creation_tags(props, request); !tags.empty()) params["Tags"] = tags;
    auto arn = std::make_shared<std::string>();
    auto task = std::make_unique<ChainTask>(request.poll_interval,
                                            [arn] { return ProviderStep::succeeded(*arn, sns_topic_result(*arn)); });
    task->report_physical_id([arn] { return *arn; });
    task->then([params] { return ProviderStep::call("sns", "CreateTopic", params); },
               [arn, check = fail_on_error(request.request_token)](const CallOutcome& outcome, std::string& reason) {
                 *arn = answer_text(outcome, {"TopicArn"});
                 return check(outcome, reason);
               });
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    const std::string arn = request.physical_id;
    auto task = std::make_unique<ChainTask>(request.poll_interval,
                                            [arn] { return ProviderStep::succeeded(arn, sns_topic_result(arn)); });
    const json before = sns_topic_attributes(request.previous_properties);
    const json after = sns_topic_attributes(request.properties);
    for (const auto& [name, value] : after.items()) {
      if (before.contains(name) && before[name] == value) continue;
      task->then(
          [arn, name = name, value = value] {
            return ProviderStep::call("sns", "SetTopicAttributes",
                                      {{"TopicArn", arn}, {"AttributeName", name}, {"AttributeValue", value}});
          },
          fail_on_error(request.request_token));
    }
    return task;
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    return one_call_delete(request, "sns", "DeleteTopic", {{"TopicArn", request.physical_id}}, {"NotFound"});
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_sns_topic_provider() {
  return std::make_unique<SnsTopicProvider>();
}

}  // namespace chokepoint
