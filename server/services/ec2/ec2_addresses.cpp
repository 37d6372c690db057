// Allocating, describing and releasing Elastic IPs. Errors are those of the EC2 API reference's error list
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html): AddressLimitExceeded,
// InvalidAddress.NotFound, InvalidAllocationID.NotFound, InvalidIPAddress.InUse.
#include <set>

#include "protocol/params.hpp"
#include "config/count_quotas.hpp"
#include "services/ec2/ec2_address_lookup.hpp"
#include "services/ec2/ec2_addresses.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_tags.hpp"

namespace chokepoint {

namespace {

// A free documentation address, starting from a seeded position so that accounts and regions do not all get
// the same first address, yet a seed repeats every answer.
Result<std::string> free_elastic_ip(const Ec2RegionState& state, const Ec2Scope& scope, CallContext& ctx) {
  const auto limit = static_cast<size_t>(count_quota_in_force(ctx, scope.account, scope.region.name, "ec2",
                                                              kElasticIpsQuota,
                                                              static_cast<double>(scope.settings.max_elastic_ips)));
  if (state.addresses.size() >= limit) {
    return ec2_error("AddressLimitExceeded", "The maximum number of addresses has been reached.");
  }
  std::set<std::string> used;
  for (const auto& [_, address] : state.addresses) used.insert(address.public_ip);
  const uint64_t start = ctx.ids.next64();
  for (uint64_t n = 0; n < kElasticIpCount; ++n) {
    std::string ip = elastic_ip_for(start + n);
    if (!used.count(ip)) return ip;
  }
  return ec2_error("AddressLimitExceeded", "The maximum number of addresses has been reached.");
}

nlohmann::json address_json(const Ec2Address& a, const Ec2Scope& scope, const Ec2Tags& tags) {
  nlohmann::json j = {{"publicIp", a.public_ip},
                      {"allocationId", a.allocation_id},
                      {"domain", "vpc"},
                      {"publicIpv4Pool", "amazon"},
                      {"networkBorderGroup", scope.region.name}};
  if (!a.association_id.empty()) {
    j["associationId"] = a.association_id;
    j["instanceId"] = a.instance_id;
    j["networkInterfaceId"] = a.network_interface_id;
    j["networkInterfaceOwnerId"] = scope.account;
    j["privateIpAddress"] = a.private_ip;
  }
  if (!tags.empty()) j["tagSet"] = tag_set_json(tags);
  return j;
}

std::vector<std::string> address_filter_values(const Ec2Address& a, const Ec2Scope& scope, const Ec2Tags& tags,
                                               const std::string& name) {
  const auto when_associated = [&](const std::string& value) {
    return a.association_id.empty() ? std::vector<std::string>{} : std::vector<std::string>{value};
  };
  if (name == "allocation-id") return {a.allocation_id};
  if (name == "public-ip") return {a.public_ip};
  if (name == "domain") return {"vpc"};
  if (name == "network-border-group") return {scope.region.name};
  if (name == "association-id") return when_associated(a.association_id);
  if (name == "instance-id") return when_associated(a.instance_id);
  if (name == "network-interface-id") return when_associated(a.network_interface_id);
  if (name == "network-interface-owner-id") return when_associated(scope.account);
  if (name == "private-ip-address") return when_associated(a.private_ip);
  return tag_filter_values(tags, name);
}

bool is_address_filter(std::string_view name) {
  for (std::string_view known :
       {"allocation-id", "association-id", "domain", "instance-id", "network-border-group", "network-interface-id",
        "network-interface-owner-id", "private-ip-address", "public-ip"}) {
    if (name == known) return true;
  }
  return is_tag_filter(name);
}

}  // namespace

ApiResult allocate_address(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  // EC2-Classic is retired: only VPC addresses exist.
  if (const auto domain = param_string(request.params, "Domain"); domain && *domain != "vpc") {
    return ec2_invalid_value("Domain", *domain);
  }
  auto tags = read_tag_specifications(request.params, "elastic-ip");
  if (!tags) return tags.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             if (auto e = check_dry_run(request.params)) return *e;
                             auto ip = free_elastic_ip(state, scope, ctx);
                             if (!ip) return ip.error();
                             Ec2Address address;
                             address.allocation_id = new_resource_id(ctx, "eipalloc");
                             address.public_ip = *ip;
                             if (!tags->empty()) {
                               Ec2Tags& target = tags_of(state, address.allocation_id);
                               for (const auto& [key, value] : *tags) target[key] = value;
                             }
                             ApiResponse response;
                             response.body = address_json(address, scope, {});
                             state.addresses.emplace(address.allocation_id, std::move(address));
                             return response;
                           });
}

ApiResult describe_addresses(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto public_ips = distinct_param_strings(request.params, "PublicIp");
  const auto allocation_ids = distinct_param_strings(request.params, "AllocationId");
  for (const auto& id : allocation_ids) {
    if (!is_ec2_resource_id(id, "eipalloc")) return malformed_allocation_id(id);
  }
  auto filters = read_filters(request.params, is_address_filter);
  if (!filters) return filters.error();
  if (auto e = check_dry_run(request.params)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             std::set<std::string> wanted;  // allocation ids
                             for (const auto& ip : public_ips) {
                               auto found = find_address_by_ip(state, ip);
                               if (!found) return found.error();
                               wanted.insert((*found)->allocation_id);
                             }
                             for (const auto& id : allocation_ids) {
                               auto found = find_address(state, id);
                               if (!found) return found.error();
                               wanted.insert(id);
                             }
                             const bool listed = !public_ips.empty() || !allocation_ids.empty();
                             ApiResponse response;
                             auto& out = response.body["addressesSet"] = nlohmann::json::array();
                             for (const auto& entry : state.addresses) {
                               const std::string& id = entry.first;
                               const auto& address = entry.second;  // a plain reference: captured below
                               const Ec2Tags& tags = existing_tags(state, id);
                               const auto values = [&](const std::string& name) {
                                 return address_filter_values(address, scope, tags, name);
                               };
                               if ((!listed || wanted.count(id)) && filters_match(*filters, values)) {
                                 out.push_back(address_json(address, scope, tags));
                               }
                             }
                             return response;
                           });
}

ApiResult release_address(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto found = address_of_call(state, request.params);
        if (!found) return found.error();
        Ec2Address& address = **found;
        if (!address.association_id.empty()) {
          return ec2_error("InvalidIPAddress.InUse", "Address " + address.public_ip + " is in use.");
        }
        if (auto e = check_dry_run(request.params)) return *e;
        const std::string id = address.allocation_id;
        state.resource_tags.erase(id);
        state.addresses.erase(id);
        ApiResponse response;
        response.body["return"] = true;
        return response;
      });
}

}  // namespace chokepoint
