// AWS::SSM::Parameter through SSM's PutParameter / DeleteParameter (and AddTagsToResource /
// RemoveTagsFromResource when an update changes tags).
#include <memory>
#include <set>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

std::optional<std::string> missing_required(const json& props) {
  for (const char* key : {"Type", "Value"}) {
    if (!prop_string(props, key))
      return property_validation_failure(std::string("The property {/") + key + "} is required");
  }
  const std::string type = *prop_string(props, "Type");
  if (type != "String" && type != "StringList") {
    return property_validation_failure("#/Type: " + type + " is not a valid enum value");
  }
  return std::nullopt;
}

json put_request(const std::string& name, const json& props, bool overwrite, const json& tags = json::array()) {
  json p = {{"Name", name}, {"Value", *prop_string(props, "Value")}, {"Type", *prop_string(props, "Type")}};
  for (const char* key : {"Description", "AllowedPattern", "Tier", "Policies", "DataType"}) {
    if (auto v = prop_string(props, key)) p[key] = *v;
  }
  if (overwrite) {
    p["Overwrite"] = true;  // PutParameter refuses Tags together with Overwrite: tags go separately
  } else if (!tags.empty()) {
    p["Tags"] = tags;
  }
  return p;
}

json attributes(const json& props) {
  return {{"Type", prop_string(props, "Type").value_or("")}, {"Value", prop_string(props, "Value").value_or("")}};
}

// Tag changes of an update: keys to set and keys to drop.
std::pair<json, json> tag_changes(const json& before, const json& after) {
  const json old_tags = tag_list(before.value("Tags", json())), new_tags = tag_list(after.value("Tags", json()));
  std::set<std::string> kept;
  for (const auto& t : new_tags) kept.insert(t["Key"].get<std::string>());
  json removed = json::array();
  for (const auto& t : old_tags) {
    if (!kept.count(t["Key"].get<std::string>())) removed.push_back(t["Key"]);
  }
  return {old_tags == new_tags ? json::array() : new_tags, removed};
}

class SsmParameterProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::SSM::Parameter"; }
  bool has_attribute(const std::string& attribute) const override {
    return attribute == "Type" || attribute == "Value";
  }
  std::string requires_recreation(const std::string& property) const override {
    return property == "Name" ? "Always" : "Never";
  }
  std::string name_property() const override { return "Name"; }
  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override;
  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override;
  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override;
};

std::unique_ptr<ResourceTask> SsmParameterProvider::create(ResourceRequest request) const {
  if (auto e = missing_required(request.properties)) return failed_task(*e);
  const std::string name = prop_string(request.properties, "Name")
                               .value_or("CFN-" + request.logical_id + "-" + request.ids->upper_alnum(12));
  const json props = request.properties;
  const json tags = creation_tags(props, request);
  auto task = std::make_unique<ChainTask>(request.poll_interval,
                                          [name, props] { return ProviderStep::succeeded(name, attributes(props)); });
  task->then(
      [name, props, tags] { return ProviderStep::call("ssm", "PutParameter", put_request(name, props, false, tags)); },
      fail_on_error(request.request_token));
  return task;
}

std::unique_ptr<ResourceTask> SsmParameterProvider::update(ResourceRequest request) const {
  if (auto e = missing_required(request.properties)) return failed_task(*e);
  const std::string name = request.physical_id;
  const json props = request.properties;
  const auto [set_tags, drop_tags] = tag_changes(request.previous_properties, props);
  auto task = std::make_unique<ChainTask>(request.poll_interval,
                                          [name, props] { return ProviderStep::succeeded(name, attributes(props)); });
  task->then([name, props] { return ProviderStep::call("ssm", "PutParameter", put_request(name, props, true)); },
             fail_on_error(request.request_token));
  task->then(
      [name, set = set_tags]() -> std::optional<ProviderStep> {
        if (set.empty()) return std::nullopt;
        return ProviderStep::call("ssm", "AddTagsToResource",
                                  {{"ResourceType", "Parameter"}, {"ResourceId", name}, {"Tags", set}});
      },
      fail_on_error(request.request_token));
  task->then(
      [name, drop = drop_tags]() -> std::optional<ProviderStep> {
        if (drop.empty()) return std::nullopt;
        return ProviderStep::call("ssm", "RemoveTagsFromResource",
                                  {{"ResourceType", "Parameter"}, {"ResourceId", name}, {"TagKeys", drop}});
      },
      fail_on_error(request.request_token));
  return task;
}

std::unique_ptr<ResourceTask> SsmParameterProvider::remove(ResourceRequest request) const {
  const std::string name = request.physical_id;
  auto task = std::make_unique<ChainTask>(request.poll_interval, [name] { return ProviderStep::succeeded(name); });
  task->then(
      [name] {
        return ProviderStep::call("ssm", "DeleteParameter", {{"Name", name}});
      },
      fail_on_error(request.request_token, {"ParameterNotFound"}));
  return task;
}

}  // namespace

std::unique_ptr<ResourceProvider> make_ssm_parameter_provider() {
  return std::make_unique<SsmParameterProvider>();
}

}  // namespace chokepoint
