#pragma once
// The state of stacks, their resources, events, outputs and change sets. Plain data: every field is guarded
// by the RegionStacks mutex of the account and region the stack lives in (see stack_store.hpp).
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "config/cloudformation_settings.hpp"
#include "services/cloudformation/template_conditions.hpp"
#include "services/cloudformation/template_model.hpp"
#include "services/cloudformation/template_parameters.hpp"

namespace chokepoint {

struct StackOperation;

using Tags = std::vector<std::pair<std::string, std::string>>;
using ZoneMap = std::map<std::string, std::vector<std::string>>;  // region -> availability zones

struct StackEvent {
  std::string event_id;
  std::string logical_id;
  std::string physical_id;
  std::string resource_type;
  std::string status;
  std::string reason;
  std::string properties;  // JSON text of the resource's properties, on IN_PROGRESS events
  std::string client_request_token;
  TimePoint time;
};

struct StackResource {
  std::string logical_id;
  std::string type;
  std::string physical_id;
  std::string status;  // empty until the resource is first touched
  std::string reason;
  TimePoint updated;
  nlohmann::json properties;                             // resolved, as last applied
  nlohmann::json attributes = nlohmann::json::object();  // Fn::GetAtt values
  nlohmann::json metadata;
  std::string deletion_policy;  // from the template: Delete, Retain, Snapshot, RetainExceptOnCreate
};

struct StackOutput {
  std::string key;
  std::string value;
  std::string description;
  std::string export_name;
};

// What an update did to one resource, so that a rollback can undo it and a cleanup can finish it.
struct ResourceChange {
  enum class Kind { kCreated, kUpdated, kReplaced };
  Kind kind = Kind::kUpdated;
  StackResource before;         // kUpdated, kReplaced: the resource as it was
  std::string new_physical_id;  // kReplaced: the replacement (deleted again by a rollback)
};

// A template with the inputs it is applied with: what a create, an update or a change set carries.
struct StackDefinition {
  std::string template_body;
  std::shared_ptr<const Template> tmpl;
  std::vector<ResolvedParameter> parameters;
  ConditionValues conditions;
  std::vector<std::string> capabilities;
  Tags tags;
  std::vector<std::string> notification_arns;
  std::string role_arn;
  std::optional<long long> timeout_minutes;
};

struct Stack {
  std::string id;  // the stack ARN
  std::string name;
  std::string account;
  std::string region;
  std::string status;
  std::string status_reason;
  TimePoint created;
  std::optional<TimePoint> updated;
  std::optional<TimePoint> deleted;
  StackDefinition definition;                     // what the resources reflect (the new one while updating)
  std::optional<StackDefinition> previous;        // during an update: the definition being replaced
  std::map<std::string, ResourceChange> changes;  // during an update and its rollback: what the update did
  bool disable_rollback = false;
  std::string on_failure = "ROLLBACK";  // ROLLBACK, DELETE, DO_NOTHING
  bool retain_except_on_create = false;
  bool termination_protection = false;
  std::string parent_id;
  std::string root_id;
  std::string change_set_id;  // the change set being (or last) executed
  std::string create_token;   // CreateStack's ClientRequestToken: a retry with it gets the same stack
  std::map<std::string, StackResource> resources;
  std::vector<StackEvent> events;  // oldest first
  std::vector<StackOutput> outputs;
  std::vector<std::string> imports;           // export names the stack's template imports
  std::shared_ptr<StackOperation> operation;  // the operation in progress, if any
  uint64_t operation_serial = 0;
  bool delete_requested = false;              // DeleteStack arrived while another operation was running
  std::vector<std::string> retain_on_delete;  // DeleteStack's RetainResources
  CloudFormationSettings settings;            // as they were when the stack was created or last updated
  std::shared_ptr<const ZoneMap> zones;
};

struct ChangeSet {
  std::string id;  // ARN
  std::string name;
  std::string stack_id;
  std::string stack_name;
  std::string type;  // CREATE or UPDATE
  std::string status;
  std::string status_reason;
  std::string execution_status;
  std::string description;
  std::string on_stack_failure;
  TimePoint created;
  StackDefinition definition;
  nlohmann::json changes = nlohmann::json::array();  // wire form of the Changes list
};

struct StackExport {
  std::string name;
  std::string value;
  std::string stack_id;
};

}  // namespace chokepoint
