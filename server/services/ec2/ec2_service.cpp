#include "services/ec2/ec2_service.hpp"

#include <unordered_set>

#include "protocol/params.hpp"
#include "services/ec2/ec2_catalogs.hpp"
#include "services/ec2/ec2_describe_instances.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_lifecycle.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_regions.hpp"
#include "services/ec2/ec2_run_instances.hpp"
#include "services/ec2/ec2_tags.hpp"
#include "services/ec2/ec2_throttle.hpp"

namespace chokepoint {

namespace {

ServiceDescriptor make_descriptor() {
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

Ec2Service::Ec2Service() : descriptor_(make_descriptor()) {
  const auto with_store = [this](ApiResult (*fn)(Ec2Store&, const ApiRequest&, CallContext&)) -> Handler {
    return [this, fn](const ApiRequest& request, CallContext& ctx) { return fn(store_, request, ctx); };
  };
  handlers_ = {
      {"DescribeRegions", describe_regions},
      {"DescribeAvailabilityZones", describe_availability_zones},
      {"RunInstances", with_store(run_instances)},
      {"StartInstances", with_store(start_instances)},
      {"StopInstances", with_store(stop_instances)},
      {"RebootInstances", with_store(reboot_instances)},
      {"TerminateInstances", with_store(terminate_instances)},
      {"DescribeInstances", with_store(describe_instances)},
      {"DescribeInstanceStatus", with_store(describe_instance_status)},
      {"CreateTags", with_store(create_tags)},
      {"DeleteTags", with_store(delete_tags)},
      {"DescribeTags", with_store(describe_tags)},
      {"DescribeImages", with_store(describe_images)},
      {"DescribeInstanceTypes", describe_instance_types},
  };
  for (const auto& [name, _] : handlers_) descriptor_.operations.insert(name);
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

std::string Ec2Service::resource_of(const ApiRequest& request) const {
  for (const char* key : {"InstanceId", "ResourceId", "ImageId"}) {
    const auto* value = param(request.params, key);
    if (value && value->is_array() && !value->empty() && value->front().is_string()) return value->front();
    if (value && value->is_string()) return value->get<std::string>();
  }
  return {};
}

void Ec2Service::reset() {
  store_.reset();
}

ApiResult Ec2Service::handle(const ApiRequest& request, CallContext& ctx) {
  if (needs_region(request.operation) && !ctx.config.find_region(request.identity.region)) {
    return ec2_error("AuthFailure",
                     "Credential should be scoped to a valid region, not '" + request.identity.region + "'.", 401);
  }
  ApiResult result = handlers_.at(request.operation)(request, ctx);
  if (change_log_ && !is_error(result)) record_changes(request, ctx);
  return result;
}

}  // namespace chokepoint
