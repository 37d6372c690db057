#pragma once
// Launch templates and their versions: CreateLaunchTemplate, CreateLaunchTemplateVersion, ModifyLaunchTemplate,
// DeleteLaunchTemplate, DeleteLaunchTemplateVersions (ec2_launch_templates.cpp), DescribeLaunchTemplates,
// DescribeLaunchTemplateVersions and GetLaunchTemplateData (ec2_launch_template_describe.cpp). As EC2 does,
// the launch data is not validated when it is stored; RunInstances validates it when it launches from it.
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult create_launch_template(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult create_launch_template_version(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult modify_launch_template(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult delete_launch_template(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult delete_launch_template_versions(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_launch_templates(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_launch_template_versions(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult get_launch_template_data(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
