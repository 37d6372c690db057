#pragma once
// IPv4 addresses and CIDR blocks as numbers: parsing, printing, containment and overlap.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chokepoint {

// "10.0.0.1" -> 0x0A000001; nullopt unless four decimal octets 0-255.
std::optional<uint32_t> parse_ipv4(std::string_view text);
std::string format_ipv4(uint32_t address);

struct Ipv4Cidr {
  uint32_t base = 0;  // the network address (host bits zero)
  int prefix = 0;     // 0-32

  uint64_t size() const { return uint64_t{1} << (32 - prefix); }
  bool contains(const Ipv4Cidr& inner) const;
  bool overlaps(const Ipv4Cidr& other) const;
  std::string text() const;
};

// "10.0.0.0/16"; nullopt when malformed or when host bits are set ("10.0.0.1/16").
std::optional<Ipv4Cidr> parse_ipv4_cidr(std::string_view text);

}  // namespace chokepoint
