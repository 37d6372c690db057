// AWS::DynamoDB::Table through DynamoDB's CreateTable / UpdateTable / DeleteTable, waiting on DescribeTable
// until the table (and its indexes) are ACTIVE or gone, then UpdateTimeToLive, UpdateContinuousBackups and
// TagResource / UntagResource as the properties ask.
#include <memory>
#include <set>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/dynamodb_table_requests.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;
using Verdict = ChainTask::Verdict;

// What a table operation learns as it goes (shared by the links of one task).
struct TableState {
  std::string name;
  json attributes = json::object();
  int polls = 0;
};

json table_attributes(const json& table) {
  json out = json::object();
  if (table.contains("TableArn")) out["Arn"] = table["TableArn"];
  if (table.contains("LatestStreamArn")) out["StreamArn"] = table["LatestStreamArn"];
  return out;
}

// DescribeTable until ACTIVE; records the table's attributes.
void wait_until_active(ChainTask& task, std::shared_ptr<TableState> state, const std::string& token) {
  task.then(
      [state] {
        return ProviderStep::call("dynamodb", "DescribeTable", {{"TableName", state->name}});
      },
      [state, token](const CallOutcome& outcome, std::string& reason) {
        if (const ApiError* e = error_of(outcome)) {
          if (e->code == "ResourceNotFoundException" && ++state->polls < kMaxStatusPolls) return Verdict::kRepeat;
          reason = handler_failure_reason(outcome, token);
          return Verdict::kFail;
        }
        const json body = std::get<ApiResponse>(outcome.result).tree();
        state->attributes = table_attributes(body.value("Table", json::object()));
        if (table_is_active(body)) return Verdict::kNext;
        if (++state->polls >= kMaxStatusPolls) {
          reason = "Table " + state->name + " did not stabilize.";
          return Verdict::kFail;
        }
        return Verdict::kRepeat;
      });
}

void add_optional_call(ChainTask& task, const std::string& operation, json request, const std::string& token) {
  task.then(
      [operation, request]() -> std::optional<ProviderStep> {
        if (request.is_null()) return std::nullopt;
        return ProviderStep::call("dynamodb", operation, request);
      },
      fail_on_error(token));
}

std::unique_ptr<ChainTask> finishing_task(const ResourceRequest& request, std::shared_ptr<TableState> state) {
  auto task = std::make_unique<ChainTask>(request.poll_interval,
                                          [state] { return ProviderStep::succeeded(state->name, state->attributes); });
  task->report_physical_id([state] { return state->name; });
  return task;
}

// Tag changes of an update, as TagResource and UntagResource requests (null when none).
// TagResource and UntagResource requests for an update (null when not needed).
std::pair<json, json> table_tag_requests(const std::string& arn, const json& before, const json& after) {
  const TagChanges changes = tag_changes(before, after);
  json tag = changes.set.empty() ? json() : json{{"ResourceArn", arn}, {"Tags", changes.set}};
  json untag = changes.removed.empty() ? json() : json{{"ResourceArn", arn}, {"TagKeys", changes.removed}};
  return {tag, untag};
}

class DynamoDbTableProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::DynamoDB::Table"; }
  bool has_attribute(const std::string& attribute) const override {
    return attribute == "Arn" || attribute == "StreamArn";
  }
  std::string requires_recreation(const std::string& property) const override {
    if (property == "TableName" || property == "KeySchema" || property == "LocalSecondaryIndexes") return "Always";
    if (property == "AttributeDefinitions") return "Conditionally";
    if (property == "ImportSourceSpecification") return "Always";
    return "Never";
  }

  std::string name_property() const override { return "TableName"; }
  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    auto state = std::make_shared<TableState>();
    state->name = prop_string(request.properties, "TableName").value_or(generated_name(request, 255));
    json props = request.properties;
    if (const json tags = creation_tags(props, request); !tags.empty()) props["Tags"] = tags;
    const std::string token = request.request_token;
    auto task = finishing_task(request, state);
    task->then(
        [state, props] {
          return ProviderStep::call("dynamodb", "CreateTable", create_table_request(state->name, props));
        },
        fail_on_error(token));
    wait_until_active(*task, state, token);
    add_optional_call(*task, "UpdateTimeToLive", time_to_live_request(state->name, json::object(), props), token);
    add_optional_call(*task, "UpdateContinuousBackups", point_in_time_request(state->name, json::object(), props),
                      token);
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    auto state = std::make_shared<TableState>();
    state->name = request.physical_id;
    state->attributes = request.attributes;
    const json before = request.previous_properties, after = request.properties;
    const std::string token = request.request_token;
    auto task = finishing_task(request, state);
    for (const auto& update : update_table_requests(state->name, before, after)) {
      task->then([update] { return ProviderStep::call("dynamodb", "UpdateTable", update); }, fail_on_error(token));
      wait_until_active(*task, state, token);
    }
    add_optional_call(*task, "UpdateTimeToLive", time_to_live_request(state->name, before, after), token);
    add_optional_call(*task, "UpdateContinuousBackups", point_in_time_request(state->name, before, after), token);
    const auto [tag, untag] = table_tag_requests(request.attributes.value("Arn", ""), before, after);
    add_optional_call(*task, "TagResource", tag, token);
    add_optional_call(*task, "UntagResource", untag, token);
    return task;
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    auto state = std::make_shared<TableState>();
    state->name = request.physical_id;
    const std::string token = request.request_token;
    auto task = finishing_task(request, state);
    task->then(
        [state] {
          return ProviderStep::call("dynamodb", "DeleteTable", {{"TableName", state->name}});
        },
        fail_on_error(token, {"ResourceNotFoundException"}));
    task->then(
        [state] {
          return ProviderStep::call("dynamodb", "DescribeTable", {{"TableName", state->name}});
        },
        [state, token](const CallOutcome& outcome, std::string& reason) {
          const ApiError* e = error_of(outcome);
          if (e && e->code == "ResourceNotFoundException") return Verdict::kNext;
          if (e) {
            reason = handler_failure_reason(outcome, token);
            return Verdict::kFail;
          }
          if (++state->polls < kMaxStatusPolls) return Verdict::kRepeat;
          reason = "Table " + state->name + " did not finish deleting.";
          return Verdict::kFail;
        });
    return task;
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_dynamodb_table_provider() {
  return std::make_unique<DynamoDbTableProvider>();
}

}  // namespace chokepoint
