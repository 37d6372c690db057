#include "services/ec2/ec2_network.hpp"

#include <cstdio>

#include "common/ipv4.hpp"

namespace chokepoint {

namespace {

uint64_t fnv1a(std::string_view text) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string dashed(std::string_view ip) {
  std::string out(ip);
  for (auto& c : out) {
    if (c == '.') c = '-';
  }
  return out;
}

}  // namespace

std::string derived_id(std::string_view prefix, std::string_view seed) {
  char hex[18];  // AWS's current ids have 17 hex digits
  std::snprintf(hex, sizeof hex, "0%016llx", static_cast<unsigned long long>(fnv1a(seed)));
  return std::string(prefix) + "-" + hex;
}

std::string default_vpc_id(std::string_view account, std::string_view region) {
  return derived_id("vpc", std::string(account) + "/" + std::string(region) + "/vpc");
}

std::string default_subnet_id(std::string_view account, std::string_view region, std::string_view zone) {
  return derived_id("subnet", std::string(account) + "/" + std::string(region) + "/" + std::string(zone));
}

std::string default_security_group_id(std::string_view account, std::string_view region) {
  return derived_id("sg", std::string(account) + "/" + std::string(region) + "/default");
}

std::string default_subnet_cidr(size_t zone_index) {
  return "172.31." + std::to_string((zone_index % 16) * 16) + ".0/20";
}

std::string private_ip_for(uint64_t n, size_t zone_index) {
  // 4,091 usable addresses per /20 (AWS reserves the first four and the last); wrap after that.
  const uint64_t offset = 4 + n % 4091;
  const uint64_t third = (zone_index % 16) * 16 + offset / 256;
  return "172.31." + std::to_string(third) + "." + std::to_string(offset % 256);
}

std::string public_ip_for(uint64_t n) {
  // 54.0.0.0/10, skipping .0 and .255 in the last octet.
  const uint64_t host = n % (64 * 256 * 254);
  return "54." + std::to_string(host / (256 * 254)) + "." + std::to_string(host / 254 % 256) + "." +
         std::to_string(host % 254 + 1);
}

std::string elastic_ip_for(uint64_t n) {
  constexpr std::string_view kRanges[] = {"192.0.2.", "198.51.100.", "203.0.113."};
  const uint64_t index = n % kElasticIpCount;
  return std::string(kRanges[index / 254]) + std::to_string(index % 254 + 1);
}

std::string private_dns_name(std::string_view ip, std::string_view region) {
  if (region == "us-east-1") return "ip-" + dashed(ip) + ".ec2.internal";
  return "ip-" + dashed(ip) + "." + std::string(region) + ".compute.internal";
}

std::string public_dns_name(std::string_view ip, std::string_view region) {
  if (region == "us-east-1") return "ec2-" + dashed(ip) + ".compute-1.amazonaws.com";
  return "ec2-" + dashed(ip) + "." + std::string(region) + ".compute.amazonaws.com";
}

std::string mac_address_for(std::string_view seed) {
  const uint64_t h = fnv1a(seed);
  char mac[18];
  std::snprintf(mac, sizeof mac, "0e:%02x:%02x:%02x:%02x:%02x", static_cast<unsigned>((h >> 32) & 255),
                static_cast<unsigned>((h >> 24) & 255), static_cast<unsigned>((h >> 16) & 255),
                static_cast<unsigned>((h >> 8) & 255), static_cast<unsigned>(h & 255));
  return mac;
}

bool is_ipv4(std::string_view text) {
  return parse_ipv4(text).has_value();
}

}  // namespace chokepoint
