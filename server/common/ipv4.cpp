#include "common/ipv4.hpp"

#include "common/strings.hpp"

namespace chokepoint {

namespace {

uint32_t mask_of(int prefix) {
  return prefix == 0 ? 0 : static_cast<uint32_t>(0xFFFFFFFFu << (32 - prefix));
}

}  // namespace

std::optional<uint32_t> parse_ipv4(std::string_view text) {
  const auto octets = split(text, '.');
  if (octets.size() != 4) return std::nullopt;
  uint32_t address = 0;
  for (const auto octet : octets) {
    long long v = 0;
    if (octet.empty() || octet.size() > 3 || !parse_int64(octet, v) || v < 0 || v > 255) return std::nullopt;
    address = (address << 8) | static_cast<uint32_t>(v);
  }
  return address;
}

std::string format_ipv4(uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." + std::to_string((a >> 8) & 255) + "." +
         std::to_string(a & 255);
}

bool Ipv4Cidr::contains(const Ipv4Cidr& inner) const {
  return inner.prefix >= prefix && (inner.base & mask_of(prefix)) == base;
}

bool Ipv4Cidr::overlaps(const Ipv4Cidr& other) const {
  return contains(other) || other.contains(*this);
}

std::string Ipv4Cidr::text() const {
  return format_ipv4(base) + "/" + std::to_string(prefix);
}

std::optional<Ipv4Cidr> parse_ipv4_cidr(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  long long prefix = 0;
  const auto digits = text.substr(slash + 1);
  if (digits.empty() || digits.size() > 2 || !parse_int64(digits, prefix) || prefix < 0 || prefix > 32) {
    return std::nullopt;
  }
  const auto base = parse_ipv4(text.substr(0, slash));
  if (!base) return std::nullopt;
  const Ipv4Cidr cidr{*base, static_cast<int>(prefix)};
  if ((cidr.base & ~mask_of(cidr.prefix)) != 0) return std::nullopt;
  return cidr;
}

}  // namespace chokepoint
