#include "services/cloudformation/cloudformation_service.hpp"

#include "protocol/params.hpp"

namespace chokepoint {

namespace {

ServiceDescriptor cloudformation_descriptor() {
  ServiceDescriptor d;
  d.name = "cloudformation";
  d.protocol = Protocol::kQuery;
  d.api_version = "2010-05-15";
  d.signing_name = "cloudformation";
  d.xml_namespace = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
  d.throttle_error = make_error("Throttling", "Rate exceeded", 400);
  return d;
}

// The stack (or change set, export) a call addresses: the first of these it names.
std::string named_stack(const nlohmann::json& params) {
  for (const char* key : {"StackName", "ChangeSetName", "ExportName"}) {
    if (auto value = param_string(params, key)) return *value;
  }
  return {};
}

}  // namespace

std::vector<OperationTable<CfnHandler>::Entry> cloudformation_operations() {
  // The groups of `throttling.cloudformation` in config/default.yaml.
  constexpr std::string_view kReads = "ReadOperations";
  constexpr std::string_view kMutations = "StackMutations";
  constexpr Plane kControl = Plane::kControl;
  // Stacks are journaled step by step as their operations run (stack_journal.hpp), not as calls.
  constexpr bool kJournaled = true;
  return {
      // name, bucket, plane, changes durable state, resource; handler
      {{"CreateStack", kMutations, kControl, kJournaled, named_stack}, handle_create_stack},
      {{"UpdateStack", kMutations, kControl, kJournaled, named_stack}, handle_update_stack},
      {{"DeleteStack", kMutations, kControl, kJournaled, named_stack}, handle_delete_stack},
      {{"UpdateTerminationProtection", kDefaultBucket, kControl, kJournaled, named_stack},
       handle_update_termination_protection},
      {{"DescribeStacks", "DescribeStacks", kControl, false, named_stack}, handle_describe_stacks},
      {{"ListStacks", kReads, kControl, false, nullptr}, handle_list_stacks},
      {{"DescribeStackEvents", kReads, kControl, false, named_stack}, handle_describe_stack_events},
      {{"DescribeStackResource", kReads, kControl, false, named_stack}, handle_describe_stack_resource},
      {{"DescribeStackResources", kReads, kControl, false, named_stack}, handle_describe_stack_resources},
      {{"ListStackResources", kReads, kControl, false, named_stack}, handle_list_stack_resources},
      {{"GetTemplate", kReads, kControl, false, named_stack}, handle_get_template},
      {{"GetTemplateSummary", kReads, kControl, false, named_stack}, handle_get_template_summary},
      {{"ValidateTemplate", kReads, kControl, false, nullptr}, handle_validate_template},
      {{"CreateChangeSet", kMutations, kControl, kJournaled, named_stack}, handle_create_change_set},
      {{"DescribeChangeSet", kReads, kControl, false, named_stack}, handle_describe_change_set},
      {{"ExecuteChangeSet", kMutations, kControl, kJournaled, named_stack}, handle_execute_change_set},
      {{"DeleteChangeSet", kMutations, kControl, kJournaled, named_stack}, handle_delete_change_set},
      {{"ListChangeSets", kReads, kControl, false, named_stack}, handle_list_change_sets},
      {{"ListExports", kReads, kControl, false, nullptr}, handle_list_exports},
      {{"ListImports", kReads, kControl, false, named_stack}, handle_list_imports},
      {{"DescribeAccountLimits", kReads, kControl, false, nullptr}, handle_describe_account_limits},
  };
}

CloudFormationService::CloudFormationService(ApiCaller& caller, Scheduler& scheduler, uint64_t seed)
    : descriptor_(cloudformation_descriptor()),
      ids_(seed),
      providers_(make_default_providers()),
      engine_(caller, scheduler, providers_, ids_),
      lifecycle_(store_, engine_, providers_, ids_, caller),
      api_{lifecycle_, store_, ids_},
      operations_(cloudformation_operations()) {
  engine_.set_nested_host(&lifecycle_);
  providers_.set_caller(&caller);
  list_operations(descriptor_, operations_);
}

ApiResult CloudFormationService::handle(const ApiRequest& request, CallContext& ctx) {
  const auto* operation = operations_.find(request.operation);
  if (!operation) return unknown_operation(request.operation);
  return operation->handler(api_, request, ctx);
}

}  // namespace chokepoint
