#pragma once
// The stored form of an item: one immutable, reference-counted byte buffer. It costs a few bytes per
// attribute beyond the data itself (a million 1 KB items fit in well under 1.6 GB), can be written
// straight to response JSON, and lets single attributes be read without unpacking the rest.
// Copies share the buffer; safe to read from many threads.
//
// Layout: u32 item size (DynamoDB bytes), u32 page size (see item_size.hpp), varint attribute count, then per attribute: varint name length,
// name, value. A value is a type byte and then: S/N/B varint length + bytes (N canonical text, B raw);
// BOOL one byte; NULL nothing; SS/NS/BS/L/M varint count, varint byte length of the body, body.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/dynamodb/attribute_value.hpp"

namespace chokepoint {

class PackedItem {
 public:
  PackedItem() = default;  // no item
  // `range_key` names the table's sort key (for page_size); empty when it has none.
  static PackedItem pack(const AttrMap& item, std::string_view range_key = {});

  bool empty() const { return !data_; }
  explicit operator bool() const { return data_ != nullptr; }
  // DynamoDB's size of the item (see item_size.hpp).
  uint32_t size_bytes() const;
  // What the item counts towards a Query/Scan page (page_size()).
  uint32_t page_bytes() const;
  std::size_t buffer_bytes() const { return length_; }

  AttrMap unpack() const;
  // One top-level attribute, unpacked; nullopt when absent.
  std::optional<AttrValue> get(std::string_view name) const;
  // Only the named top-level attributes (absent ones are skipped).
  AttrMap unpack_some(const std::vector<std::string>& names) const;

  // {"name":{"S":"x"},...}, all attributes or only those in `names`.
  void append_json(std::string& out) const;
  void append_json(std::string& out, const std::vector<std::string>& names) const;
  // DynamoDB size of only the named attributes (an index entry's projected size).
  uint32_t size_of(const std::vector<std::string>& names) const;

 private:
  std::shared_ptr<const char[]> data_;
  uint32_t length_ = 0;
};

}  // namespace chokepoint
