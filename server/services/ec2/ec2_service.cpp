#include "services/ec2/ec2_service.hpp"

#include "protocol/params.hpp"
#include "services/ec2/ec2_regions.hpp"

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
      "DescribeInstances", "DescribeInstanceStatus",        "DescribeNetworkInterfaces", "DescribeSecurityGroups",
      "DescribeSnapshots", "DescribeSpotInstanceRequests", "DescribeVolumes"};
  return kActions.count(op) != 0;
}

}  // namespace

Ec2Service::Ec2Service() : descriptor_(make_descriptor()) {
  handlers_ = {
      {"DescribeRegions", describe_regions},
      {"DescribeAvailabilityZones", describe_availability_zones},
  };
  for (const auto& [name, _] : handlers_) descriptor_.operations.insert(name);
}

std::string Ec2Service::rate_variant(const ApiRequest& request, const CallContext&) const {
  if (!has_unfiltered_bucket(request.operation)) return {};
  const auto& p = request.params;
  // An explicit ID list narrows the call like a filter does (AWS does not say; this is the plausible reading).
  for (const char* key : {"Filter", "MaxResults", "NextToken", "InstanceId", "VolumeId", "SnapshotId", "GroupId",
                          "GroupName", "NetworkInterfaceId", "SpotInstanceRequestId"}) {
    if (param(p, key)) return {};
  }
  return "unfiltered";
}

ApiResult Ec2Service::handle(const ApiRequest& request, CallContext& ctx) {
  return handlers_.at(request.operation)(request, ctx);
}

}  // namespace chokepoint
