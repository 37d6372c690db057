// AWS::SQS::Queue through the upstream: CreateQueue then GetQueueAttributes (for the ARN), SetQueueAttributes on
// update, DeleteQueue, as CloudFormation's resource handler makes them. Ref is the queue URL.
#include <memory>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/forwarded_support.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// The queue attributes CloudFormation sets from the resource's properties; SQS takes every value as text.
json sqs_queue_attributes(const json& props) {
  json out = json::object();
  for (const char* key :
       {"DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds",
        "VisibilityTimeout", "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit",
        "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled"}) {
    if (auto value = prop_string(props, key)) out[key] = *value;
  }
  for (const char* key : {"RedrivePolicy", "RedriveAllowPolicy"}) {
    if (props.is_object() && props.contains(key)) out[key] = document_text(props[key]);
  }
  return out;
}

struct SqsQueueState {
  std::string url;
  std::string arn;
};

json sqs_queue_result(const SqsQueueState& state, const std::string& name) {
  return {{"Arn", state.arn}, {"QueueName", name}, {"QueueUrl", state.url}};
}

// The name is the URL's last path segment.
std::string sqs_queue_name_of(const std::string& url) {
  const size_t slash = url.rfind('/');
  return slash == std::string::npos ? url : url.substr(slash + 1);
}

// GetQueueAttributes for the ARN, which Fn::GetAtt gives.
void sqs_then_read_arn(ChainTask& task, const std::shared_ptr<SqsQueueState>& state, const std::string& token) {
  task.then(
      [state] {
        return ProviderStep::call("sqs", "GetQueueAttributes",
                                  {{"QueueUrl", state->url}, {"AttributeNames", json::array({"QueueArn"})}});
      },
      [state, check = fail_on_error(token)](const CallOutcome& outcome, std::string& reason) {
        state->arn = answer_text(outcome, {"Attributes", "QueueArn"});
        return check(outcome, reason);
      });
}

class SqsQueueProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::SQS::Queue"; }
  std::string upstream_service() const override { return "sqs"; }
  bool has_attribute(const std::string& attribute) const override {
    return attribute == "Arn" || attribute == "QueueName" || attribute == "QueueUrl";
  }
  std::string requires_recreation(const std::string& property) const override {
    return property == "QueueName" || property == "FifoQueue" ? "Always" : "Never";
  }
  std::string name_property() const override { return "QueueName"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    const json& props = request.properties;
    const bool fifo = prop_string(props, "FifoQueue").value_or("false") == "true";
    // A FIFO queue's name ends in .fifo, generated ones too.
    const std::string name = prop_string(props, "QueueName")
                                 .value_or(fifo ? generated_name(request, 75) + ".fifo" : generated_name(request, 80));
    json params = {{"QueueName", name}};
    if (json attributes = sqs_queue_attributes(props); !attributes.empty()) params["Attributes"] = attributes;
    json tags = json::object();
    for (const auto& tag : creation_tags(props, request)) tags[tag["Key"].get<std::string>()] = tag["Value"];
    if (!tags.empty()) params["tags"] = tags;

    auto state = std::make_shared<SqsQueueState>();
    auto task = std::make_unique<ChainTask>(request.poll_interval, [state, name] {
      return ProviderStep::succeeded(state->url, sqs_queue_result(*state, name));
    });
    task->report_physical_id([state] { return state->url; });
    task->then([params] { return ProviderStep::call("sqs", "CreateQueue", params); },
               [state, check = fail_on_error(request.request_token)](const CallOutcome& outcome, std::string& reason) {
                 state->url = answer_text(outcome, {"QueueUrl"});
                 return check(outcome, reason);
               });
    sqs_then_read_arn(*task, state, request.request_token);
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    auto state = std::make_shared<SqsQueueState>();
    state->url = request.physical_id;
    state->arn = request.attributes.value("Arn", "");
    const std::string name = sqs_queue_name_of(state->url);
    const json attributes = sqs_queue_attributes(request.properties);
    auto task = std::make_unique<ChainTask>(request.poll_interval, [state, name] {
      return ProviderStep::succeeded(state->url, sqs_queue_result(*state, name));
    });
    task->then(
        [state, attributes]() -> std::optional<ProviderStep> {
          if (attributes.empty()) return std::nullopt;
          return ProviderStep::call("sqs", "SetQueueAttributes",
                                    {{"QueueUrl", state->url}, {"Attributes", attributes}});
        },
        fail_on_error(request.request_token));
    return task;
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    return one_call_delete(request, "sqs", "DeleteQueue", {{"QueueUrl", request.physical_id}},
                           {"AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"});
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_sqs_queue_provider() {
  return std::make_unique<SqsQueueProvider>();
}

}  // namespace chokepoint
