#pragma once
// The working form of DynamoDB attribute values: a small tree built once from request JSON, used by
// validation, expressions and updates. Stored items use the compact PackedItem form instead.
// Numbers are kept as canonical decimal text (see Decimal); binary as raw bytes (not base64).
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace chokepoint {

enum class AttrType : uint8_t { kS, kN, kB, kBool, kNull, kM, kL, kSS, kNS, kBS };

// "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS".
std::string_view attr_type_name(AttrType type);
bool parse_attr_type(std::string_view name, AttrType& out);
inline bool is_set_type(AttrType t) { return t == AttrType::kSS || t == AttrType::kNS || t == AttrType::kBS; }
// The scalar type of a set's elements (SS -> S) and back.
AttrType set_element_type(AttrType set_type);
AttrType set_type_of(AttrType scalar_type);

class AttrValue;

// A map of attributes (an item, or an M value): kept sorted by name; names are unique.
class AttrMap {
 public:
  using Entry = std::pair<std::string, AttrValue>;

  const AttrValue* find(std::string_view name) const;
  AttrValue* find(std::string_view name);
  // Inserts or replaces; returns the stored value.
  AttrValue& set(std::string name, AttrValue value);
  bool erase(std::string_view name);
  bool empty() const;
  std::size_t size() const;
  std::vector<Entry>::const_iterator begin() const;
  std::vector<Entry>::const_iterator end() const;
  std::vector<Entry>::iterator begin();
  std::vector<Entry>::iterator end();
  void reserve(std::size_t n);
  bool operator==(const AttrMap& other) const;

 private:
  std::vector<Entry> entries_;
};

using AttrList = std::vector<AttrValue>;

class AttrValue {
 public:
  AttrValue() : type_(AttrType::kNull), data_(true) {}
  static AttrValue string(std::string s) { return AttrValue(AttrType::kS, std::move(s)); }
  static AttrValue number(std::string canonical) { return AttrValue(AttrType::kN, std::move(canonical)); }
  static AttrValue binary(std::string bytes) { return AttrValue(AttrType::kB, std::move(bytes)); }
  static AttrValue boolean(bool b) { return AttrValue(AttrType::kBool, b); }
  static AttrValue null() { return AttrValue(); }
  static AttrValue map(AttrMap m) { return AttrValue(AttrType::kM, std::move(m)); }
  static AttrValue list(AttrList l) { return AttrValue(AttrType::kL, std::move(l)); }
  // Elements are canonical numbers for NS, raw bytes for BS; the caller guarantees uniqueness.
  static AttrValue set(AttrType set_type, std::vector<std::string> elements) {
    return AttrValue(set_type, std::move(elements));
  }

  AttrType type() const { return type_; }
  // S, N (canonical text) and B (raw bytes).
  const std::string& scalar() const { return std::get<std::string>(data_); }
  bool boolean_value() const { return std::get<bool>(data_); }
  const AttrMap& map_value() const { return std::get<AttrMap>(data_); }
  AttrMap& map_value() { return std::get<AttrMap>(data_); }
  const AttrList& list_value() const { return std::get<AttrList>(data_); }
  AttrList& list_value() { return std::get<AttrList>(data_); }
  const std::vector<std::string>& set_value() const { return std::get<std::vector<std::string>>(data_); }
  std::vector<std::string>& set_value() { return std::get<std::vector<std::string>>(data_); }

  // DynamoDB equality: sets compare as sets (order-free), numbers by value.
  bool operator==(const AttrValue& other) const;

 private:
  using Data = std::variant<std::string, bool, AttrMap, AttrList, std::vector<std::string>>;
  AttrValue(AttrType type, Data data) : type_(type), data_(std::move(data)) {}

  AttrType type_;
  Data data_;
};

inline bool AttrMap::empty() const { return entries_.empty(); }
inline std::size_t AttrMap::size() const { return entries_.size(); }
inline std::vector<AttrMap::Entry>::const_iterator AttrMap::begin() const { return entries_.begin(); }
inline std::vector<AttrMap::Entry>::const_iterator AttrMap::end() const { return entries_.end(); }
inline std::vector<AttrMap::Entry>::iterator AttrMap::begin() { return entries_.begin(); }
inline std::vector<AttrMap::Entry>::iterator AttrMap::end() { return entries_.end(); }
inline void AttrMap::reserve(std::size_t n) { entries_.reserve(n); }

// Ordering of two values of the same scalar type (S and B bytewise, N numerically): -1, 0, 1.
int compare_scalars(const AttrValue& a, const AttrValue& b);

}  // namespace chokepoint
