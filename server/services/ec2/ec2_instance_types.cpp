// DescribeInstanceTypes over the configured instance-type catalog.
#include <algorithm>
#include <iterator>

#include "services/ec2/ec2_catalogs.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_pagination.hpp"
#include "services/ec2/ec2_params.hpp"

namespace chokepoint {

namespace {

using Values = std::vector<std::string>;

bool nitro(const Ec2InstanceTypeEntry& t) {
  return t.hypervisor == "nitro";
}
bool arm(const Ec2InstanceTypeEntry& t) {
  return std::find(t.architectures.begin(), t.architectures.end(), "arm64") != t.architectures.end();
}
int max_interfaces(const Ec2InstanceTypeEntry& t) {
  return t.vcpus <= 2 ? 3 : 4;
}
int addresses_per_interface(const Ec2InstanceTypeEntry& t) {
  return t.vcpus <= 1 ? 2 : t.vcpus <= 2 ? 4 : 15;
}
Values boot_modes(const Ec2InstanceTypeEntry& t) {
  if (arm(t)) return {"uefi"};
  return nitro(t) ? Values{"legacy-bios", "uefi"} : Values{"legacy-bios"};
}

// Filter values, also used to build the JSON, so the two always agree.
Values type_values(const Ec2InstanceTypeEntry& t, std::string_view name) {
  auto yes_no = [](bool b) { return Values{b ? "true" : "false"}; };
  if (name == "instance-type") return {t.name};
  if (name == "current-generation") return yes_no(t.current_generation);
  if (name == "free-tier-eligible") return yes_no(t.free_tier_eligible);
  if (name == "burstable-performance-supported") return yes_no(t.burstable);
  if (name == "bare-metal" || name == "instance-storage-supported" || name == "hibernation-supported" ||
      name == "dedicated-hosts-supported" || name == "network-info.efa-supported") {
    return {"false"};
  }
  if (name == "auto-recovery-supported" || name == "network-info.ipv6-supported") return {"true"};
  if (name == "hypervisor") return {t.hypervisor};
  if (name == "memory-info.size-in-mib") return {std::to_string(t.memory_mib)};
  if (name == "vcpu-info.default-vcpus") return {std::to_string(t.vcpus)};
  if (name == "vcpu-info.default-threads-per-core") return {std::to_string(threads_per_core(t))};
  if (name == "vcpu-info.default-cores") return {std::to_string(t.vcpus / threads_per_core(t))};
  if (name == "processor-info.supported-architecture") return t.architectures;
  if (name == "network-info.network-performance") return {t.network_performance};
  if (name == "network-info.maximum-network-interfaces") return {std::to_string(max_interfaces(t))};
  if (name == "network-info.ipv4-addresses-per-interface" || name == "network-info.ipv6-addresses-per-interface") {
    return {std::to_string(addresses_per_interface(t))};
  }
  if (name == "network-info.ena-support") return {nitro(t) ? "required" : "unsupported"};
  if (name == "ebs-info.ebs-optimized-support") return {nitro(t) ? "default" : "unsupported"};
  if (name == "ebs-info.encryption-support") return {"supported"};
  if (name == "ebs-info.nvme-support") return {nitro(t) ? "required" : "unsupported"};
  if (name == "nitro-enclaves-support") return {"unsupported"};
  if (name == "nitro-tpm-support") return {nitro(t) ? "supported" : "unsupported"};
  if (name == "supported-boot-mode") return boot_modes(t);
  if (name == "supported-root-device-type") return {"ebs"};
  if (name == "supported-usage-class") return {"on-demand", "spot"};
  if (name == "supported-virtualization-type") return {"hvm"};
  return {};
}

// Every filter name AWS documents for DescribeInstanceTypes; those the catalog has no value for match nothing.
// clang-format off
constexpr std::string_view kTypeFilters[] = {
    "auto-recovery-supported", "bare-metal", "burstable-performance-supported", "current-generation",
    "dedicated-hosts-supported", "ebs-info.attachment-limit-type", "ebs-info.maximum-ebs-attachments",
    "ebs-info.ebs-optimized-info.baseline-bandwidth-in-mbps", "ebs-info.ebs-optimized-info.baseline-iops",
    "ebs-info.ebs-optimized-info.baseline-throughput-in-mbps",
    "ebs-info.ebs-optimized-info.maximum-bandwidth-in-mbps", "ebs-info.ebs-optimized-info.maximum-iops",
    "ebs-info.ebs-optimized-info.maximum-throughput-in-mbps", "ebs-info.ebs-optimized-support",
    "ebs-info.encryption-support", "ebs-info.nvme-support", "free-tier-eligible", "hibernation-supported",
    "hypervisor", "instance-storage-info.disk.count", "instance-storage-info.disk.size-in-gb",
    "instance-storage-info.disk.type", "instance-storage-info.encryption-support",
    "instance-storage-info.nvme-support", "instance-storage-info.total-size-in-gb", "instance-storage-supported",
    "instance-type", "memory-info.size-in-mib", "network-info.bandwidth-weightings",
    "network-info.efa-info.maximum-efa-interfaces", "network-info.efa-supported", "network-info.ena-support",
    "network-info.flexible-ena-queues-support", "network-info.encryption-in-transit-supported",
    "network-info.ipv4-addresses-per-interface", "network-info.ipv6-addresses-per-interface",
    "network-info.ipv6-supported", "network-info.maximum-network-cards", "network-info.maximum-network-interfaces",
    "network-info.network-performance", "nitro-enclaves-support", "nitro-tpm-support",
    "nitro-tpm-info.supported-versions", "processor-info.supported-architecture",
    "processor-info.sustained-clock-speed-in-ghz", "processor-info.supported-features", "reboot-migration-support",
    "supported-boot-mode", "supported-root-device-type", "supported-usage-class", "supported-virtualization-type",
    "vcpu-info.default-cores", "vcpu-info.default-threads-per-core", "vcpu-info.default-vcpus",
    "vcpu-info.valid-cores", "vcpu-info.valid-threads-per-core",
};
// clang-format on

bool is_type_filter(std::string_view name) {
  return std::find(std::begin(kTypeFilters), std::end(kTypeFilters), name) != std::end(kTypeFilters);
}

std::string first(const Ec2InstanceTypeEntry& t, std::string_view name) {
  return type_values(t, name).front();
}

nlohmann::json type_json(const Ec2InstanceTypeEntry& t) {
  const int threads = threads_per_core(t);
  return {{"instanceType", t.name},
          {"currentGeneration", t.current_generation},
          {"freeTierEligible", t.free_tier_eligible},
          {"supportedUsageClasses", type_values(t, "supported-usage-class")},
          {"supportedRootDeviceTypes", nlohmann::json::array({"ebs"})},
          {"supportedVirtualizationTypes", nlohmann::json::array({"hvm"})},
          {"bareMetal", false},
          {"hypervisor", t.hypervisor},
          {"processorInfo", {{"supportedArchitectures", t.architectures}}},
          {"vCpuInfo",
           {{"defaultVCpus", t.vcpus}, {"defaultCores", t.vcpus / threads}, {"defaultThreadsPerCore", threads}}},
          {"memoryInfo", {{"sizeInMiB", t.memory_mib}}},
          {"instanceStorageSupported", false},
          {"ebsInfo",
           {{"ebsOptimizedSupport", first(t, "ebs-info.ebs-optimized-support")},
            {"encryptionSupport", "supported"},
            {"nvmeSupport", first(t, "ebs-info.nvme-support")}}},
          {"networkInfo",
           {{"networkPerformance", t.network_performance},
            {"maximumNetworkInterfaces", max_interfaces(t)},
            {"maximumNetworkCards", 1},
            {"defaultNetworkCardIndex", 0},
            {"ipv4AddressesPerInterface", addresses_per_interface(t)},
            {"ipv6AddressesPerInterface", addresses_per_interface(t)},
            {"ipv6Supported", true},
            {"enaSupport", first(t, "network-info.ena-support")},
            {"efaSupported", false}}},
          {"placementGroupInfo", {{"supportedStrategies", nlohmann::json::array({"cluster", "partition", "spread"})}}},
          {"hibernationSupported", false},
          {"burstablePerformanceSupported", t.burstable},
          {"dedicatedHostsSupported", false},
          {"autoRecoverySupported", true},
          {"supportedBootModes", boot_modes(t)},
          {"nitroEnclavesSupport", "unsupported"},
          {"nitroTpmSupport", first(t, "nitro-tpm-support")}};
}

}  // namespace

int threads_per_core(const Ec2InstanceTypeEntry& type) {
  return type.vcpus > 1 && !arm(type) ? 2 : 1;
}

ApiResult describe_instance_types(const ApiRequest& request, CallContext& ctx) {
  const auto& catalog = ctx.config.ec2.instance_types;
  const auto names = distinct_param_strings(request.params, "InstanceType");
  std::string missing;
  for (const auto& name : names) {
    if (!ctx.config.ec2.find_instance_type(name)) missing += (missing.empty() ? "" : ", ") + name;
  }
  if (!missing.empty()) {
    return ec2_error("InvalidInstanceType", "The following supplied instance types do not exist: [" + missing + "]");
  }
  auto filters = read_filters(request.params, is_type_filter);
  if (!filters) return filters.error();
  auto page = read_page(request.params, 5, 100);
  if (!page) return page.error();
  if (auto e = check_dry_run(request.params)) return *e;
  ApiResponse response;
  auto& out = response.body["instanceTypeSet"] = nlohmann::json::array();
  const std::string next = paginate(
      *page, catalog, [&](const Ec2InstanceTypeEntry& t) { return static_cast<uint64_t>(&t - catalog.data()); },
      [&](const Ec2InstanceTypeEntry& t) {
        if (!names.empty() && std::find(names.begin(), names.end(), t.name) == names.end()) return false;
        return filters_match(*filters, [&](const std::string& name) { return type_values(t, name); });
      },
      [&](const Ec2InstanceTypeEntry& t) { out.push_back(type_json(t)); });
  if (!next.empty()) response.body["nextToken"] = next;
  return response;
}

}  // namespace chokepoint
