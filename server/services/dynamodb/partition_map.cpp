#include "services/dynamodb/partition_map.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace chokepoint {

uint32_t partition_count(const PartitionSizing& s) {
  double count = s.declared;
  if (s.declared <= 0) {
    // A tiny epsilon keeps ceil(4000 / 1000) at 4 despite rounding in the division.
    const double by_throughput = s.read_units / s.partition_max_read_units + s.write_units / s.partition_max_write_units;
    count = std::max(1.0, std::ceil(by_throughput - 1e-9));
  }
  const double by_size = std::ceil(static_cast<double>(s.data_bytes) / static_cast<double>(s.partition_size_bytes));
  count = std::max(count, by_size);
  return static_cast<uint32_t>(std::clamp(count, 1.0, static_cast<double>(std::max(1, s.max_partitions))));
}

HashRange partition_range(uint32_t index, uint32_t count) {
  // The smallest prefix p with partition_of(p) == index is ceil(index * 2^24 / count).
  auto first_of = [count](uint64_t i) { return static_cast<uint32_t>((i * (uint64_t{1} << 24) + count - 1) / count); };
  const uint32_t first = first_of(index);
  const uint32_t last = index + 1 >= count ? 0xffffff : first_of(index + 1) - 1;
  return {first, last};
}

std::string hash_hex(uint32_t prefix) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%06x", prefix & 0xffffff);
  return buffer;
}

}  // namespace chokepoint
