#pragma once
// Item sizes as DynamoDB counts them for the 400 KB limit and for capacity units:
//   item      = sum over attributes of (UTF-8 bytes of the name + size of the value)
//   S / B     = bytes (binary: raw bytes, not base64);  N = Decimal::storage_size();  BOOL / NULL = 1
//   SS/NS/BS  = sum of the element sizes
//   L         = 3 + sum of (1 + element size);  M = 3 + sum of (1 + name bytes + value size)
#include <cstddef>
#include <string_view>

#include "services/dynamodb/attribute_value.hpp"

namespace chokepoint {

inline constexpr std::size_t kMaxItemBytes = 400 * 1024;

std::size_t attr_size(const AttrValue& value);
std::size_t item_size(const AttrMap& item);

// What an item counts towards the 1 MB a Query or Scan page may read. DynamoDB measures pages on its
// stored form (a length prefix per value, one byte per attribute name, and per-block overhead that
// includes the sort key), which can differ from item_size() by a few percent:
//   2 + body + (1 + floor((1 + body) / 3072)) * (18 + stored size of the sort key)
std::size_t page_size(const AttrMap& item, std::string_view range_key);

}  // namespace chokepoint
