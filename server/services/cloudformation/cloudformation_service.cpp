#include "services/cloudformation/cloudformation_service.hpp"

#include "protocol/params.hpp"

namespace chokepoint {

namespace {

ServiceDescriptor make_descriptor() {
  ServiceDescriptor d;
  d.name = "cloudformation";
  d.protocol = Protocol::kQuery;
  d.api_version = "2010-05-15";
  d.signing_name = "cloudformation";
  d.xml_namespace = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
  d.throttle_error = make_error("Throttling", "Rate exceeded", 400);
  return d;
}

std::map<std::string, CfnHandler> make_handlers() {
  return {
      {"CreateStack", handle_create_stack},
      {"UpdateStack", handle_update_stack},
      {"DeleteStack", handle_delete_stack},
      {"UpdateTerminationProtection", handle_update_termination_protection},
      {"DescribeStacks", handle_describe_stacks},
      {"ListStacks", handle_list_stacks},
      {"DescribeStackEvents", handle_describe_stack_events},
      {"DescribeStackResource", handle_describe_stack_resource},
      {"DescribeStackResources", handle_describe_stack_resources},
      {"ListStackResources", handle_list_stack_resources},
      {"GetTemplate", handle_get_template},
      {"GetTemplateSummary", handle_get_template_summary},
      {"ValidateTemplate", handle_validate_template},
      {"CreateChangeSet", handle_create_change_set},
      {"DescribeChangeSet", handle_describe_change_set},
      {"ExecuteChangeSet", handle_execute_change_set},
      {"DeleteChangeSet", handle_delete_change_set},
      {"ListChangeSets", handle_list_change_sets},
      {"ListExports", handle_list_exports},
      {"ListImports", handle_list_imports},
      {"DescribeAccountLimits", handle_describe_account_limits},
  };
}

}  // namespace

CloudFormationService::CloudFormationService(ApiCaller& caller, Scheduler& scheduler, uint64_t seed)
    : descriptor_(make_descriptor()),
      ids_(seed),
      providers_(make_default_providers()),
      engine_(caller, scheduler, providers_, ids_),
      lifecycle_(store_, engine_, providers_, ids_, caller),
      api_{lifecycle_, store_, ids_},
      handlers_(make_handlers()) {
  engine_.set_nested_host(&lifecycle_);
  for (const auto& [name, _] : handlers_) descriptor_.operations.insert(name);
}

ApiResult CloudFormationService::handle(const ApiRequest& request, CallContext& ctx) {
  return handlers_.at(request.operation)(api_, request, ctx);
}

std::string CloudFormationService::resource_of(const ApiRequest& request) const {
  for (const char* key : {"StackName", "ChangeSetName", "ExportName"}) {
    if (auto value = param_string(request.params, key)) return *value;
  }
  return {};
}

}  // namespace chokepoint
