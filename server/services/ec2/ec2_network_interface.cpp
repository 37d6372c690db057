#include "services/ec2/ec2_network_interface.hpp"

#include <unordered_set>

#include "common/time_format.hpp"
#include "persistence/record_time.hpp"
#include "services/ec2/ec2_network.hpp"

namespace chokepoint {

namespace {

using Values = std::vector<std::string>;

Values when_present(bool present, const std::string& value) { return present ? Values{value} : Values{}; }

}  // namespace

Ec2NetworkInterface primary_interface_of(const Ec2Instance& i) {
  Ec2NetworkInterface eni;
  eni.seq = i.seq;
  eni.id = i.network_interface_id;
  eni.owner_id = i.owner_id;
  eni.region = i.region;
  eni.subnet_id = i.subnet_id;
  eni.vpc_id = i.vpc_id;
  eni.zone = i.zone;
  eni.zone_id = i.zone_id;
  eni.description = "";
  eni.private_ip = i.private_ip;
  eni.public_ip = i.public_ip;
  eni.mac_address = i.mac_address;
  eni.security_groups = i.security_groups;
  eni.source_dest_check = i.source_dest_check;
  // The attachment id DescribeInstances shows for the same interface.
  eni.attachment = {"eni-attach-" + i.network_interface_id.substr(4), i.id, 0, true, i.launch_time};
  return eni;
}

nlohmann::json network_interface_json(const Ec2NetworkInterface& eni) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : eni.security_groups) groups.push_back({{"groupId", g.id}, {"groupName", g.name}});
  const std::string dns = private_dns_name(eni.private_ip, eni.region);
  nlohmann::json address = {{"privateIpAddress", eni.private_ip}, {"privateDnsName", dns}, {"primary", true}};
  nlohmann::json j = {{"networkInterfaceId", eni.id},
                      {"subnetId", eni.subnet_id},
                      {"vpcId", eni.vpc_id},
                      {"availabilityZone", eni.zone},
                      {"availabilityZoneId", eni.zone_id},
                      {"description", eni.description},
                      {"ownerId", eni.owner_id},
                      {"requesterManaged", false},
                      {"status", eni.attachment.id.empty() ? "available" : "in-use"},
                      {"macAddress", eni.mac_address},
                      {"privateIpAddress", eni.private_ip},
                      {"privateDnsName", dns},
                      {"sourceDestCheck", eni.source_dest_check},
                      {"groupSet", groups},
                      {"interfaceType", "interface"},
                      {"ipv6AddressesSet", nlohmann::json::array()}};
  if (!eni.public_ip.empty()) {
    nlohmann::json association = {{"publicIp", eni.public_ip},
                                  {"publicDnsName", public_dns_name(eni.public_ip, eni.region)},
                                  {"ipOwnerId", "amazon"}};
    j["association"] = association;
    address["association"] = association;
  }
  j["privateIpAddressesSet"] = nlohmann::json::array({address});
  if (!eni.attachment.id.empty()) {
    j["attachment"] = {{"attachmentId", eni.attachment.id},
                       {"instanceId", eni.attachment.instance_id},
                       {"instanceOwnerId", eni.owner_id},
                       {"deviceIndex", eni.attachment.device_index},
                       {"networkCardIndex", 0},
                       {"status", "attached"},
                       {"attachTime", iso8601_millis(eni.attachment.attach_time)},
                       {"deleteOnTermination", eni.attachment.delete_on_termination}};
  }
  return j;
}

bool is_network_interface_filter(std::string_view name) {
  static const std::unordered_set<std::string_view> kNames = {
      "addresses.private-ip-address", "addresses.primary", "association.public-ip", "attachment.attachment-id",
      "attachment.instance-id", "attachment.instance-owner-id", "attachment.device-index", "attachment.status",
      "attachment.delete-on-termination", "availability-zone", "description", "group-id", "group-name",
      "interface-type", "mac-address", "network-interface-id", "owner-id", "private-dns-name", "private-ip-address",
      "requester-managed", "source-dest-check", "status", "subnet-id", "vpc-id"};
  return kNames.count(name) != 0;
}

