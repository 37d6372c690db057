#pragma once
// Identifier generation: request ids and resource ids. Lock-free and thread-safe: a counter run
// through a mixing function, so ids are unique within a process and repeatable for a given seed.
#include <atomic>
#include <cstdint>
#include <string>

namespace chokepoint {

class IdGenerator {
 public:
  explicit IdGenerator(uint64_t seed);

  uint64_t next64();
  std::string uuid();                     // 8-4-4-4-12 lower-case hex, version 4 layout
  std::string upper_alnum(size_t length);  // [0-9A-Z]{length}, e.g. DynamoDB's 52-character request ids
  std::string lower_hex(size_t length);    // e.g. the 17 hex digits of an EC2 instance id

 private:
  std::atomic<uint64_t> counter_;
  uint64_t seed_;
};

}  // namespace chokepoint
