// ec2: section. Scalars replace the value from the defaults when present; the image and instance-type
// catalogs are lists, replaced whole and only when every entry is valid.
#include <algorithm>
#include <array>
#include <chrono>
#include <climits>
#include <string>

#include "config/sections.hpp"

namespace chokepoint {

namespace {

constexpr std::array<std::string_view, 5> kArchitectures = {"i386", "x86_64", "arm64", "x86_64_mac", "arm64_mac"};

// A duration given in seconds (fractions allowed: 0.2 is 200 ms).
void read_seconds(YamlReader& reader, const YamlNode& parent, std::string_view key, Duration& out) {
  double seconds = 0;
  if (!reader.read(parent, key, seconds, NumberRange{0, false})) return;
  out = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds));
}

bool read_image(YamlReader& reader, const YamlNode& node, Ec2ImageEntry& out) {
  if (!reader.expect_mapping(node, {"id", "name", "description", "architecture", "platform", "platform_details",
                                    "owner_id", "owner_alias", "creation_date", "root_device_name", "root_device_type",
                                    "virtualization_type", "ena_support", "public"})) {
    return false;
  }
  const std::size_t before = reader.errors().size();
  if (reader.require(node, "id") && reader.read(node, "id", out.id) && !is_ec2_resource_id(out.id, "ami")) {
    reader.error(*node.child("id"), "expected an AMI id: ami- and 8 or 17 lower-case hex digits");
  }
  if (reader.require(node, "name")) reader.read_non_empty(node, "name", out.name);
  reader.read(node, "description", out.description);
  if (auto arch = node.child("architecture")) {
    if (auto value = reader.choice(*arch, kArchitectures)) out.architecture = *value;
  }
  if (auto platform = node.child("platform")) {
    if (auto value = reader.choice(*platform, {"", "windows"})) out.platform = *value;
  }
  out.platform_details = out.platform == "windows" ? "Windows" : "Linux/UNIX";
  reader.read_non_empty(node, "platform_details", out.platform_details);
  if (reader.read(node, "owner_id", out.owner_id) && !is_account_id(out.owner_id)) {
    reader.error(*node.child("owner_id"), "must be exactly 12 digits");
  }
  reader.read(node, "owner_alias", out.owner_alias);
  reader.read(node, "creation_date", out.creation_date);
  reader.read(node, "root_device_name", out.root_device_name);
  if (auto type = node.child("root_device_type")) {
    if (auto value = reader.choice(*type, {"ebs", "instance-store"})) out.root_device_type = *value;
  }
  if (auto type = node.child("virtualization_type")) {
    if (auto value = reader.choice(*type, {"hvm", "paravirtual"})) out.virtualization_type = *value;
  }
  reader.read(node, "ena_support", out.ena_support);
  reader.read(node, "public", out.is_public);
  return reader.errors().size() == before;
}

bool read_architectures(YamlReader& reader, const YamlNode& parent, std::vector<std::string>& out) {
  auto node = parent.child("architectures");
  if (!node) return true;
  auto items = reader.elements(*node);
  if (!items) return false;
  if (items->empty()) {
    reader.error(*node, "must not be empty");
    return false;
  }
  std::vector<std::string> values;
  for (const auto& item : *items) {
    if (auto value = reader.choice(item, kArchitectures)) values.push_back(*value);
  }
  if (values.size() != items->size()) return false;
  out = std::move(values);
  return true;
}

bool read_instance_type(YamlReader& reader, const YamlNode& node, Ec2InstanceTypeEntry& out) {
  if (!reader.expect_mapping(node, {"name", "vcpus", "memory_mib", "architectures", "current_generation",
                                    "free_tier_eligible", "burstable", "network_performance", "hypervisor"})) {
    return false;
  }
  const std::size_t before = reader.errors().size();
  if (reader.require(node, "name")) reader.read_non_empty(node, "name", out.name);
  reader.read(node, "vcpus", out.vcpus, IntRange{1, INT_MAX});
  reader.read(node, "memory_mib", out.memory_mib, IntRange{1, LLONG_MAX});
  read_architectures(reader, node, out.architectures);
  reader.read(node, "current_generation", out.current_generation);
  reader.read(node, "free_tier_eligible", out.free_tier_eligible);
  reader.read(node, "burstable", out.burstable);
  reader.read_non_empty(node, "network_performance", out.network_performance);
  if (auto hypervisor = node.child("hypervisor")) {
    if (auto value = reader.choice(*hypervisor, {"nitro", "xen"})) out.hypervisor = *value;
  }
  return reader.errors().size() == before;
}

