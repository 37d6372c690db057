#include "services/cloudformation/stack_record.hpp"

#include <map>
#include <stdexcept>

#include "persistence/record_time.hpp"
#include "services/cloudformation/template_document.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

std::string text(const json& j, const char* key) { return j.at(key).get<std::string>(); }

json resource_json(const StackResource& r) {
  return {{"logical_id", r.logical_id}, {"type", r.type},          {"physical_id", r.physical_id},
          {"status", r.status},         {"reason", r.reason},      {"updated", record_time(r.updated)},
          {"properties", r.properties}, {"attributes", r.attributes}, {"metadata", r.metadata},
          {"deletion_policy", r.deletion_policy}};
}

StackResource resource_from(const json& j) {
  StackResource r;
  r.logical_id = text(j, "logical_id");
  r.type = text(j, "type");
  r.physical_id = text(j, "physical_id");
  r.status = text(j, "status");
  r.reason = text(j, "reason");
  r.updated = time_from_record(j.at("updated"));
  r.properties = j.at("properties");
  r.attributes = j.at("attributes");
  r.metadata = j.at("metadata");
  r.deletion_policy = text(j, "deletion_policy");
  return r;
}

json event_json(const StackEvent& e) {
  return {{"event_id", e.event_id},
          {"logical_id", e.logical_id},
          {"physical_id", e.physical_id},
          {"resource_type", e.resource_type},
          {"status", e.status},
          {"reason", e.reason},
          {"properties", e.properties},
          {"client_request_token", e.client_request_token},
          {"time", record_time(e.time)}};
}

StackEvent event_from(const json& j) {
  return StackEvent{text(j, "event_id"),  text(j, "logical_id"), text(j, "physical_id"),
                    text(j, "resource_type"), text(j, "status"),  text(j, "reason"),
                    text(j, "properties"), text(j, "client_request_token"), time_from_record(j.at("time"))};
}

json output_json(const StackOutput& o) {
  return {{"key", o.key}, {"value", o.value}, {"description", o.description}, {"export_name", o.export_name}};
}

StackOutput output_from(const json& j) {
  return StackOutput{text(j, "key"), text(j, "value"), text(j, "description"), text(j, "export_name")};
}

json parameter_json(const ResolvedParameter& p) {
  return {{"key", p.key},   {"value", p.value},     {"evaluated", p.evaluated},
          {"type", p.type}, {"no_echo", p.no_echo}, {"resolved_value", p.resolved_value}};
}

ResolvedParameter parameter_from(const json& j) {
  return ResolvedParameter{text(j, "key"),  text(j, "value"), j.at("evaluated"),
                           text(j, "type"), j.at("no_echo").get<bool>(), text(j, "resolved_value")};
}

json definition_json(const StackDefinition& d) {
  json parameters = json::array();
  for (const auto& p : d.parameters) parameters.push_back(parameter_json(p));
  return {{"template_body", d.template_body},
          {"parameters", parameters},
          {"conditions", d.conditions},
          {"capabilities", d.capabilities},
          {"tags", d.tags},
          {"notification_arns", d.notification_arns},
          {"role_arn", d.role_arn},
          {"timeout_minutes", d.timeout_minutes ? json(*d.timeout_minutes) : json(nullptr)}};
}

// Definitions of one stack mostly share a template (the current one, the previous one, change sets): each
// distinct text is built once.
class TemplateBuilder {
 public:
  std::shared_ptr<const Template> build(const std::string& body) {
    auto& slot = built_[body];
    if (slot) return slot;
    auto doc = parse_template_document(body);
    if (auto* error = std::get_if<std::string>(&doc)) throw std::invalid_argument(*error);
    auto tmpl = build_template(std::get<json>(doc));
    if (auto* error = std::get_if<std::string>(&tmpl)) throw std::invalid_argument(*error);
    slot = std::make_shared<const Template>(std::move(std::get<Template>(tmpl)));
    return slot;
  }

 private:
  std::map<std::string, std::shared_ptr<const Template>> built_;
};

StackDefinition definition_from(const json& j, TemplateBuilder& templates) {
  StackDefinition d;
  d.template_body = text(j, "template_body");
  if (!d.template_body.empty()) d.tmpl = templates.build(d.template_body);  // empty: a stack under review
  for (const auto& p : j.at("parameters")) d.parameters.push_back(parameter_from(p));
  d.conditions = j.at("conditions").get<ConditionValues>();
  d.capabilities = j.at("capabilities").get<std::vector<std::string>>();
  d.tags = j.at("tags").get<Tags>();
  d.notification_arns = j.at("notification_arns").get<std::vector<std::string>>();
  d.role_arn = text(j, "role_arn");
  if (!j.at("timeout_minutes").is_null()) d.timeout_minutes = j.at("timeout_minutes").get<long long>();
  return d;
}

json change_json(const ResourceChange& c) {
  return {{"kind", static_cast<int>(c.kind)}, {"before", resource_json(c.before)},
          {"new_physical_id", c.new_physical_id}};
}

ResourceChange change_from(const json& j) {
  const int kind = j.at("kind").get<int>();
  if (kind < 0 || kind > static_cast<int>(ResourceChange::Kind::kReplaced)) throw std::invalid_argument("change kind");
  return ResourceChange{static_cast<ResourceChange::Kind>(kind), resource_from(j.at("before")),
                        text(j, "new_physical_id")};
}

