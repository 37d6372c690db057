#include "services/ec2/ec2_address.hpp"

namespace chokepoint {

void clear_association(Ec2Address& address) {
  address.association_id.clear();
  address.instance_id.clear();
  address.network_interface_id.clear();
  address.private_ip.clear();
}

nlohmann::json address_record(const Ec2Address& a) {
  return {{"allocation_id", a.allocation_id},
          {"public_ip", a.public_ip},
          {"association_id", a.association_id},
          {"instance_id", a.instance_id},
          {"network_interface_id", a.network_interface_id},
          {"private_ip", a.private_ip}};
}

Ec2Address address_from_record(const nlohmann::json& j) {
  Ec2Address a;
  for (auto [field, key] :
       std::initializer_list<std::pair<std::string*, const char*>>{{&a.allocation_id, "allocation_id"},
                                                                   {&a.public_ip, "public_ip"},
                                                                   {&a.association_id, "association_id"},
                                                                   {&a.instance_id, "instance_id"},
                                                                   {&a.network_interface_id, "network_interface_id"},
                                                                   {&a.private_ip, "private_ip"}}) {
    *field = j.at(key).get<std::string>();
  }
  return a;
}

}  // namespace chokepoint
