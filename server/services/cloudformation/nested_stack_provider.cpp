// AWS::CloudFormation::Stack: a child stack created, updated and deleted through the CloudFormation service
// itself (NestedStackHost), watched until it settles. Fn::GetAtt Outputs.<Name> reads the child's outputs.
#include <memory>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/nested_stacks.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

json output_attributes(const NestedStackView& view) {
  json out = json::object();
  for (const auto& [key, value] : view.outputs) out["Outputs." + key] = value;
  return out;
}

NestedStackSpec spec_of(const ResourceRequest& r, const std::string& name) {
  NestedStackSpec spec;
  spec.account = r.account;
  spec.region = r.region;
  spec.parent_id = r.stack_id;
  spec.root_id = r.root_id.empty() ? r.stack_id : r.root_id;
  spec.name = name;
  spec.template_url = prop_string(r.properties, "TemplateURL").value_or("");
  const json parameters = r.properties.value("Parameters", json::object());
  for (const auto& [key, value] : parameters.items()) {
    if (value.is_array()) {
      std::string joined;
      for (const auto& item : value) {
        if (!joined.empty()) joined += ',';
        joined += scalar_string(item).value_or("");
      }
      spec.parameters[key] = joined;
    } else {
      spec.parameters[key] = scalar_string(value).value_or("");
    }
  }
  spec.capabilities = r.capabilities;
  spec.tags = r.tags;
  const json arns = r.properties.value("NotificationARNs", json());
  for (const auto& arn : arns.is_array() ? arns : json::array())
    spec.notification_arns.push_back(scalar_string(arn).value_or(""));
  long long minutes = 0;
  if (auto t = prop_string(r.properties, "TimeoutInMinutes")) minutes = std::atoll(t->c_str());
  spec.timeout_minutes = minutes;
  return spec;
}

// One operation on a child stack: start it, then watch the child until it settles.
class NestedStackTask final : public ResourceTask {
 public:
  enum class Kind { kCreate, kUpdate, kDelete };
  NestedStackTask(Kind kind, ResourceRequest request, std::string name)
      : kind_(kind), request_(std::move(request)), spec_(spec_of(request_, name)), stack_id_(request_.physical_id) {}

  ProviderStep next(const CallOutcome*) override {
    if (!started_) return start();
    const NestedStackView view = request_.nested->describe_nested(request_.account, request_.region, stack_id_);
    if (kind_ == Kind::kDelete && (!view.found || view.status == "DELETE_COMPLETE"))
      return ProviderStep::succeeded(stack_id_);
    if (ends_with(view.status, "_IN_PROGRESS")) return with_id(ProviderStep::wait(request_.poll_interval));
    const char* wanted = kind_ == Kind::kCreate ? "CREATE_COMPLETE" : kind_ == Kind::kUpdate ? "UPDATE_COMPLETE" : "";
    if (view.status == wanted) return ProviderStep::succeeded(stack_id_, output_attributes(view));
    const char* verb = kind_ == Kind::kCreate ? "created" : kind_ == Kind::kUpdate ? "updated" : "deleted";
    return with_id(ProviderStep::failed("Embedded stack " + stack_id_ + " was not successfully " + verb + ": " +
                                        (view.reason.empty() ? view.status : view.reason)));
  }

 private:
  ProviderStep start() {
    started_ = true;
    if (kind_ != Kind::kDelete && spec_.template_url.empty()) {
      return ProviderStep::failed(property_validation_failure("The property {/TemplateURL} is required"));
    }
    NestedStackHost& host = *request_.nested;
    if (kind_ == Kind::kDelete) {
      const std::string error = host.delete_nested(request_.account, request_.region, stack_id_);
      return error.empty() ? with_id(ProviderStep::wait(Duration::zero())) : ProviderStep::failed(error);
    }
    const NestedStackResult result =
        kind_ == Kind::kCreate ? host.create_nested(spec_) : host.update_nested(spec_, stack_id_);
    if (kind_ == Kind::kUpdate && result.error == "No updates are to be performed.") {
      return ProviderStep::succeeded(
          stack_id_, output_attributes(host.describe_nested(request_.account, request_.region, stack_id_)));
    }
    if (!result.error.empty()) return ProviderStep::failed(result.error);
    stack_id_ = result.stack_id;
    return with_id(ProviderStep::wait(Duration::zero()));
  }

  ProviderStep with_id(ProviderStep step) const {
    step.physical_id = stack_id_;
    return step;
  }

  Kind kind_;
  ResourceRequest request_;
  NestedStackSpec spec_;
  std::string stack_id_;
  bool started_ = false;
};

class NestedStackProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::CloudFormation::Stack"; }
  bool has_attribute(const std::string& attribute) const override {
    return attribute.rfind("Outputs.", 0) == 0 && attribute.size() > 8;
  }
  std::string requires_recreation(const std::string&) const override { return "Never"; }
  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    const std::string name = generated_name(request, 128);
    return std::make_unique<NestedStackTask>(NestedStackTask::Kind::kCreate, std::move(request), name);
  }
  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    return std::make_unique<NestedStackTask>(NestedStackTask::Kind::kUpdate, std::move(request), "");
  }
  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    return std::make_unique<NestedStackTask>(NestedStackTask::Kind::kDelete, std::move(request), "");
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_nested_stack_provider() {
  return std::make_unique<NestedStackProvider>();
}

}  // namespace chokepoint
