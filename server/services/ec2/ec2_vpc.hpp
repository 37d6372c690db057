#pragma once
// VPCs, subnets and security groups created through the API, as EC2 keeps them, and their durable records.
// The default VPC, its subnets and its "default" group are derived (ec2_network.hpp) and stored here only once
// a call changes one of them (a rule on the default group). Plain values; thread-safety is their owner's
// (Ec2Store).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace chokepoint {

struct Ec2Vpc {
  std::string id;    // vpc-0123456789abcdef0
  std::string cidr;  // 10.0.0.0/16
  std::string cidr_association_id;
  std::string tenancy = "default";
  std::string default_group_id;  // its "default" security group, created with it
  bool dns_support = true;       // AWS's defaults for a VPC that is not the default one
  bool dns_hostnames = false;
};

struct Ec2Subnet {
  std::string id;  // subnet-0123456789abcdef0
  std::string vpc_id;
  std::string cidr;
  size_t zone_index = 0;  // into the region's zones
  bool map_public_ip = false;
  uint64_t next_address = 0;  // addresses handed to instances so far
};

// One rule of a security group: one protocol and port range towards one peer (an IPv4 or IPv6 range, a group
// or a prefix list), as DescribeSecurityGroupRules lists it.
struct Ec2GroupRule {
  std::string id;  // sgr-0123456789abcdef0
  bool egress = false;
  std::string protocol = "-1";  // "-1" (all), "tcp", "udp", "icmp", "icmpv6" or a protocol number
  int from_port = -1;
  int to_port = -1;
  std::string cidr_ipv4;
  std::string cidr_ipv6;
  std::string group_id;  // the referenced group, with its owner
  std::string group_owner;
  std::string prefix_list_id;
  std::string description;
};

// The same protocol, ports and peer: what makes a rule a duplicate of another.
bool same_permission(const Ec2GroupRule& a, const Ec2GroupRule& b);

struct Ec2VpcGroup {
  std::string id;  // sg-0123456789abcdef0
  std::string name;
  std::string description;
  std::string vpc_id;
  std::vector<Ec2GroupRule> rules;  // ingress and egress, in the order they were added
};

nlohmann::json vpc_record(const Ec2Vpc& vpc);
Ec2Vpc vpc_from_record(const nlohmann::json& j);
nlohmann::json subnet_record(const Ec2Subnet& subnet);
Ec2Subnet subnet_from_record(const nlohmann::json& j);
nlohmann::json group_record(const Ec2VpcGroup& group);
Ec2VpcGroup group_from_record(const nlohmann::json& j);

}  // namespace chokepoint
