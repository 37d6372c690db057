#pragma once
// RunInstances' input, validated into plain values before anything is launched.
#include <string>
#include <variant>
#include <vector>

#include "protocol/result.hpp"
#include "services/ec2/ec2_instance.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_tags.hpp"

namespace chokepoint {

struct Ec2LaunchSpec {
  Ec2ImageEntry image;  // the catalog's entry, or for an id not in it (strict_images off) one standing in for it
  const Ec2InstanceTypeEntry* type = nullptr;
  long long min_count = 1;
  long long max_count = 1;
  std::string key_name;
  std::string zone;
  std::string zone_id;
  size_t zone_index = 0;
  std::string subnet_id;
  std::string vpc_id;      // the subnet's, set under the store's lock (ec2_vpc_placement.hpp)
  std::string private_ip;  // empty: assigned
  std::vector<Ec2SecurityGroup> security_groups;
  std::string client_token;
  bool ebs_optimized = false;
  bool monitoring = false;
  bool disable_api_termination = false;
  std::string user_data;                  // base64
  std::string shutdown_behavior = "stop";  // InstanceInitiatedShutdownBehavior
  Ec2TagList instance_tags;
  Ec2TagList volume_tags;
  Ec2TagList interface_tags;
  std::string fingerprint;  // the parameters, for ClientToken idempotency
};

// Validates RunInstances' parameters with the errors EC2 gives for each.
Result<Ec2LaunchSpec> read_launch_spec(const nlohmann::json& params, const Ec2Scope& scope);

}  // namespace chokepoint
