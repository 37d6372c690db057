#include "services/ec2/ec2_service.hpp"

#include <unordered_set>

#include "protocol/params.hpp"
#include "services/ec2/ec2_account_attributes.hpp"
#include "services/ec2/ec2_addresses.hpp"
#include "services/ec2/ec2_catalogs.hpp"
#include "services/ec2/ec2_console_output.hpp"
#include "services/ec2/ec2_default_network_describe.hpp"
#include "services/ec2/ec2_describe_instances.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_image_create.hpp"
#include "services/ec2/ec2_instance_attributes.hpp"
#include "services/ec2/ec2_key_pairs.hpp"
#include "services/ec2/ec2_launch_templates.hpp"
#include "services/ec2/ec2_lifecycle.hpp"
#include "services/ec2/ec2_network_interfaces.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_regions.hpp"
#include "services/ec2/ec2_route_tables.hpp"
#include "services/ec2/ec2_run_instances.hpp"
#include "services/ec2/ec2_snapshots.hpp"
#include "services/ec2/ec2_tags.hpp"
#include "services/ec2/ec2_throttle.hpp"
#include "services/ec2/ec2_volumes.hpp"
#include "services/ec2/ec2_vpcs.hpp"

namespace chokepoint {

namespace {

ServiceDescriptor ec2_descriptor() {
  ServiceDescriptor d;
  d.name = "ec2";
  d.protocol = Protocol::kEc2;
  d.api_version = "2016-11-15";
  d.signing_name = "ec2";
  d.xml_namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
  d.throttle_error = make_error("RequestLimitExceeded", "Request limit exceeded.", 503);
  return d;
}

// Actions that use the "unfiltered and unpaginated" bucket when called without filters or pagination.
bool has_unfiltered_bucket(const std::string& op) {
  static const std::unordered_set<std::string> kActions = {
      "DescribeInstances",      "DescribeInstanceStatus", "DescribeNetworkInterfaces",
      "DescribeSecurityGroups", "DescribeSnapshots",      "DescribeSpotInstanceRequests",
      "DescribeVolumes"};
  return kActions.count(op) != 0;
}

// Actions that work without a configured region (they describe the region list itself).
bool needs_region(const std::string& op) {
  return op != "DescribeRegions" && op != "DescribeAvailabilityZones";
}

}  // namespace

namespace {

// The instance, tagged resource, image, VPC, subnet, security group, key pair, address, volume or snapshot a
// call addresses: the first of these it names.
std::string named_ec2_resource(const nlohmann::json& params) {
  for (const char* key : {"InstanceId", "ResourceId", "ImageId", "VpcId", "SubnetId", "GroupId", "KeyName", "KeyPairId",
                          "AllocationId", "AssociationId", "VolumeId", "SnapshotId", "SourceSnapshotId",
                          "NetworkInterfaceId", "LaunchTemplateId", "LaunchTemplateName", "InternetGatewayId",
                          "RouteTableId"}) {
    const auto* value = param(params, key);
    if (value && value->is_array() && !value->empty() && value->front().is_string()) return value->front();
    if (value && value->is_string()) return value->get<std::string>();
  }
  return {};
}

}  // namespace

std::vector<OperationTable<Ec2Handler>::Entry> ec2_operations() {
  // The region and catalog descriptions need no store.
  constexpr Ec2Handler describe_regions_handler = [](Ec2Store&, const ApiRequest& request, CallContext& ctx) {
    return describe_regions(request, ctx);
  };
  constexpr Ec2Handler describe_zones_handler = [](Ec2Store&, const ApiRequest& request, CallContext& ctx) {
    return describe_availability_zones(request, ctx);
  };
  constexpr Ec2Handler describe_types_handler = [](Ec2Store&, const ApiRequest& request, CallContext& ctx) {
    return describe_instance_types(request, ctx);
  };
  // The groups of `throttling.ec2` in config/default.yaml: Describe* calls are NonMutating (an unfiltered call
  // of some of them draws from the UnfilteredNonMutating variant instead; see rate_variant); uncategorized
  // actions have a group of their own; StopInstances and RebootInstances are in no category.
  constexpr std::string_view kNonMutating = "NonMutating";
  constexpr Plane kControl = Plane::kControl;
  constexpr bool kJournaled = true;
  const ResourceLocator resource = named_ec2_resource;
  return {
      // name, bucket, plane, changes durable state, resource; handler
      {{"DescribeRegions", kNonMutating, kControl, false, nullptr}, describe_regions_handler},
      {{"DescribeAvailabilityZones", kNonMutating, kControl, false, nullptr}, describe_zones_handler},
      {{"RunInstances", "RunInstances", kControl, kJournaled, resource}, run_instances},
      {{"StartInstances", "StartInstances", kControl, kJournaled, resource}, start_instances},
      {{"StopInstances", kDefaultBucket, kControl, kJournaled, resource}, stop_instances},
      {{"RebootInstances", kDefaultBucket, kControl, kJournaled, resource}, reboot_instances},
      {{"TerminateInstances", "TerminateInstances", kControl, kJournaled, resource}, terminate_instances},
      {{"DescribeInstances", kNonMutating, kControl, false, resource}, describe_instances},
      {{"DescribeInstanceStatus", kNonMutating, kControl, false, resource}, describe_instance_status},
      {{"CreateTags", "CreateTags", kControl, kJournaled, resource}, create_tags},
      {{"DeleteTags", "DeleteTags", kControl, kJournaled, resource}, delete_tags},
      {{"DescribeTags", kNonMutating, kControl, false, resource}, describe_tags},
      {{"DescribeImages", kNonMutating, kControl, false, resource}, describe_images},
      {{"DescribeInstanceTypes", kNonMutating, kControl, false, nullptr}, describe_types_handler},
      {{"DescribeVpcs", kNonMutating, kControl, false, resource}, describe_vpcs},
      {{"DescribeSubnets", kNonMutating, kControl, false, resource}, describe_subnets},
      {{"DescribeSecurityGroups", kNonMutating, kControl, false, resource}, describe_security_groups},
      // CreateKeyPair is one of [EC2THR]'s resource-intensive actions; ImportKeyPair and DeleteKeyPair mutate.
      {{"CreateKeyPair", "ResourceIntensive", kControl, kJournaled, resource}, create_key_pair},
      {{"ImportKeyPair", kDefaultBucket, kControl, kJournaled, resource}, import_key_pair},
      {{"DescribeKeyPairs", kNonMutating, kControl, false, resource}, describe_key_pairs},
      {{"DeleteKeyPair", kDefaultBucket, kControl, kJournaled, resource}, delete_key_pair},
      // Elastic IPs: [EC2THR]'s mutating and non-mutating categories.
      {{"AllocateAddress", kDefaultBucket, kControl, kJournaled, resource}, allocate_address},
      {{"DescribeAddresses", kNonMutating, kControl, false, resource}, describe_addresses},
      {{"AssociateAddress", kDefaultBucket, kControl, kJournaled, resource}, associate_address},
      {{"DisassociateAddress", kDefaultBucket, kControl, kJournaled, resource}, disassociate_address},
      {{"ReleaseAddress", kDefaultBucket, kControl, kJournaled, resource}, release_address},
      // EBS volumes and snapshots: CreateVolume, DeleteVolume and CreateSnapshot are [EC2THR]'s uncategorized
      // actions with buckets of their own; the other changes are mutating, the Describe calls non-mutating.
      {{"CreateVolume", "CreateVolume", kControl, kJournaled, resource}, create_volume},
      {{"DescribeVolumes", kNonMutating, kControl, false, resource}, describe_volumes},
      {{"DeleteVolume", "DeleteVolume", kControl, kJournaled, resource}, delete_volume},
      {{"AttachVolume", kDefaultBucket, kControl, kJournaled, resource}, attach_volume},
      {{"DetachVolume", kDefaultBucket, kControl, kJournaled, resource}, detach_volume},
      {{"ModifyVolume", kDefaultBucket, kControl, kJournaled, resource}, modify_volume},
      {{"DescribeVolumesModifications", kNonMutating, kControl, false, resource}, describe_volumes_modifications},
      {{"DescribeVolumeStatus", kNonMutating, kControl, false, resource}, describe_volume_status},
      {{"CreateSnapshot", "CreateSnapshot", kControl, kJournaled, resource}, create_snapshot},
      {{"DescribeSnapshots", kNonMutating, kControl, false, resource}, describe_snapshots},
      {{"DeleteSnapshot", kDefaultBucket, kControl, kJournaled, resource}, delete_snapshot},
      {{"CopySnapshot", kDefaultBucket, kControl, kJournaled, resource}, copy_snapshot},
      // Launch templates: mutating and non-mutating; CreateLaunchTemplateVersion is uncategorized (100/5).
      {{"CreateLaunchTemplate", kDefaultBucket, kControl, kJournaled, resource}, create_launch_template},
      {{"CreateLaunchTemplateVersion", "CreateLaunchTemplateVersion", kControl, kJournaled, resource},
       create_launch_template_version},
      {{"ModifyLaunchTemplate", kDefaultBucket, kControl, kJournaled, resource}, modify_launch_template},
      {{"DeleteLaunchTemplate", kDefaultBucket, kControl, kJournaled, resource}, delete_launch_template},
      {{"DeleteLaunchTemplateVersions", kDefaultBucket, kControl, kJournaled, resource},
       delete_launch_template_versions},
      {{"DescribeLaunchTemplates", kNonMutating, kControl, false, resource}, describe_launch_templates},
      {{"DescribeLaunchTemplateVersions", kNonMutating, kControl, false, resource},
       describe_launch_template_versions},
      {{"GetLaunchTemplateData", kNonMutating, kControl, false, resource}, get_launch_template_data},
      // Instance attributes and the console: [EC2THR]'s mutating and non-mutating categories.
      {{"DescribeInstanceAttribute", kNonMutating, kControl, false, resource}, describe_instance_attribute},
      {{"ModifyInstanceAttribute", kDefaultBucket, kControl, kJournaled, resource}, modify_instance_attribute},
      {{"GetConsoleOutput", kNonMutating, kControl, false, resource}, get_console_output},
      // Images made from instances: mutating.
      {{"CreateImage", kDefaultBucket, kControl, kJournaled, resource}, create_image},
      {{"DeregisterImage", kDefaultBucket, kControl, kJournaled, resource}, deregister_image},
      // Network interfaces: CreateNetworkInterface is uncategorized (100/5); DescribeNetworkInterfaces has the
      // unfiltered variant; the others mutate.
      {{"CreateNetworkInterface", "CreateNetworkInterface", kControl, kJournaled, resource}, create_network_interface},
      {{"DescribeNetworkInterfaces", kNonMutating, kControl, false, resource}, describe_network_interfaces},
      {{"AttachNetworkInterface", kDefaultBucket, kControl, kJournaled, resource}, attach_network_interface},
      {{"DetachNetworkInterface", kDefaultBucket, kControl, kJournaled, resource}, detach_network_interface},
      {{"DeleteNetworkInterface", kDefaultBucket, kControl, kJournaled, resource}, delete_network_interface},
      {{"ModifyNetworkInterfaceAttribute", kDefaultBucket, kControl, kJournaled, resource},
       modify_network_interface_attribute},
      // VPC networking: [EC2THR]'s mutating category, except the resource-intensive Authorize/Revoke ingress.
      {{"CreateVpc", kDefaultBucket, kControl, kJournaled, resource}, create_vpc},
      {{"DeleteVpc", kDefaultBucket, kControl, kJournaled, resource}, delete_vpc},
      {{"ModifyVpcAttribute", kDefaultBucket, kControl, kJournaled, resource}, modify_vpc_attribute},
      {{"DescribeVpcAttribute", kNonMutating, kControl, false, resource}, describe_vpc_attribute},
      {{"CreateSubnet", kDefaultBucket, kControl, kJournaled, resource}, create_subnet},
      {{"DeleteSubnet", kDefaultBucket, kControl, kJournaled, resource}, delete_subnet},
      {{"ModifySubnetAttribute", kDefaultBucket, kControl, kJournaled, resource}, modify_subnet_attribute},
      {{"CreateSecurityGroup", kDefaultBucket, kControl, kJournaled, resource}, create_security_group},
      {{"DeleteSecurityGroup", kDefaultBucket, kControl, kJournaled, resource}, delete_security_group},
      {{"AuthorizeSecurityGroupIngress", "ResourceIntensive", kControl, kJournaled, resource},
       authorize_security_group_ingress},
      {{"AuthorizeSecurityGroupEgress", kDefaultBucket, kControl, kJournaled, resource},
       authorize_security_group_egress},
      {{"RevokeSecurityGroupIngress", "ResourceIntensive", kControl, kJournaled, resource},
       revoke_security_group_ingress},
      {{"RevokeSecurityGroupEgress", kDefaultBucket, kControl, kJournaled, resource}, revoke_security_group_egress},
      {{"DescribeSecurityGroupRules", kNonMutating, kControl, false, resource}, describe_security_group_rules},
      {{"CreateInternetGateway", kDefaultBucket, kControl, kJournaled, resource}, create_internet_gateway},
      {{"AttachInternetGateway", kDefaultBucket, kControl, kJournaled, resource}, attach_internet_gateway},
      {{"DetachInternetGateway", kDefaultBucket, kControl, kJournaled, resource}, detach_internet_gateway},
      {{"DeleteInternetGateway", kDefaultBucket, kControl, kJournaled, resource}, delete_internet_gateway},
      {{"DescribeInternetGateways", kNonMutating, kControl, false, resource}, describe_internet_gateways},
      {{"CreateRouteTable", kDefaultBucket, kControl, kJournaled, resource}, create_route_table},
      {{"DeleteRouteTable", kDefaultBucket, kControl, kJournaled, resource}, delete_route_table},
      {{"DescribeRouteTables", kNonMutating, kControl, false, resource}, describe_route_tables},
      {{"AssociateRouteTable", kDefaultBucket, kControl, kJournaled, resource}, associate_route_table},
      {{"DisassociateRouteTable", kDefaultBucket, kControl, kJournaled, resource}, disassociate_route_table},
      {{"CreateRoute", kDefaultBucket, kControl, kJournaled, resource}, create_route},
      {{"DeleteRoute", kDefaultBucket, kControl, kJournaled, resource}, delete_route},
      {{"ReplaceRoute", kDefaultBucket, kControl, kJournaled, resource}, replace_route},
      {{"DescribeAccountAttributes", kNonMutating, kControl, false, nullptr}, describe_account_attributes},
  };
}

Ec2Service::Ec2Service() : descriptor_(ec2_descriptor()), operations_(ec2_operations()) {
  list_operations(descriptor_, operations_);
}

std::string Ec2Service::rate_variant(const ApiRequest& request, const CallContext& ctx) const {
  if (!has_unfiltered_bucket(request.operation)) return {};
  const auto& p = request.params;
  for (const char* key : {"Filter", "MaxResults", "NextToken"}) {
    if (param(p, key)) return {};
  }
  if (ctx.config.ec2.ids_count_as_filters) {
    for (const char* key : {"InstanceId", "VolumeId", "SnapshotId", "GroupId", "GroupName", "NetworkInterfaceId",
                            "SpotInstanceRequestId"}) {
      if (param(p, key)) return {};
    }
  }
  return "unfiltered";
}

ApiError Ec2Service::throttle_error(const ApiRequest& request, const CallContext& ctx) const {
  return request_limit_exceeded(ctx.config.ec2, request.identity.account_id, request.operation);
}

void Ec2Service::reset() {
  store_.reset();
}

ApiResult Ec2Service::handle(const ApiRequest& request, CallContext& ctx) {
  if (needs_region(request.operation) && !ctx.config.find_region(request.identity.region)) {
    return ec2_error("AuthFailure",
                     "Credential should be scoped to a valid region, not '" + request.identity.region + "'.", 401);
  }
  const auto* operation = operations_.find(request.operation);
  if (!operation) return unknown_operation(request.operation);
  ApiResult result = operation->handler(store_, request, ctx);
  if (change_log_ && operation->traits.changes_state && !is_error(result)) record_changes(request, ctx);
  return result;
}

}  // namespace chokepoint
