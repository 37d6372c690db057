#pragma once
// Starting stack operations: the checks CreateStack, UpdateStack, DeleteStack and ExecuteChangeSet make
// before anything changes (template, parameters, capabilities, stack state), then the operation handed to
// the engine. Also the host of nested stacks. Thread-safe: takes the region lock itself and never holds it
// while calling other services (parameters of type AWS::SSM::Parameter::Value<...> are read from SSM).
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "protocol/result.hpp"
#include "services/cloudformation/nested_stacks.hpp"
#include "services/cloudformation/provisioning_engine.hpp"
#include "services/cloudformation/template_source.hpp"

namespace chokepoint {

// Who asks, when, and the settings in force.
struct RequestScope {
  std::string account;
  std::string region;
  TimePoint now;
  CloudFormationSettings settings;
  std::shared_ptr<const ZoneMap> zones;
};

// What CreateStack, UpdateStack and CreateChangeSet carry.
struct StackInputs {
  std::string stack_name;
  TemplateSource source;
  std::vector<ParameterInput> parameters;
  std::vector<std::string> capabilities;
  std::optional<std::vector<std::string>> resource_types;  // ResourceTypes: the types allowed, when given
  std::optional<Tags> tags;                                // UpdateStack: absent keeps the current tags
  std::optional<std::vector<std::string>> notification_arns;
  std::string role_arn;
  std::optional<long long> timeout_minutes;
  bool disable_rollback = false;
  std::string on_failure = "ROLLBACK";
  bool termination_protection = false;
  bool retain_except_on_create = false;
  std::string request_token;
};

class StackLifecycle final : public NestedStackHost {
 public:
  StackLifecycle(StackStore& store, ProvisioningEngine& engine, const ProviderRegistry& providers, IdGenerator& ids,
                 ApiCaller& caller)
      : store_(store), engine_(engine), providers_(providers), ids_(ids), caller_(caller) {}

  // The template with its inputs, checked and resolved. `current`: the stack's definition, for
  // UsePreviousTemplate and UsePreviousValue (null on create).
  Result<StackDefinition> define(const RequestScope& scope, const StackInputs& in, const StackDefinition* current,
                                 const std::string& stack_name, const std::string& stack_id);

  // The stack id, or the error.
  Result<std::string> create_stack(const RequestScope& scope, const StackInputs& in, const std::string& parent_id = {},
                                   const std::string& root_id = {});
  Result<std::string> update_stack(const RequestScope& scope, const StackInputs& in);
  std::optional<ApiError> delete_stack(const RequestScope& scope, const std::string& name,
                                       const std::vector<std::string>& retain, const std::string& token);
  // Runs a change set's create or update on its stack.
  std::optional<ApiError> execute(const RequestScope& scope, const std::shared_ptr<RegionStacks>& region,
                                  const std::string& change_set_id, bool disable_rollback, const std::string& token);

  std::string new_stack_id(const RequestScope& scope, const std::string& name);
  StackStore& store() { return store_; }
  IdGenerator& ids() { return ids_; }
  const ProviderRegistry& providers() const { return providers_; }

  // NestedStackHost
  NestedStackResult create_nested(const NestedStackSpec& spec) override;
  NestedStackResult update_nested(const NestedStackSpec& spec, const std::string& stack_id) override;
  std::string delete_nested(const std::string& account, const std::string& region,
                            const std::string& stack_id) override;
  NestedStackView describe_nested(const std::string& account, const std::string& region,
                                  const std::string& stack_id) override;

 private:
  std::optional<ApiError> resolve_ssm_parameters(const RequestScope& scope, std::vector<ResolvedParameter>& params);
  std::optional<RequestScope> nested_scope(const std::string& account, const std::string& region,
                                           const std::string& parent_id, TimePoint now);
  void begin_update(const std::shared_ptr<RegionStacks>& region, const std::shared_ptr<Stack>& stack,
                    StackDefinition definition, const RequestScope& scope, const std::string& token);

  StackStore& store_;
  ProvisioningEngine& engine_;
  const ProviderRegistry& providers_;
  IdGenerator& ids_;
  ApiCaller& caller_;
};

// A template text parsed, built and checked (ValidationError with CloudFormation's message otherwise).
Result<std::shared_ptr<const Template>> parse_template(const std::string& body, const ResourceTypeCatalog& types,
                                                       const CloudFormationSettings& settings);

// Checks shared by the API handlers.
std::optional<ApiError> check_stack_name(const std::string& name);
bool is_updatable_status(const std::string& status);
ApiError not_updatable(const Stack& stack);

}  // namespace chokepoint
