#include "services/ec2/ec2_default_network_describe.hpp"

#include <algorithm>

#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_network_query.hpp"
#include "services/ec2/ec2_pagination.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_regions.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_tags.hpp"
#include "services/ec2/ec2_vpc_json.hpp"
#include "services/ec2/ec2_vpc_views.hpp"

namespace chokepoint {

ApiResult describe_vpcs(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto q = read_network_query(request, "VpcId", kVpcFilterNames);
  if (!q) return q.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return answer_network_query(*q, network_items(store, scope, ctx, all_vpcs, vpc_item), "vpcSet",
                              "InvalidVpcID.NotFound", "vpc ID");
}

ApiResult describe_subnets(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto q = read_network_query(request, "SubnetId", kSubnetFilterNames);
  if (!q) return q.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return answer_network_query(*q, network_items(store, scope, ctx, all_subnets, subnet_item), "subnetSet",
                              "InvalidSubnetID.NotFound", "subnet ID");
}

ApiResult describe_security_groups(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto q = read_network_query(request, "GroupId", kGroupFilterNames);
  if (!q) return q.error();
  const Ec2Scope scope = scope_of(request, ctx);
  auto items = network_items(store, scope, ctx, all_groups, group_item);
  // GroupName.N names groups of the default VPC.
  const std::string vpc = default_vpc_id(scope.account, scope.region.name);
  for (const auto& name : distinct_param_strings(request.params, "GroupName")) {
    const auto it = std::find_if(items.begin(), items.end(), [&](const NetworkItem& item) {
      return item.body["groupName"] == name && item.body["vpcId"] == vpc;
    });
    if (it == items.end()) {
      return ec2_error("InvalidGroup.NotFound",
                       "The security group '" + name + "' does not exist in default VPC '" + vpc + "'");
    }
    q->ids.push_back(it->id);
  }
  return answer_network_query(*q, std::move(items), "securityGroupInfo", "InvalidGroup.NotFound", "security group");
}

}  // namespace chokepoint
