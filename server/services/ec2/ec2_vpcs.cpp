// CreateVpc, DeleteVpc, ModifyVpcAttribute and DescribeVpcAttribute. Errors as the EC2 API reference lists them
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html): InvalidVpc.Range for a block
// outside /16../28 (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html), DependencyViolation
// while subnets, security groups other than its default, route tables other than its main one or an internet
// gateway remain.
#include "services/ec2/ec2_vpcs.hpp"
#include "common/ipv4.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_route_tables.hpp"
#include "services/ec2/ec2_tags.hpp"
#include "services/ec2/ec2_vpc_json.hpp"
#include "services/ec2/ec2_vpc_views.hpp"

namespace chokepoint {

namespace {

constexpr int kLargestVpcPrefix = 16;
constexpr int kSmallestVpcPrefix = 28;

Result<Ipv4Cidr> read_vpc_cidr(const nlohmann::json& params) {
  const auto text = param_string(params, "CidrBlock");
  if (!text) return ec2_missing_parameter("CidrBlock");
  const auto cidr = parse_ipv4_cidr(*text);
  if (!cidr) {
    return ec2_error("InvalidParameterValue",
                     "Value (" + *text + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.");
  }
  if (cidr->prefix < kLargestVpcPrefix || cidr->prefix > kSmallestVpcPrefix) {
    return ec2_error("InvalidVpc.Range", "The CIDR '" + *text + "' is invalid.");
  }
  return *cidr;
}

void add_tags(Ec2RegionState& state, const std::string& id, const Ec2TagList& tags) {
  if (tags.empty()) return;
  Ec2Tags& target = tags_of(state, id);
  for (const auto& [key, value] : tags) target[key] = value;
}

ApiError vpc_dependency(const std::string& id) {
  return ec2_error("DependencyViolation", "The vpc '" + id + "' has dependencies and cannot be deleted.");
}

// The VPC a call names with VpcId (required).
Result<Ec2Vpc> vpc_of_call(const Ec2RegionState& state, const Ec2Scope& scope, const nlohmann::json& params) {
  const auto id = param_string(params, "VpcId");
  if (!id) return ec2_missing_parameter("VpcId");
  return find_vpc(state, scope, *id);
}

}  // namespace

ApiResult create_vpc(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto cidr = read_vpc_cidr(request.params);
  if (!cidr) return cidr.error();
  const std::string tenancy = param_string(request.params, "InstanceTenancy").value_or("default");
  if (tenancy != "default" && tenancy != "dedicated") return ec2_invalid_value("InstanceTenancy", tenancy);
  auto tags = read_tag_specifications(request.params, "vpc");
  if (!tags) return tags.error();
  if (auto e = check_dry_run(request.params)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) {
    Ec2Vpc vpc;
    vpc.id = new_resource_id(ctx, "vpc");
    vpc.cidr = cidr->text();
    vpc.cidr_association_id = new_resource_id(ctx, "vpc-cidr-assoc");
    vpc.tenancy = tenancy;
    vpc.default_group_id = new_resource_id(ctx, "sg");
    state.security_groups[vpc.default_group_id] = default_group_of(vpc.default_group_id, vpc.id, scope.account);
    Ec2RouteTable main_table = main_route_table_of(vpc, ctx);
    state.route_tables[main_table.id] = std::move(main_table);
    add_tags(state, vpc.id, *tags);
    state.vpcs[vpc.id] = vpc;
    ApiResponse response;
    // A new VPC is "pending" for a moment in AWS; here it is available at once, as the waiters expect next.
    response.body["vpc"] = vpc_item(vpc, scope, state).body;
    return ApiResult(std::move(response));
  });
}

ApiResult delete_vpc(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             auto vpc = vpc_of_call(state, scope, request.params);
                             if (!vpc) return vpc.error();
                             // The default VPC keeps its subnets: AWS refuses it the same way.
                             if (is_default_vpc(scope, vpc->id)) return vpc_dependency(vpc->id);
                             for (const auto& [_, subnet] : state.subnets) {
                               if (subnet.vpc_id == vpc->id) return vpc_dependency(vpc->id);
                             }
                             for (const auto& [id, group] : state.security_groups) {
                               if (group.vpc_id == vpc->id && id != vpc->default_group_id) {
                                 return vpc_dependency(vpc->id);
                               }
                             }
                             for (const auto& [_, gateway] : state.internet_gateways) {
                               if (gateway.vpc_id == vpc->id) return vpc_dependency(vpc->id);
                             }
                             for (const auto& [_, table] : state.route_tables) {
                               if (table.vpc_id == vpc->id && !table.is_main()) return vpc_dependency(vpc->id);
                             }
                             if (auto e = check_dry_run(request.params)) return *e;
                             std::erase_if(state.route_tables, [&](const auto& entry) {
                               if (entry.second.vpc_id != vpc->id) return false;
                               state.resource_tags.erase(entry.first);
                               return true;
                             });
                             state.security_groups.erase(vpc->default_group_id);
                             state.resource_tags.erase(vpc->default_group_id);
                             state.resource_tags.erase(vpc->id);
                             state.vpcs.erase(vpc->id);
                             return ec2_returned_true();
                           });
}

