#pragma once
// How a resource type is provisioned. A provider turns one resource operation (create, update, delete) into
// a ResourceTask: a small state machine that asks the engine for downstream calls, waits and polls, and ends
// with success or a failure reason. The engine makes the calls through the normal admission path, retries
// throttled ones with backoff, and never holds a lock while a task runs.
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "protocol/api_types.hpp"
#include "services/cloudformation/template_checks.hpp"
#include "services/service.hpp"

namespace chokepoint {

class NestedStackHost;

// What a task wants next.
struct ProviderStep {
  enum class Kind { kCall, kWait, kSucceeded, kFailed };
  Kind kind = Kind::kFailed;
  ApiRequest request;         // kCall: service, operation and params (the engine fills identity and request id)
  Duration delay{};           // kWait: then next() is called with no outcome
  std::string physical_id;    // known as soon as any step reports it; required on kSucceeded of a create
  nlohmann::json attributes;  // kSucceeded: Fn::GetAtt values (null: keep the current ones)
  std::string reason;         // kFailed

  static ProviderStep call(std::string service, std::string operation, nlohmann::json params);
  static ProviderStep wait(Duration delay);
  static ProviderStep succeeded(std::string physical_id, nlohmann::json attributes = nullptr);
  static ProviderStep failed(std::string reason);
};

// The result of the task's last kCall.
struct CallOutcome {
  ApiResult result;
  std::string request_id;
  std::string service;
};

class ResourceTask {
 public:
  virtual ~ResourceTask() = default;
  // `last` is the outcome of the previous kCall step; null on the first call and after a kWait.
  virtual ProviderStep next(const CallOutcome* last) = 0;
};

struct ResourceRequest {
  std::string account;
  std::string region;
  std::string stack_id;
  std::string stack_name;
  std::string logical_id;
  std::string type;
  nlohmann::json properties = nlohmann::json::object();           // desired (create, update)
  nlohmann::json previous_properties = nlohmann::json::object();  // update: what is there now
  std::string physical_id;                                        // update, delete
  nlohmann::json attributes = nlohmann::json::object();           // update, delete: current attributes
  std::string request_token;  // CloudFormation's idempotency token for this operation
  Duration poll_interval = std::chrono::seconds(1);
  IdGenerator* ids = nullptr;
  NestedStackHost* nested = nullptr;
  // Nested stacks inherit these from their parent.
  std::vector<std::string> capabilities;
  std::vector<std::string> notification_arns;
  std::vector<std::pair<std::string, std::string>> tags;
  std::string root_id;
};

class ResourceProvider {
 public:
  virtual ~ResourceProvider() = default;
  virtual std::string type() const = 0;
  virtual bool has_attribute(const std::string& attribute) const = 0;
  // Changing this property replaces the resource ("Always"), may ("Conditionally"), or updates it in place ("Never").
  virtual std::string requires_recreation(const std::string& property) const = 0;
  // The property that names the resource (TableName, Name); a replacement cannot keep a custom name.
  virtual std::string name_property() const { return ""; }
  // The service a type of a service Chokepoint does not emulate is provisioned through (its calls go to the
  // upstream emulator); empty for the types of emulated services.
  virtual std::string upstream_service() const { return ""; }
  virtual std::unique_ptr<ResourceTask> create(ResourceRequest request) const = 0;
  virtual std::unique_ptr<ResourceTask> update(ResourceRequest request) const = 0;
  virtual std::unique_ptr<ResourceTask> remove(ResourceRequest request) const = 0;
};

// True when changing `before` into `after` needs a new physical resource.
bool needs_replacement(const ResourceProvider& provider, const nlohmann::json& before, const nlohmann::json& after);
// Property names whose values differ between the two property sets.
std::vector<std::string> changed_properties(const nlohmann::json& before, const nlohmann::json& after);

class ProviderRegistry final : public ResourceTypeCatalog {
 public:
  void add(std::unique_ptr<ResourceProvider> provider);
  const ResourceProvider* find(const std::string& type) const;
  bool knows_type(const std::string& type) const override { return find(type) != nullptr; }
  bool has_attribute(const std::string& type, const std::string& attribute) const override;
  bool needs_upstream(const std::string& type) const override;
  // Who makes the provisioning calls, asked whether it reaches the upstream services of the types that need one
  // (the answer follows config reloads). Without it, those types are refused.
  void set_caller(const ApiCaller* caller) { caller_ = caller; }

 private:
  std::map<std::string, std::unique_ptr<ResourceProvider>> providers_;
  const ApiCaller* caller_ = nullptr;
};

// The providers this emulator offers: AWS::SSM::Parameter, AWS::DynamoDB::Table, AWS::EC2::Instance,
// AWS::CloudFormation::WaitConditionHandle, AWS::CloudFormation::Stack; and, through the upstream, the types of
// forwarded services (builtin_providers.hpp).
ProviderRegistry make_default_providers();

}  // namespace chokepoint
