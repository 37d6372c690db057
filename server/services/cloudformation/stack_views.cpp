#include "services/cloudformation/stack_views.hpp"

#include "common/time_format.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

json string_array(const std::vector<std::string>& values) {
  json out = json::array();
  for (const auto& v : values) out.push_back(v);
  return out;
}

json outputs_view(const std::vector<StackOutput>& outputs) {
  json out = json::array();
  for (const auto& o : outputs) {
    json item = {{"OutputKey", o.key}, {"OutputValue", o.value}};
    if (!o.description.empty()) item["Description"] = o.description;
    if (!o.export_name.empty()) item["ExportName"] = o.export_name;
    out.push_back(std::move(item));
  }
  return out;
}

void add_times(const Stack& s, json& out) {
  out["CreationTime"] = iso8601_millis(s.created);
  if (s.updated) out["LastUpdatedTime"] = iso8601_millis(*s.updated);
  if (s.deleted) out["DeletionTime"] = iso8601_millis(*s.deleted);
}

void add_lineage(const Stack& s, json& out) {
  if (!s.parent_id.empty()) out["ParentId"] = s.parent_id;
  if (!s.root_id.empty()) out["RootId"] = s.root_id;
}

}  // namespace

json parameters_view(const std::vector<ResolvedParameter>& parameters) {
  json out = json::array();
  for (const auto& p : parameters) {
    json item = {{"ParameterKey", p.key}, {"ParameterValue", p.no_echo ? "****" : p.value}};
    if (!p.resolved_value.empty()) item["ResolvedValue"] = p.no_echo ? "****" : p.resolved_value;
    out.push_back(std::move(item));
  }
  return out;
}

json tags_view(const Tags& tags) {
  json out = json::array();
  for (const auto& [k, v] : tags) out.push_back({{"Key", k}, {"Value", v}});
  return out;
}

json stack_view(const Stack& s) {
  const StackDefinition& d = s.definition;
  json out = {{"StackId", s.id}, {"StackName", s.name}, {"StackStatus", s.status}};
  if (!s.change_set_id.empty()) out["ChangeSetId"] = s.change_set_id;
  if (d.tmpl && !d.tmpl->description.empty()) out["Description"] = d.tmpl->description;
  out["Parameters"] = parameters_view(d.parameters);
  add_times(s, out);
  out["RollbackConfiguration"] = json::object();
  if (!s.status_reason.empty()) out["StackStatusReason"] = s.status_reason;
  out["DisableRollback"] = s.disable_rollback;
  out["NotificationARNs"] = string_array(d.notification_arns);
  if (d.timeout_minutes) out["TimeoutInMinutes"] = *d.timeout_minutes;
  out["Capabilities"] = string_array(d.capabilities);
  if (!s.outputs.empty()) out["Outputs"] = outputs_view(s.outputs);
  if (!d.role_arn.empty()) out["RoleARN"] = d.role_arn;
  out["Tags"] = tags_view(d.tags);
  if (s.status != "DELETE_COMPLETE") out["EnableTerminationProtection"] = s.termination_protection;
  add_lineage(s, out);
  out["DriftInformation"] = {{"StackDriftStatus", "NOT_CHECKED"}};
  if (s.retain_except_on_create) out["RetainExceptOnCreate"] = true;
  return out;
}

json stack_summary_view(const Stack& s) {
  json out = {{"StackId", s.id}, {"StackName", s.name}, {"StackStatus", s.status}};
  if (s.definition.tmpl && !s.definition.tmpl->description.empty()) {
    out["TemplateDescription"] = s.definition.tmpl->description;
  }
  add_times(s, out);
  if (!s.status_reason.empty()) out["StackStatusReason"] = s.status_reason;
  add_lineage(s, out);
  out["DriftInformation"] = {{"StackDriftStatus", "NOT_CHECKED"}};
  return out;
}

json event_view(const Stack& s, const StackEvent& e) {
  json out = {{"StackId", s.id},
              {"EventId", e.event_id},
              {"StackName", s.name},
              {"LogicalResourceId", e.logical_id},
              {"PhysicalResourceId", e.physical_id},
              {"ResourceType", e.resource_type},
              {"Timestamp", iso8601_millis(e.time)},
              {"ResourceStatus", e.status}};
  if (!e.reason.empty()) out["ResourceStatusReason"] = e.reason;
  if (!e.properties.empty()) out["ResourceProperties"] = e.properties;
  if (!e.client_request_token.empty()) out["ClientRequestToken"] = e.client_request_token;
  return out;
}

json resource_summary_view(const StackResource& r) {
  json out = {{"LogicalResourceId", r.logical_id},
              {"PhysicalResourceId", r.physical_id},
              {"ResourceType", r.type},
              {"LastUpdatedTimestamp", iso8601_millis(r.updated)},
              {"ResourceStatus", r.status}};
  if (!r.reason.empty()) out["ResourceStatusReason"] = r.reason;
  out["DriftInformation"] = {{"StackResourceDriftStatus", "NOT_CHECKED"}};
  return out;
}

json resource_view(const Stack& s, const StackResource& r) {
  json out = {{"StackName", s.name},
              {"StackId", s.id},
              {"LogicalResourceId", r.logical_id},
              {"PhysicalResourceId", r.physical_id},
              {"ResourceType", r.type},
              {"Timestamp", iso8601_millis(r.updated)},
              {"ResourceStatus", r.status}};
  if (!r.reason.empty()) out["ResourceStatusReason"] = r.reason;
  out["DriftInformation"] = {{"StackResourceDriftStatus", "NOT_CHECKED"}};
  return out;
}

json resource_detail_view(const Stack& s, const StackResource& r) {
  json out = resource_view(s, r);
  out.erase("Timestamp");
  out["LastUpdatedTimestamp"] = iso8601_millis(r.updated);
  if (!r.metadata.is_null()) out["Metadata"] = r.metadata.dump();
  return out;
}

json change_set_summary_view(const ChangeSet& cs) {
  json out = {{"StackId", cs.stack_id},
              {"StackName", cs.stack_name},
              {"ChangeSetId", cs.id},
              {"ChangeSetName", cs.name},
              {"ExecutionStatus", cs.execution_status},
              {"Status", cs.status},
              {"CreationTime", iso8601_millis(cs.created)},
              {"IncludeNestedStacks", false}};
  if (!cs.status_reason.empty()) out["StatusReason"] = cs.status_reason;
  if (!cs.description.empty()) out["Description"] = cs.description;
  return out;
}

json change_set_view(const ChangeSet& cs) {
  json out = change_set_summary_view(cs);
  out["Parameters"] = parameters_view(cs.definition.parameters);
  out["NotificationARNs"] = string_array(cs.definition.notification_arns);
  out["RollbackConfiguration"] = json::object();
  out["Capabilities"] = string_array(cs.definition.capabilities);
  out["Tags"] = tags_view(cs.definition.tags);
  out["Changes"] = cs.changes;
  if (!cs.on_stack_failure.empty()) out["OnStackFailure"] = cs.on_stack_failure;
  return out;
}

}  // namespace chokepoint
