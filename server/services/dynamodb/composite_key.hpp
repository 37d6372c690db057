#pragma once
// Multi-attribute global index keys as the index store orders them. Several attribute values are joined
// into one byte string whose bytewise order is the order of the values compared left to right: each part is
// its key_bytes() with 0x00 written as 0x00 0xFF, followed by the terminator 0x00 0x01. A shorter value
// sorts before a longer one sharing its prefix, and every part ends on a boundary no value byte can fake,
// so "the first k parts equal these values" is a byte prefix and Query can seek to it.
#include <cstdint>
#include <string>
#include <vector>

#include "services/dynamodb/attribute_value.hpp"

namespace chokepoint {

// Appends one part: escaped key bytes, then the terminator.
void append_composite_part(std::string& out, const AttrValue& value);
// Appends a value's escaped key bytes without the terminator: the prefix of every part that begins with it.
void append_composite_prefix(std::string& out, const AttrValue& value);
// The smallest byte string greater than every string that starts with `prefix`; empty when there is none.
std::string prefix_successor(std::string prefix);

// The bytes of a partition or sort key made of `values`: the single value's key_bytes() for a one-attribute
// key (the same bytes a single-attribute index uses), the joined parts otherwise.
std::string key_part_bytes(const std::vector<AttrValue>& values);
// The partition hash of a partition key made of `values`.
uint64_t key_part_token(const std::vector<AttrValue>& values);

}  // namespace chokepoint
