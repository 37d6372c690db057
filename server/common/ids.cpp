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

uint64_t IdGenerator::next64() { return splitmix64(seed_ ^ counter_.fetch_add(1, std::memory_order_relaxed)); }

std::string IdGenerator::uuid() {
  static constexpr char kHex[] = "0123456789abcdef";
  const uint64_t a = next64();
  const uint64_t b = next64();
  std::string out(36, '-');
  int nibble = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) continue;
    const uint64_t word = nibble < 16 ? a : b;
    int value = static_cast<int>((word >> ((nibble % 16) * 4)) & 0xF);
    if (i == 14) value = 4;                      // version
    if (i == 19) value = 8 | (value & 0x3);      // variant
    out[i] = kHex[value];
    ++nibble;
  }
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