bool read_vcpu_limit(YamlReader& reader, const YamlNode& node, Ec2VcpuLimit& out) {
  if (!reader.expect_mapping(node, {"quota_code", "name", "families", "vcpus"})) return false;
  const std::size_t before = reader.errors().size();
  if (reader.require(node, "quota_code")) reader.read_non_empty(node, "quota_code", out.quota_code);
  if (reader.require(node, "name")) reader.read_non_empty(node, "name", out.name);
  if (reader.require(node, "vcpus")) reader.read(node, "vcpus", out.vcpus, NumberRange{0, false});
  if (reader.require(node, "families") && reader.read(node, "families", out.families)) {
    for (const auto& family : out.families) {
      if (family.empty() || ec2_instance_family(family) != family) {
        reader.error(*node.child("families"), "'" + family + "' is not an instance family: lower-case letters, e.g. t");
      }
    }
  }
  return reader.errors().size() == before;
}

// Reads a catalog list; `key_of` names the entry's unique key, reported at `key_name` when repeated.
template <typename Entry, typename ReadFn, typename KeyFn>
void read_catalog(YamlReader& reader, const YamlNode& node, std::string_view key_name, ReadFn read_entry, KeyFn key_of,
                  std::vector<Entry>& out) {
  auto items = reader.elements(node);
  if (!items) return;
  if (items->empty()) {
    reader.error(node, "must not be empty");
    return;
  }
  std::vector<Entry> entries;
  bool ok = true;
  for (const auto& item : *items) {
    Entry entry;
    if (item.is_null()) reader.error(item, "expected a mapping");
    if (item.is_null() || !read_entry(reader, item, entry)) {
      ok = false;
      continue;
    }
    auto same = [&](const Entry& e) { return key_of(e) == key_of(entry); };
    if (std::find_if(entries.begin(), entries.end(), same) != entries.end()) {
      reader.error(*item.child(key_name), "duplicate " + std::string(key_name) + " '" + key_of(entry) + "'");
      ok = false;
      continue;
    }
    entries.push_back(std::move(entry));
  }
  if (ok) out = std::move(entries);
}

// The default instance type must be one RunInstances accepts. Reported where this document set either.
void check_default_instance_type(YamlReader& reader, const YamlNode& section, const Ec2Settings& ec2) {
  if (ec2.instance_types.empty() || ec2.find_instance_type(ec2.default_instance_type)) return;
  auto at = section.child("default_instance_type");
  if (!at) at = section.child("instance_types");
  reader.error(at ? *at : section,
               "default_instance_type '" + ec2.default_instance_type + "' is not one of instance_types[].name");
}

}  // namespace

void read_ec2_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(
          section, {"pending_seconds", "stopping_seconds", "shutting_down_seconds", "terminated_visible_seconds",
                    "request_limit_message", "ids_count_as_filters", "default_instance_type", "max_instances",
                    "max_elastic_ips", "images", "strict_images", "instance_types", "on_demand_vcpu_limits"})) {
    return;
  }
  Ec2Settings& ec2 = config.ec2;
  const std::size_t before = reader.errors().size();
  read_seconds(reader, section, "pending_seconds", ec2.pending_delay);
  read_seconds(reader, section, "stopping_seconds", ec2.stopping_delay);
  read_seconds(reader, section, "shutting_down_seconds", ec2.shutting_down_delay);
  read_seconds(reader, section, "terminated_visible_seconds", ec2.terminated_visible);
  if (auto style = section.child("request_limit_message")) {
    if (auto value = reader.choice(*style, {"classic", "detailed"})) {
      ec2.throttle_message = *value == "classic" ? Ec2ThrottleMessage::kClassic : Ec2ThrottleMessage::kDetailed;
    }
  }
  reader.read(section, "ids_count_as_filters", ec2.ids_count_as_filters);
  reader.read_non_empty(section, "default_instance_type", ec2.default_instance_type);
  reader.read(section, "max_instances", ec2.max_instances, IntRange{1, LLONG_MAX});
  // Addresses come from RFC 5737's three documentation /24s: 762 in all.
  reader.read(section, "max_elastic_ips", ec2.max_elastic_ips, IntRange{0, 762});
  if (auto images = section.child("images")) {
    read_catalog<Ec2ImageEntry>(
        reader, *images, "id", read_image, [](const auto& e) { return e.id; }, ec2.images);
  }
  reader.read(section, "strict_images", ec2.strict_images);
  if (auto types = section.child("instance_types")) {
    read_catalog<Ec2InstanceTypeEntry>(
        reader, *types, "name", read_instance_type, [](const auto& e) { return e.name; }, ec2.instance_types);
  }
  if (auto limits = section.child("on_demand_vcpu_limits")) {
    read_catalog<Ec2VcpuLimit>(
        reader, *limits, "quota_code", read_vcpu_limit, [](const auto& e) { return e.quota_code; },
        ec2.on_demand_vcpu_limits);
  }
  if (reader.errors().size() == before) check_default_instance_type(reader, section, ec2);
}

}  // namespace chokepoint
