// DescribeInstances' filter names and the values an emulated instance has for each.
#include <algorithm>
#include <iterator>

#include "common/time_format.hpp"
#include "services/ec2/ec2_instance.hpp"
#include "services/ec2/ec2_network.hpp"

namespace chokepoint {

namespace {

using Values = std::vector<std::string>;
using Getter = Values (*)(const Ec2Instance&);

Values one(std::string value) {
  if (value.empty()) return {};
  return {std::move(value)};
}
bool gone(const Ec2Instance& i) {
  return i.state == Ec2InstanceState::kTerminated;
}
Values attached(const Ec2Instance& i, std::string value) {
  return gone(i) ? Values{} : one(std::move(value));
}
Values public_ip(const Ec2Instance& i) {
  return one(i.public_ip);
}
Values public_dns(const Ec2Instance& i) {
  return i.public_ip.empty() ? Values{} : one(public_dns_name(i.public_ip, i.region));
}
Values private_ip(const Ec2Instance& i) {
  return attached(i, i.private_ip);
}
Values private_dns(const Ec2Instance& i) {
  return attached(i, private_dns_name(i.private_ip, i.region));
}
Values group_ids(const Ec2Instance& i) {
  Values out;
  for (const auto& g : i.security_groups) out.push_back(g.id);
  return out;
}
Values group_names(const Ec2Instance& i) {
  Values out;
  for (const auto& g : i.security_groups) out.push_back(g.name);
  return out;
}

// Names whose values come from the instance. Every other documented name is accepted and has no value.
struct NamedGetter {
  std::string_view name;
  Getter get;
};

constexpr NamedGetter kGetters[] = {
    {"architecture", [](const Ec2Instance& i) { return one(i.architecture); }},
    {"availability-zone", [](const Ec2Instance& i) { return one(i.zone); }},
    {"availability-zone-id", [](const Ec2Instance& i) { return one(i.zone_id); }},
    {"block-device-mapping.attach-time",
     [](const Ec2Instance& i) { return attached(i, iso8601_millis(i.launch_time)); }},
    {"block-device-mapping.delete-on-termination", [](const Ec2Instance& i) { return attached(i, "true"); }},
    {"block-device-mapping.device-name", [](const Ec2Instance& i) { return attached(i, i.root_device_name); }},
    {"block-device-mapping.status", [](const Ec2Instance& i) { return attached(i, "attached"); }},
    {"block-device-mapping.volume-id", [](const Ec2Instance& i) { return attached(i, i.root_volume_id); }},
    {"capacity-reservation-specification.capacity-reservation-preference",
     [](const Ec2Instance&) { return one("open"); }},
    {"client-token", [](const Ec2Instance& i) { return one(i.client_token); }},
    {"dns-name", public_dns},
    {"ebs-optimized", [](const Ec2Instance& i) { return one(i.ebs_optimized ? "true" : "false"); }},
    {"ena-support", [](const Ec2Instance&) { return one("true"); }},
    {"enclave-options.enabled", [](const Ec2Instance&) { return one("false"); }},
    {"hibernation-options.configured", [](const Ec2Instance&) { return one("false"); }},
    {"hypervisor", [](const Ec2Instance&) { return one("xen"); }},
    {"image-id", [](const Ec2Instance& i) { return one(i.image_id); }},
    {"instance-id", [](const Ec2Instance& i) { return one(i.id); }},
    {"instance-state-code", [](const Ec2Instance& i) { return one(std::to_string(state_code(i.state))); }},
    {"instance-state-name", [](const Ec2Instance& i) { return one(std::string(state_name(i.state))); }},
    {"instance-type", [](const Ec2Instance& i) { return one(i.instance_type); }},
    {"instance.group-id", group_ids},
    {"instance.group-name", group_names},
    {"ip-address", public_ip},
    {"key-name", [](const Ec2Instance& i) { return one(i.key_name); }},
    {"launch-index", [](const Ec2Instance& i) { return one(std::to_string(i.launch_index)); }},
    {"launch-time", [](const Ec2Instance& i) { return one(iso8601_millis(i.launch_time)); }},
    {"maintenance-options.auto-recovery", [](const Ec2Instance&) { return one("default"); }},
    {"metadata-options.http-endpoint", [](const Ec2Instance&) { return one("enabled"); }},
    {"metadata-options.http-protocol-ipv4", [](const Ec2Instance&) { return one("enabled"); }},
    {"metadata-options.http-protocol-ipv6", [](const Ec2Instance&) { return one("disabled"); }},
    {"metadata-options.http-put-response-hop-limit", [](const Ec2Instance&) { return one("2"); }},
    {"metadata-options.http-tokens", [](const Ec2Instance&) { return one("required"); }},
    {"metadata-options.instance-metadata-tags", [](const Ec2Instance&) { return one("disabled"); }},
    {"metadata-options.state", [](const Ec2Instance&) { return one("applied"); }},
    {"monitoring-state", [](const Ec2Instance& i) { return one(i.monitoring ? "enabled" : "disabled"); }},
    {"network-interface.addresses.association.ip-owner-id",
     [](const Ec2Instance& i) { return i.public_ip.empty() ? Values{} : one(public_ip_owner(i)); }},
    {"network-interface.addresses.association.public-dns-name", public_dns},
    {"network-interface.addresses.association.public-ip", public_ip},
    {"network-interface.addresses.primary", [](const Ec2Instance& i) { return attached(i, "true"); }},
    {"network-interface.addresses.private-dns-name", private_dns},
    {"network-interface.addresses.private-ip-address", private_ip},
    {"network-interface.association.ip-owner-id",
     [](const Ec2Instance& i) { return i.public_ip.empty() ? Values{} : one(public_ip_owner(i)); }},
    {"network-interface.association.public-dns-name", public_dns},
    {"network-interface.association.public-ip", public_ip},
    {"network-interface.attachment.attach-time",
     [](const Ec2Instance& i) { return attached(i, iso8601_millis(i.launch_time)); }},
    {"network-interface.attachment.delete-on-termination", [](const Ec2Instance& i) { return attached(i, "true"); }},
    {"network-interface.attachment.device-index", [](const Ec2Instance& i) { return attached(i, "0"); }},
    {"network-interface.attachment.instance-id", [](const Ec2Instance& i) { return attached(i, i.id); }},
    {"network-interface.attachment.instance-owner-id", [](const Ec2Instance& i) { return attached(i, i.owner_id); }},
    {"network-interface.attachment.network-card-index", [](const Ec2Instance& i) { return attached(i, "0"); }},
    {"network-interface.attachment.status", [](const Ec2Instance& i) { return attached(i, "attached"); }},
    {"network-interface.availability-zone", [](const Ec2Instance& i) { return attached(i, i.zone); }},
    {"network-interface.group-id", [](const Ec2Instance& i) { return gone(i) ? Values{} : group_ids(i); }},
    {"network-interface.group-name", [](const Ec2Instance& i) { return gone(i) ? Values{} : group_names(i); }},
    {"network-interface.mac-address", [](const Ec2Instance& i) { return attached(i, i.mac_address); }},
    {"network-interface.network-interface-id",
     [](const Ec2Instance& i) { return attached(i, i.network_interface_id); }},
    {"network-interface.owner-id", [](const Ec2Instance& i) { return attached(i, i.owner_id); }},
    {"network-interface.private-dns-name", private_dns},
    {"network-interface.private-ip-address", private_ip},
    {"network-interface.source-dest-check", [](const Ec2Instance& i) { return attached(i, "true"); }},
    {"network-interface.status", [](const Ec2Instance& i) { return attached(i, "in-use"); }},
    {"network-interface.subnet-id", [](const Ec2Instance& i) { return attached(i, i.subnet_id); }},
    {"network-interface.vpc-id", [](const Ec2Instance& i) { return attached(i, i.vpc_id); }},
    {"owner-id", [](const Ec2Instance& i) { return one(i.owner_id); }},
    {"platform", [](const Ec2Instance& i) { return one(i.platform); }},
    {"platform-details", [](const Ec2Instance& i) { return one(i.platform_details); }},
    {"private-dns-name", private_dns},
    {"private-dns-name-options.enable-resource-name-dns-a-record", [](const Ec2Instance&) { return one("false"); }},
    {"private-dns-name-options.enable-resource-name-dns-aaaa-record", [](const Ec2Instance&) { return one("false"); }},
    {"private-dns-name-options.hostname-type", [](const Ec2Instance&) { return one("ip-name"); }},
    {"private-ip-address", private_ip},
    {"reason", [](const Ec2Instance& i) { return one(i.transition_reason); }},
    {"reservation-id", [](const Ec2Instance& i) { return one(i.reservation_id); }},
    {"root-device-name", [](const Ec2Instance& i) { return one(i.root_device_name); }},
    {"root-device-type", [](const Ec2Instance&) { return one("ebs"); }},
    {"source-dest-check", [](const Ec2Instance&) { return one("true"); }},
    {"state-reason-code", [](const Ec2Instance& i) { return one(i.state_reason_code); }},
    {"state-reason-message", [](const Ec2Instance& i) { return one(i.state_reason_message); }},
    {"subnet-id", [](const Ec2Instance& i) { return attached(i, i.subnet_id); }},
    {"tenancy", [](const Ec2Instance&) { return one("default"); }},
    {"usage-operation",
     [](const Ec2Instance& i) { return one(i.platform == "windows" ? "RunInstances:0002" : "RunInstances"); }},
    {"usage-operation-update-time", [](const Ec2Instance& i) { return one(iso8601_millis(i.launch_time)); }},
    {"virtualization-type", [](const Ec2Instance&) { return one("hvm"); }},
    {"vpc-id", [](const Ec2Instance& i) { return attached(i, i.vpc_id); }},
};

// Documented names for properties emulated instances never have: accepted, and match nothing.
// clang-format off
constexpr std::string_view kUnsetProperties[] = {
    "affinity", "boot-mode", "capacity-reservation-id",
    "capacity-reservation-specification.capacity-reservation-target.capacity-reservation-id",
    "capacity-reservation-specification.capacity-reservation-target.capacity-reservation-resource-group-arn",
    "current-instance-boot-mode", "host-id", "iam-instance-profile.arn", "iam-instance-profile.id",
    "instance-lifecycle", "ipv6-address", "kernel-id", "network-interface.addresses.association.allocation-id",
    "network-interface.addresses.association.association-id", "network-interface.addresses.association.carrier-ip",
    "network-interface.addresses.association.customer-owned-ip", "network-interface.association.allocation-id",
    "network-interface.association.association-id", "network-interface.association.carrier-ip",
    "network-interface.association.customer-owned-ip", "network-interface.attachment.attachment-id",
    "network-interface.deny-all-igw-traffic", "network-interface.description",
    "network-interface.ipv4-prefixes.ipv4-prefix", "network-interface.ipv6-address",
    "network-interface.ipv6-addresses.ipv6-address", "network-interface.ipv6-addresses.is-primary-ipv6",
    "network-interface.ipv6-native", "network-interface.ipv6-prefixes.ipv6-prefix",
    "network-interface.operator.managed", "network-interface.operator.principal", "network-interface.outpost-arn",
    "network-interface.public-dns-name", "network-interface.requester-id", "network-interface.requester-managed",
    "network-interface.tag-key", "network-interface.tag-value", "network-performance-options.bandwidth-weighting",
    "operator.managed", "operator.principal", "outpost-arn", "placement-group-name", "placement-partition-number",
    "product-code", "product-code.type", "ramdisk-id", "requester-id", "spot-instance-request-id", "tpm-support",
};
// clang-format on

Getter getter_of(std::string_view name) {
  for (const auto& entry : kGetters) {
    if (entry.name == name) return entry.get;
  }
  return nullptr;
}

}  // namespace

bool is_instance_filter(std::string_view name) {
  return is_tag_filter(name) || getter_of(name) ||
         std::find(std::begin(kUnsetProperties), std::end(kUnsetProperties), name) != std::end(kUnsetProperties);
}

std::vector<std::string> instance_filter_values(const Ec2Instance& instance, const std::string& name) {
  if (is_tag_filter(name)) return tag_filter_values(instance.tags, name);
  const Getter get = getter_of(name);
  return get ? get(instance) : Values{};
}

}  // namespace chokepoint
