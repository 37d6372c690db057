#pragma once
// One Elastic IP address (domain vpc) and its association, and its durable record. Plain value; thread-safety
// is its owner's (Ec2Store).
#include <nlohmann/json.hpp>
#include <string>

namespace chokepoint {

struct Ec2Address {
  std::string allocation_id;  // eipalloc-0123456789abcdef0
  std::string public_ip;
  // Set while associated: the association, the instance and its network interface and private address.
  std::string association_id;  // eipassoc-0123456789abcdef0
  std::string instance_id;
  std::string network_interface_id;
  std::string private_ip;
};

// Forgets the address's association.
void clear_association(Ec2Address& address);

nlohmann::json address_record(const Ec2Address& address);
Ec2Address address_from_record(const nlohmann::json& j);

}  // namespace chokepoint
