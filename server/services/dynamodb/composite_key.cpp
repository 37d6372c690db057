#include "services/dynamodb/composite_key.hpp"

#include "services/dynamodb/key_codec.hpp"

namespace chokepoint {

namespace {

void append_escaped(std::string& out, const std::string& bytes) {
  for (const char c : bytes) {
    out.push_back(c);
    if (c == '\0') out.push_back('\xff');
  }
}

}  // namespace

void append_composite_part(std::string& out, const AttrValue& value) {
  append_escaped(out, key_bytes(value));
  out.push_back('\0');
  out.push_back('\x01');
}

void append_composite_prefix(std::string& out, const AttrValue& value) {
  // Only S and B values are prefixes of one another (begins_with); their key bytes are the value itself.
  append_escaped(out, key_bytes(value));
}

std::string prefix_successor(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

std::string key_part_bytes(const std::vector<AttrValue>& values) {
  if (values.size() == 1) return key_bytes(values[0]);
  std::string out;
  for (const auto& v : values) append_composite_part(out, v);
  return out;
}

uint64_t key_part_token(const std::vector<AttrValue>& values) {
  if (values.size() == 1) return partition_token(values[0]);
  return partition_token(AttrValue::binary(key_part_bytes(values)));
}

}  // namespace chokepoint
