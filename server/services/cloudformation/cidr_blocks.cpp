#include "services/cloudformation/cidr_blocks.hpp"

#include <cstdint>

#include "common/ipv4.hpp"
#include "common/strings.hpp"

namespace chokepoint {

std::optional<std::vector<std::string>> cidr_subnets(const std::string& block, long long count, long long host_bits) {
  const auto slash = block.find('/');
  long long prefix = 0;
  if (slash == std::string::npos || !parse_int64(std::string_view(block).substr(slash + 1), prefix) || prefix > 32) {
    return std::nullopt;
  }
  const auto base = parse_ipv4(std::string_view(block).substr(0, slash));
  const long long subnet_prefix = 32 - host_bits;
  if (!base || count < 1 || count > 256 || host_bits < 0 || subnet_prefix < prefix) return std::nullopt;
  const uint64_t available = uint64_t{1} << (subnet_prefix - prefix);
  if (static_cast<uint64_t>(count) > available) return std::nullopt;
  const uint32_t network = prefix == 0 ? 0 : (*base & ~((uint32_t{1} << (32 - prefix)) - 1) & 0xFFFFFFFFu);
  std::vector<std::string> out;
  for (long long i = 0; i < count; ++i) {
    const uint64_t start = network + (static_cast<uint64_t>(i) << host_bits);
    out.push_back(format_ipv4(static_cast<uint32_t>(start)) + "/" + std::to_string(subnet_prefix));
  }
  return out;
}

}  // namespace chokepoint
