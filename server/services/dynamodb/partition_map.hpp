#pragma once
// How a table's or index's key space is divided into partitions. A partition key's hash (the 24-bit prefix of
// partition_token(), see key_codec.hpp) falls into one of N equal slices of the hash space; partition i
// covers hashes [i * 2^24 / N, (i + 1) * 2^24 / N).
//
// The count follows DynamoDB's historical heuristic (reference section 3.7): ceil(RCU / 3000 + WCU / 1000), at
// least one, and one more per 10 GB of data; a count declared in the configuration replaces the derived one.
#include <cstdint>
#include <string>

namespace chokepoint {

struct PartitionSizing {
  double read_units = 0;   // provisioned RCU, or what an on-demand table sustains at once
  double write_units = 0;
  uint64_t data_bytes = 0;
  int declared = 0;        // 0: derive
  double partition_max_read_units = 3000;
  double partition_max_write_units = 1000;
  long long partition_size_bytes = 10LL * 1024 * 1024 * 1024;
  int max_partitions = 1024;
};

// The partition count for these numbers (declared, or derived), never more than max_partitions.
uint32_t partition_count(const PartitionSizing& sizing);

// The partition a partition-key token falls into, among `count`.
inline uint32_t partition_of(uint64_t token, uint32_t count) {
  return static_cast<uint32_t>(((token >> 40) * count) >> 24);
}

// The first and last 24-bit hash prefix partition `index` of `count` covers.
struct HashRange {
  uint32_t first = 0;
  uint32_t last = 0;
};
HashRange partition_range(uint32_t index, uint32_t count);
// "3fffff": six lower-case hex digits.
std::string hash_hex(uint32_t prefix);

}  // namespace chokepoint