ApiResult modify_vpc_attribute(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  std::optional<bool> dns_support, dns_hostnames, address_metrics;
  if (auto e = read_attribute_flag(request.params, "EnableDnsSupport", dns_support)) return *e;
  if (auto e = read_attribute_flag(request.params, "EnableDnsHostnames", dns_hostnames)) return *e;
  if (auto e = read_attribute_flag(request.params, "EnableNetworkAddressUsageMetrics", address_metrics)) return *e;
  // One attribute per call, as AWS requires.
  if (int(dns_support.has_value()) + int(dns_hostnames.has_value()) + int(address_metrics.has_value()) != 1) {
    return ec2_error("InvalidParameterCombination", "Only one attribute can be modified at a time");
  }
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto vpc = vpc_of_call(state, scope, request.params);
        if (!vpc) return vpc.error();
        if (is_default_vpc(scope, vpc->id)) {
          return ec2_error("OperationNotPermitted", "The attributes of the default VPC cannot be changed here.");
        }
        Ec2Vpc& stored = state.vpcs.at(vpc->id);
        const bool support = dns_support.value_or(stored.dns_support);
        const bool hostnames = dns_hostnames.value_or(stored.dns_hostnames);
        if (hostnames && !support) {
          return ec2_error("InvalidParameterValue",
                           "Cannot enable DNS hostnames when DNS support is disabled for VPC " + vpc->id + ".");
        }
        stored.dns_support = support;
        stored.dns_hostnames = hostnames;
        ApiResponse response;
        response.body = nlohmann::json::object();
        return response;
      });
}

ApiResult describe_vpc_attribute(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto attribute = param_string(request.params, "Attribute");
  if (!attribute) return ec2_missing_parameter("Attribute");
  const char* field = *attribute == "enableDnsSupport"                   ? "enableDnsSupport"
                      : *attribute == "enableDnsHostnames"               ? "enableDnsHostnames"
                      : *attribute == "enableNetworkAddressUsageMetrics" ? "enableNetworkAddressUsageMetrics"
                                                                         : nullptr;
  if (!field) return ec2_invalid_value("Attribute", *attribute);
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             auto vpc = vpc_of_call(state, scope, request.params);
                             if (!vpc) return vpc.error();
                             if (auto e = check_dry_run(request.params)) return *e;
                             const bool value = *attribute == "enableDnsSupport"     ? vpc->dns_support
                                                : *attribute == "enableDnsHostnames" ? vpc->dns_hostnames
                                                                                     : false;
                             ApiResponse response;
                             response.body = {{"vpcId", vpc->id}, {field, {{"value", value}}}};
                             return response;
                           });
}

}  // namespace chokepoint
