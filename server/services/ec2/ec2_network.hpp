#pragma once
// The default network every account and region has in the emulator: one default VPC, one default subnet
// per zone, the "default" security group, and addresses handed out in order. Ids are derived from the
// account, region and zone, so they are stable across restarts and the same for every call.
#include <cstdint>
#include <string>
#include <string_view>

namespace chokepoint {

// PREFIX- and 17 hex digits derived from `seed` (FNV-1a).
std::string derived_id(std::string_view prefix, std::string_view seed);

std::string default_vpc_id(std::string_view account, std::string_view region);
std::string default_subnet_id(std::string_view account, std::string_view region, std::string_view zone);
std::string default_security_group_id(std::string_view account, std::string_view region);
// The default VPC's CIDR block, and its subnet in the zone_index-th zone (172.31.16*zone.0/20).
inline constexpr std::string_view kDefaultVpcCidr = "172.31.0.0/16";
std::string default_subnet_cidr(size_t zone_index);

// The n-th private address of the zone's default subnet (172.31.16*zone.0/20, as AWS's default VPC lays them).
std::string private_ip_for(uint64_t n, size_t zone_index);
// The n-th public address (54.0.0.0/10).
std::string public_ip_for(uint64_t n);
// Elastic IPs: RFC 5737's documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), which are
// nobody's real address, hosts .1 to .254 of each.
inline constexpr uint64_t kElasticIpCount = 3 * 254;
// The n-th of them (n modulo kElasticIpCount).
std::string elastic_ip_for(uint64_t n);
// ip-172-31-1-2.ec2.internal (us-east-1) or ip-172-31-1-2.REGION.compute.internal.
std::string private_dns_name(std::string_view ip, std::string_view region);
// ec2-54-1-2-3.compute-1.amazonaws.com (us-east-1) or ec2-54-1-2-3.REGION.compute.amazonaws.com.
std::string public_dns_name(std::string_view ip, std::string_view region);
// A locally administered MAC address derived from `seed`.
std::string mac_address_for(std::string_view seed);

bool is_ipv4(std::string_view text);

}  // namespace chokepoint
