#pragma once
// Item sizes as DynamoDB counts them for the 400 KB limit and for capacity units:
//   item      = sum over attributes of (UTF-8 bytes of the name + size of the value)
//   S / B     = bytes (binary: raw bytes, not base64);  N = Decimal::storage_size();  BOOL / NULL = 1
//   SS/NS/BS  = sum of the element sizes
//   L         = 3 + sum of (1 + element size);  M = 3 + sum of (1 + name bytes + value size)
#include <cstddef>

#include "services/dynamodb/attribute_value.hpp"

namespace chokepoint {

inline constexpr std::size_t kMaxItemBytes = 400 * 1024;

std::size_t attr_size(const AttrValue& value);
std::size_t item_size(const AttrMap& item);

}  // namespace chokepoint
