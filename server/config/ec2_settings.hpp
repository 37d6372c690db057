#pragma once
// The `ec2:` section: how the emulated instances move between states, what the image and instance-type
// catalogs hold, and how EC2 words its throttling error. Read by ec2_section.cpp; immutable once loaded.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace chokepoint {

// One AMI of the DescribeImages catalog. The catalog is the same in every region (an emulator
// simplification: real AMI ids differ by region).
struct Ec2ImageEntry {
  std::string id;  // ami-0123456789abcdef0
  std::string name;
  std::string description;
  std::string architecture = "x86_64";  // i386, x86_64, arm64, x86_64_mac, arm64_mac
  std::string platform;                 // "" (Linux/UNIX) or "windows"
  std::string platform_details = "Linux/UNIX";
  std::string owner_id = "137112412989";  // Amazon's AMI owner account
  std::string owner_alias = "amazon";     // empty for none
  std::string creation_date = "2026-01-01T00:00:00.000Z";
  std::string root_device_name = "/dev/xvda";
  std::string root_device_type = "ebs";  // ebs or instance-store
  std::string virtualization_type = "hvm";
  bool ena_support = true;
  bool is_public = true;
};

// One instance type of the DescribeInstanceTypes catalog; RunInstances accepts only these.
struct Ec2InstanceTypeEntry {
  std::string name;  // t3.micro
  int vcpus = 1;
  long long memory_mib = 1024;
  std::vector<std::string> architectures = {"x86_64"};
  bool current_generation = true;
  bool free_tier_eligible = false;
  bool burstable = false;
  std::string network_performance = "Up to 5 Gigabit";
  std::string hypervisor = "nitro";  // nitro or xen
};

// EC2's resource id format: PREFIX-, then 8 (older ids) or 17 lower-case hex digits ("i-0123456789abcdef0").
inline bool is_ec2_resource_id(std::string_view text, std::string_view prefix) {
  if (text.size() <= prefix.size() + 1 || text.substr(0, prefix.size()) != prefix || text[prefix.size()] != '-') {
    return false;
  }
  const std::string_view hex = text.substr(prefix.size() + 1);
  if (hex.size() != 8 && hex.size() != 17) return false;
  return hex.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// An instance type's family as the On-Demand vCPU quotas group types: the letters before its generation digit
// ("t" of t3.micro, "inf" of inf2.xlarge, "is" of is4gen.large, "u" of u-6tb1.metal).
inline std::string_view ec2_instance_family(std::string_view instance_type) {
  std::size_t n = 0;
  while (n < instance_type.size() && instance_type[n] >= 'a' && instance_type[n] <= 'z') ++n;
  return instance_type.substr(0, n);
}

// One Running On-Demand instances quota: the vCPUs of pending and running instances of its families an account may
// have in a Region. RunInstances and StartInstances beyond it get VcpuLimitExceeded.
struct Ec2VcpuLimit {
  std::string quota_code;  // L-1216C47A
  std::string name;        // Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances
  std::vector<std::string> families;
  double vcpus = 0;
};

enum class Ec2ThrottleMessage {
  kClassic,   // "Request limit exceeded."
  kDetailed,  // "Request limit exceeded. Account 123456789012 has been throttled on ec2:RunInstances because ..."
};

struct Ec2Settings {
  // State transitions happen lazily, when a call looks at an instance this long after the change began.
  Duration pending_delay = std::chrono::seconds(2);        // pending -> running
  Duration stopping_delay = std::chrono::seconds(2);       // stopping -> stopped
  Duration shutting_down_delay = std::chrono::seconds(2);  // shutting-down -> terminated
  Duration terminated_visible = std::chrono::hours(1);     // terminated instances are listed this long
  Ec2ThrottleMessage throttle_message = Ec2ThrottleMessage::kDetailed;
  // Whether an explicit ID list (InstanceId.N, VolumeId.N, ...) moves a Describe call out of the smaller
  // "unfiltered and unpaginated" bucket, as a filter does. AWS does not say.
  bool ids_count_as_filters = true;
  std::string default_instance_type = "m1.small";  // RunInstances without InstanceType (AWS's documented default)
  long long max_instances = 20000;                 // per account and region, counting every instance not yet terminated
  // Elastic IPs per account and region; AllocateAddress beyond it gets AddressLimitExceeded. AWS's default quota
  // is five per Region (EC2 user guide, "Elastic IP address quota").
  long long max_elastic_ips = 5;
  std::vector<Ec2ImageEntry> images;
  // Whether RunInstances refuses AMI ids that are not in `images` (InvalidAMIID.NotFound). Off: any well-formed
  // id launches, as a Linux image of the instance type's architecture.
  bool strict_images = false;
  std::vector<Ec2InstanceTypeEntry> instance_types;
  // Running On-Demand vCPU quotas by family group. A type whose family no group lists has no vCPU limit.
  std::vector<Ec2VcpuLimit> on_demand_vcpu_limits;

  const Ec2ImageEntry* find_image(std::string_view id) const {
    for (const auto& i : images) {
      if (i.id == id) return &i;
    }
    return nullptr;
  }
  const Ec2InstanceTypeEntry* find_instance_type(std::string_view name) const {
    for (const auto& t : instance_types) {
      if (t.name == name) return &t;
    }
    return nullptr;
  }
  // The vCPU quota of an instance type's family group (the first group listing the family); null when none.
  const Ec2VcpuLimit* vcpu_limit_for(std::string_view instance_type) const {
    const std::string_view family = ec2_instance_family(instance_type);
    for (const auto& limit : on_demand_vcpu_limits) {
      for (const auto& f : limit.families) {
        if (f == family) return &limit;
      }
    }
    return nullptr;
  }
};

}  // namespace chokepoint
