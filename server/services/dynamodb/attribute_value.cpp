#include "services/dynamodb/attribute_value.hpp"

#include <algorithm>
#include <array>

#include "services/dynamodb/decimal.hpp"

namespace chokepoint {

namespace {

constexpr std::array<std::string_view, 10> kTypeNames = {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"};

bool same_elements(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  std::vector<std::string_view> x(a.begin(), a.end());
  std::vector<std::string_view> y(b.begin(), b.end());
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  return x == y;
}

}  // namespace

std::string_view attr_type_name(AttrType type) { return kTypeNames[static_cast<std::size_t>(type)]; }

bool parse_attr_type(std::string_view name, AttrType& out) {
  for (std::size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == name) {
      out = static_cast<AttrType>(i);
      return true;
    }
  }
  return false;
}

AttrType set_element_type(AttrType set_type) {
  switch (set_type) {
    case AttrType::kSS:
      return AttrType::kS;
    case AttrType::kNS:
      return AttrType::kN;
    default:
      return AttrType::kB;
  }
}

AttrType set_type_of(AttrType scalar_type) {
  switch (scalar_type) {
    case AttrType::kS:
      return AttrType::kSS;
    case AttrType::kN:
      return AttrType::kNS;
    default:
      return AttrType::kBS;
  }
}

const AttrValue* AttrMap::find(std::string_view name) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                             [](const Entry& e, std::string_view n) { return e.first < n; });
  return it != entries_.end() && it->first == name ? &it->second : nullptr;
}

AttrValue* AttrMap::find(std::string_view name) {
  return const_cast<AttrValue*>(static_cast<const AttrMap*>(this)->find(name));
}

AttrValue& AttrMap::set(std::string name, AttrValue value) {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                             [](const Entry& e, const std::string& n) { return e.first < n; });
  if (it != entries_.end() && it->first == name) {
    it->second = std::move(value);
    return it->second;
  }
  return entries_.insert(it, Entry(std::move(name), std::move(value)))->second;
}

bool AttrMap::erase(std::string_view name) {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                             [](const Entry& e, std::string_view n) { return e.first < n; });
  if (it == entries_.end() || it->first != name) return false;
  entries_.erase(it);
  return true;
}

bool AttrMap::operator==(const AttrMap& other) const { return entries_ == other.entries_; }

bool AttrValue::operator==(const AttrValue& other) const {
  if (type_ != other.type_) return false;
  switch (type_) {
    case AttrType::kS:
    case AttrType::kN:  // canonical text: equal numbers have equal text
    case AttrType::kB:
      return scalar() == other.scalar();
    case AttrType::kBool:
      return boolean_value() == other.boolean_value();
    case AttrType::kNull:
      return true;
    case AttrType::kM:
      return map_value() == other.map_value();
    case AttrType::kL:
      return list_value() == other.list_value();
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS:
      return same_elements(set_value(), other.set_value());
  }
  return false;
}

int compare_scalars(const AttrValue& a, const AttrValue& b) {
  if (a.type() == AttrType::kN) {
    const auto x = Decimal::parse(a.scalar());
    const auto y = Decimal::parse(b.scalar());
    return x && y ? x->compare(*y) : 0;
  }
  // Strings and binaries order by their bytes taken as unsigned.
  const std::string& x = a.scalar();
  const std::string& y = b.scalar();
  const int c = x.compare(y);  // char_traits<char>::compare uses memcmp: unsigned byte order
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace chokepoint
