#pragma once
// One elastic network interface made by CreateNetworkInterface, and the view DescribeNetworkInterfaces gives of
// it and of the instances' primary interfaces (which live with their instances). Plain values; thread-safety is
// their owner's (Ec2Store).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "services/ec2/ec2_instance.hpp"

namespace chokepoint {

struct Ec2InterfaceAttachment {
  std::string id;  // eni-attach-0123456789abcdef0; empty when detached
  std::string instance_id;
  int device_index = 0;
  bool delete_on_termination = false;
  TimePoint attach_time;
};

struct Ec2NetworkInterface {
  uint64_t seq = 0;  // creation order within its account and region
  std::string id;    // eni-0123456789abcdef0
  std::string owner_id;
  std::string region;
  std::string subnet_id;
  std::string vpc_id;
  std::string zone;
  std::string zone_id;
  std::string description;
  std::string private_ip;
  std::string public_ip;  // primary interfaces of instances with one
  std::string mac_address;
  std::vector<Ec2SecurityGroup> security_groups;
  bool source_dest_check = true;
  Ec2InterfaceAttachment attachment;
};

// An instance's primary interface (device index 0) as a network interface.
Ec2NetworkInterface primary_interface_of(const Ec2Instance& instance);

// The NetworkInterface structure under its EC2 wire names (without tags).
nlohmann::json network_interface_json(const Ec2NetworkInterface& eni);
// DescribeNetworkInterfaces' filters (API reference), and an interface's values for them (tags aside).
bool is_network_interface_filter(std::string_view name);
std::vector<std::string> network_interface_filter_values(const Ec2NetworkInterface& eni, const std::string& name);

nlohmann::json network_interface_record(const Ec2NetworkInterface& eni);
Ec2NetworkInterface network_interface_from_record(const nlohmann::json& j);

}  // namespace chokepoint
