#include "common/ids.hpp"

namespace chokepoint {

namespace {
uint64_t splitmix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}
}  // namespace

IdGenerator::IdGenerator(uint64_t seed) : counter_(0), seed_(splitmix64(seed)) {}

uint64_t IdGenerator::next64() {
  return splitmix64(seed_ ^ counter_.fetch_add(1, std::memory_order_relaxed));
}

std::string IdGenerator::uuid() {
  static constexpr char kHex[] = "0123456789abcdef";
  // Version 4: the version nibble is 4 and the variant's top bits are 10.
  const uint64_t high = (next64() & ~0xF000ULL) | 0x4000ULL;
  const uint64_t low = (next64() & ~(0xCULL << 60)) | (0x8ULL << 60);
  std::string out(36, '-');
  // The 8-4-4-4-12 groups, each written from its last digit back, 4 bits at a time.
  const auto group = [&out](uint64_t& word, size_t end, size_t digits) {
    for (size_t i = 1; i <= digits; ++i, word >>= 4) out[end - i] = kHex[word & 0xF];
  };
  uint64_t rest = low;
  group(rest, 36, 12);
  group(rest, 23, 4);
  rest = high;
  group(rest, 18, 4);
  group(rest, 13, 4);
  group(rest, 8, 8);
  return out;
}

std::string IdGenerator::upper_alnum(size_t length) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string out(length, '0');
  uint64_t word = 0;
  int left = 0;
  for (auto& c : out) {
    if (left == 0) {
      word = next64();
      left = 12;  // 36^12 < 2^64: twelve base-36 digits per 64-bit word
    }
    c = kAlphabet[word % 36];
    word /= 36;
    --left;
  }
  return out;
}

std::string IdGenerator::lower_hex(size_t length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(length, '0');
  uint64_t word = 0;
  int left = 0;
  for (auto& c : out) {
    if (left == 0) {
      word = next64();
      left = 16;
    }
    c = kHex[word & 0xF];
    word >>= 4;
    --left;
  }
  return out;
}

}  // namespace chokepoint