json change_set_json(const ChangeSet& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"stack_id", c.stack_id},
          {"stack_name", c.stack_name},
          {"type", c.type},
          {"status", c.status},
          {"status_reason", c.status_reason},
          {"execution_status", c.execution_status},
          {"description", c.description},
          {"on_stack_failure", c.on_stack_failure},
          {"created", record_time(c.created)},
          {"definition", definition_json(c.definition)},
          {"changes", c.changes}};
}

std::shared_ptr<ChangeSet> change_set_from(const json& j, TemplateBuilder& templates) {
  auto c = std::make_shared<ChangeSet>();
  c->id = text(j, "id");
  c->name = text(j, "name");
  c->stack_id = text(j, "stack_id");
  c->stack_name = text(j, "stack_name");
  c->type = text(j, "type");
  c->status = text(j, "status");
  c->status_reason = text(j, "status_reason");
  c->execution_status = text(j, "execution_status");
  c->description = text(j, "description");
  c->on_stack_failure = text(j, "on_stack_failure");
  c->created = time_from_record(j.at("created"));
  c->definition = definition_from(j.at("definition"), templates);
  c->changes = j.at("changes");
  return c;
}

// The stack's own fields, apart from its collections.
json stack_fields(const Stack& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"account", s.account},
          {"region", s.region},
          {"status", s.status},
          {"status_reason", s.status_reason},
          {"created", record_time(s.created)},
          {"updated", record_time(s.updated)},
          {"deleted", record_time(s.deleted)},
          {"disable_rollback", s.disable_rollback},
          {"on_failure", s.on_failure},
          {"retain_except_on_create", s.retain_except_on_create},
          {"termination_protection", s.termination_protection},
          {"parent_id", s.parent_id},
          {"root_id", s.root_id},
          {"change_set_id", s.change_set_id},
          {"create_token", s.create_token},
          {"imports", s.imports},
          {"operation_serial", s.operation_serial},
          {"delete_requested", s.delete_requested},
          {"retain_on_delete", s.retain_on_delete}};
}

void read_stack_fields(const json& j, Stack& s) {
  s.id = text(j, "id");
  s.name = text(j, "name");
  s.account = text(j, "account");
  s.region = text(j, "region");
  s.status = text(j, "status");
  s.status_reason = text(j, "status_reason");
  s.created = time_from_record(j.at("created"));
  s.updated = optional_time_from_record(j.at("updated"));
  s.deleted = optional_time_from_record(j.at("deleted"));
  s.disable_rollback = j.at("disable_rollback").get<bool>();
  s.on_failure = text(j, "on_failure");
  s.retain_except_on_create = j.at("retain_except_on_create").get<bool>();
  s.termination_protection = j.at("termination_protection").get<bool>();
  s.parent_id = text(j, "parent_id");
  s.root_id = text(j, "root_id");
  s.change_set_id = text(j, "change_set_id");
  s.create_token = text(j, "create_token");
  s.imports = j.at("imports").get<std::vector<std::string>>();
  s.operation_serial = j.at("operation_serial").get<uint64_t>();
  s.delete_requested = j.at("delete_requested").get<bool>();
  s.retain_on_delete = j.at("retain_on_delete").get<std::vector<std::string>>();
}

}  // namespace

json stack_record(const Stack& stack, const std::vector<const ChangeSet*>& change_sets) {
  json record = stack_fields(stack);
  record["definition"] = definition_json(stack.definition);
  record["previous"] = stack.previous ? definition_json(*stack.previous) : json(nullptr);
  json& changes = record["changes"] = json::object();
  for (const auto& [id, c] : stack.changes) changes[id] = change_json(c);
  json& resources = record["resources"] = json::object();
  for (const auto& [id, r] : stack.resources) resources[id] = resource_json(r);
  json& events = record["events"] = json::array();
  for (const auto& e : stack.events) events.push_back(event_json(e));
  json& outputs = record["outputs"] = json::array();
  for (const auto& o : stack.outputs) outputs.push_back(output_json(o));
  json& sets = record["change_sets"] = json::array();
  for (const ChangeSet* c : change_sets) sets.push_back(change_set_json(*c));
  return record;
}

RecordedStack stack_from_record(const json& record) {
  TemplateBuilder templates;
  RecordedStack out;
  out.stack = std::make_shared<Stack>();
  Stack& s = *out.stack;
  read_stack_fields(record, s);
  s.definition = definition_from(record.at("definition"), templates);
  if (!record.at("previous").is_null()) s.previous = definition_from(record.at("previous"), templates);
  for (const auto& [id, c] : record.at("changes").items()) s.changes[id] = change_from(c);
  for (const auto& [id, r] : record.at("resources").items()) s.resources[id] = resource_from(r);
  for (const auto& e : record.at("events")) s.events.push_back(event_from(e));
  for (const auto& o : record.at("outputs")) s.outputs.push_back(output_from(o));
  for (const auto& c : record.at("change_sets")) out.change_sets.push_back(change_set_from(c, templates));
  return out;
}

}  // namespace chokepoint
