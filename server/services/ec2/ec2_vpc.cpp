#include "services/ec2/ec2_vpc.hpp"

#include <tuple>

namespace chokepoint {

using nlohmann::json;

bool same_permission(const Ec2GroupRule& a, const Ec2GroupRule& b) {
  const auto key = [](const Ec2GroupRule& r) {
    return std::tie(r.egress, r.protocol, r.from_port, r.to_port, r.cidr_ipv4, r.cidr_ipv6, r.group_id,
                    r.prefix_list_id);
  };
  return key(a) == key(b);
}

json vpc_record(const Ec2Vpc& v) {
  return {{"id", v.id},
          {"cidr", v.cidr},
          {"cidr_association_id", v.cidr_association_id},
          {"tenancy", v.tenancy},
          {"default_group_id", v.default_group_id},
          {"dns_support", v.dns_support},
          {"dns_hostnames", v.dns_hostnames}};
}

Ec2Vpc vpc_from_record(const json& j) {
  Ec2Vpc v;
  v.id = j.at("id").get<std::string>();
  v.cidr = j.at("cidr").get<std::string>();
  v.cidr_association_id = j.at("cidr_association_id").get<std::string>();
  v.tenancy = j.at("tenancy").get<std::string>();
  v.default_group_id = j.at("default_group_id").get<std::string>();
  v.dns_support = j.at("dns_support").get<bool>();
  v.dns_hostnames = j.at("dns_hostnames").get<bool>();
  return v;
}

json subnet_record(const Ec2Subnet& s) {
  return {{"id", s.id},
          {"vpc_id", s.vpc_id},
          {"cidr", s.cidr},
          {"zone_index", s.zone_index},
          {"map_public_ip", s.map_public_ip},
          {"next_address", s.next_address}};
}

Ec2Subnet subnet_from_record(const json& j) {
  Ec2Subnet s;
  s.id = j.at("id").get<std::string>();
  s.vpc_id = j.at("vpc_id").get<std::string>();
  s.cidr = j.at("cidr").get<std::string>();
  s.zone_index = j.at("zone_index").get<size_t>();
  s.map_public_ip = j.at("map_public_ip").get<bool>();
  s.next_address = j.at("next_address").get<uint64_t>();
  return s;
}

json group_record(const Ec2VpcGroup& g) {
  json rules = json::array();
  for (const auto& r : g.rules) {
    rules.push_back({{"id", r.id},
                     {"egress", r.egress},
                     {"protocol", r.protocol},
                     {"from", r.from_port},
                     {"to", r.to_port},
                     {"ipv4", r.cidr_ipv4},
                     {"ipv6", r.cidr_ipv6},
                     {"group", r.group_id},
                     {"group_owner", r.group_owner},
                     {"prefix_list", r.prefix_list_id},
                     {"description", r.description}});
  }
  return {{"id", g.id}, {"name", g.name}, {"description", g.description}, {"vpc_id", g.vpc_id}, {"rules", rules}};
}

Ec2VpcGroup group_from_record(const json& j) {
  Ec2VpcGroup g;
  g.id = j.at("id").get<std::string>();
  g.name = j.at("name").get<std::string>();
  g.description = j.at("description").get<std::string>();
  g.vpc_id = j.at("vpc_id").get<std::string>();
  for (const auto& r : j.at("rules")) {
    Ec2GroupRule rule;
    rule.id = r.at("id").get<std::string>();
    rule.egress = r.at("egress").get<bool>();
    rule.protocol = r.at("protocol").get<std::string>();
    rule.from_port = r.at("from").get<int>();
    rule.to_port = r.at("to").get<int>();
    rule.cidr_ipv4 = r.at("ipv4").get<std::string>();
    rule.cidr_ipv6 = r.at("ipv6").get<std::string>();
    rule.group_id = r.at("group").get<std::string>();
    rule.group_owner = r.at("group_owner").get<std::string>();
    rule.prefix_list_id = r.at("prefix_list").get<std::string>();
    rule.description = r.at("description").get<std::string>();
    g.rules.push_back(std::move(rule));
  }
  return g;
}

}  // namespace chokepoint