Values network_interface_filter_values(const Ec2NetworkInterface& eni, const std::string& name) {
  const bool attached = !eni.attachment.id.empty();
  if (name == "network-interface-id") return {eni.id};
  if (name == "subnet-id") return {eni.subnet_id};
  if (name == "vpc-id") return {eni.vpc_id};
  if (name == "availability-zone") return {eni.zone};
  if (name == "description") return {eni.description};
  if (name == "owner-id") return {eni.owner_id};
  if (name == "mac-address") return {eni.mac_address};
  if (name == "interface-type") return {"interface"};
  if (name == "requester-managed") return {"false"};
  if (name == "source-dest-check") return {eni.source_dest_check ? "true" : "false"};
  if (name == "status") return {attached ? "in-use" : "available"};
  if (name == "private-ip-address" || name == "addresses.private-ip-address") return {eni.private_ip};
  if (name == "addresses.primary") return {"true"};
  if (name == "private-dns-name") return {private_dns_name(eni.private_ip, eni.region)};
  if (name == "association.public-ip") return when_present(!eni.public_ip.empty(), eni.public_ip);
  if (name == "attachment.attachment-id") return when_present(attached, eni.attachment.id);
  if (name == "attachment.instance-id") return when_present(attached, eni.attachment.instance_id);
  if (name == "attachment.instance-owner-id") return when_present(attached, eni.owner_id);
  if (name == "attachment.device-index") return when_present(attached, std::to_string(eni.attachment.device_index));
  if (name == "attachment.status") return when_present(attached, "attached");
  if (name == "attachment.delete-on-termination") {
    return when_present(attached, eni.attachment.delete_on_termination ? "true" : "false");
  }
  Values out;
  for (const auto& g : eni.security_groups) out.push_back(name == "group-id" ? g.id : g.name);
  return name == "group-id" || name == "group-name" ? out : Values{};
}

nlohmann::json network_interface_record(const Ec2NetworkInterface& eni) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : eni.security_groups) groups.push_back({g.id, g.name});
  return {{"seq", eni.seq},
          {"id", eni.id},
          {"owner_id", eni.owner_id},
          {"region", eni.region},
          {"subnet_id", eni.subnet_id},
          {"vpc_id", eni.vpc_id},
          {"zone", eni.zone},
          {"zone_id", eni.zone_id},
          {"description", eni.description},
          {"private_ip", eni.private_ip},
          {"mac_address", eni.mac_address},
          {"security_groups", groups},
          {"source_dest_check", eni.source_dest_check},
          {"attachment_id", eni.attachment.id},
          {"attachment_instance_id", eni.attachment.instance_id},
          {"attachment_device_index", eni.attachment.device_index},
          {"attachment_delete_on_termination", eni.attachment.delete_on_termination},
          {"attachment_time", record_time(eni.attachment.attach_time)}};
}

Ec2NetworkInterface network_interface_from_record(const nlohmann::json& j) {
  Ec2NetworkInterface eni;
  eni.seq = j.at("seq").get<uint64_t>();
  for (auto [field, key] : std::initializer_list<std::pair<std::string*, const char*>>{
           {&eni.id, "id"}, {&eni.owner_id, "owner_id"}, {&eni.region, "region"}, {&eni.subnet_id, "subnet_id"},
           {&eni.vpc_id, "vpc_id"}, {&eni.zone, "zone"}, {&eni.zone_id, "zone_id"},
           {&eni.description, "description"}, {&eni.private_ip, "private_ip"}, {&eni.mac_address, "mac_address"},
           {&eni.attachment.id, "attachment_id"}, {&eni.attachment.instance_id, "attachment_instance_id"}}) {
    *field = j.at(key).get<std::string>();
  }
  for (const auto& g : j.at("security_groups")) {
    eni.security_groups.push_back({g.at(0).get<std::string>(), g.at(1).get<std::string>()});
  }
  eni.source_dest_check = j.at("source_dest_check").get<bool>();
  eni.attachment.device_index = j.at("attachment_device_index").get<int>();
  eni.attachment.delete_on_termination = j.at("attachment_delete_on_termination").get<bool>();
  eni.attachment.attach_time = time_from_record(j.at("attachment_time"));
  return eni;
}

}  // namespace chokepoint
