#pragma once
// What every SSM handler works on: the request, the call context and the store of the caller's account and
// region (already locked by SsmService), plus the handler table's signature and the handlers.
#include <string>

#include "services/service.hpp"
#include "services/ssm/parameter_store.hpp"

namespace chokepoint {

struct SsmCall {
  const ApiRequest& request;
  CallContext& ctx;
  ParameterStore& store;

  const std::string& account() const { return request.identity.account_id; }
  const std::string& region() const { return request.identity.region; }
  // The caller as LastModifiedUser reports it: the IAM user configured for the access key, else the root.
  std::string caller_arn() const;
};

using SsmHandler = ApiResult (*)(SsmCall& call);

// Parameters (put_parameter.cpp, get_handlers.cpp, delete_handlers.cpp, describe_parameters.cpp).
ApiResult put_parameter(SsmCall& call);
ApiResult get_parameter(SsmCall& call);
ApiResult get_parameters(SsmCall& call);
ApiResult get_parameters_by_path(SsmCall& call);
ApiResult get_parameter_history(SsmCall& call);
ApiResult delete_parameter(SsmCall& call);
ApiResult delete_parameters(SsmCall& call);
ApiResult describe_parameters(SsmCall& call);
// Labels (label_handlers.cpp).
ApiResult label_parameter_version(SsmCall& call);
ApiResult unlabel_parameter_version(SsmCall& call);
// Tags (tag_handlers.cpp).
ApiResult add_tags_to_resource(SsmCall& call);
ApiResult list_tags_for_resource(SsmCall& call);
ApiResult remove_tags_from_resource(SsmCall& call);
// Service settings (service_settings.cpp).
ApiResult get_service_setting(SsmCall& call);
ApiResult update_service_setting(SsmCall& call);
ApiResult reset_service_setting(SsmCall& call);

}  // namespace chokepoint
