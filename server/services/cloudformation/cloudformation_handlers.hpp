#pragma once
// The CloudFormation API operations, one function each, grouped by file: stack_handlers.cpp,
// describe_handlers.cpp, template_handlers.cpp, change_set_handlers.cpp, account_handlers.cpp.
#include "services/cloudformation/request_inputs.hpp"

namespace chokepoint {

using CfnHandler = ApiResult (*)(CfnApi& api, const ApiRequest& request, CallContext& ctx);

ApiResult handle_create_stack(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_update_stack(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_delete_stack(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_update_termination_protection(CfnApi& api, const ApiRequest& request, CallContext& ctx);

ApiResult handle_describe_stacks(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_list_stacks(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_describe_stack_events(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_describe_stack_resource(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_describe_stack_resources(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_list_stack_resources(CfnApi& api, const ApiRequest& request, CallContext& ctx);

ApiResult handle_get_template(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_get_template_summary(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_validate_template(CfnApi& api, const ApiRequest& request, CallContext& ctx);

ApiResult handle_create_change_set(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_describe_change_set(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_execute_change_set(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_delete_change_set(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_list_change_sets(CfnApi& api, const ApiRequest& request, CallContext& ctx);

ApiResult handle_list_exports(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_list_imports(CfnApi& api, const ApiRequest& request, CallContext& ctx);
ApiResult handle_describe_account_limits(CfnApi& api, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
