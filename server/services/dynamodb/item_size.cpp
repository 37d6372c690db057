#include "services/dynamodb/item_size.hpp"

#include "services/dynamodb/decimal.hpp"

namespace chokepoint {

namespace {

std::size_t number_size(const std::string& canonical) {
  const auto d = Decimal::parse(canonical);
  return d ? static_cast<std::size_t>(d->storage_size()) : canonical.size();
}

}  // namespace

std::size_t attr_size(const AttrValue& value) {
  switch (value.type()) {
    case AttrType::kS:
    case AttrType::kB:
      return value.scalar().size();
    case AttrType::kN:
      return number_size(value.scalar());
    case AttrType::kBool:
    case AttrType::kNull:
      return 1;
    case AttrType::kSS:
    case AttrType::kBS: {
      std::size_t total = 0;
      for (const auto& e : value.set_value()) total += e.size();
      return total;
    }
    case AttrType::kNS: {
      std::size_t total = 0;
      for (const auto& e : value.set_value()) total += number_size(e);
      return total;
    }
    case AttrType::kL: {
      std::size_t total = 3;
      for (const auto& e : value.list_value()) total += 1 + attr_size(e);
      return total;
    }
    case AttrType::kM: {
      std::size_t total = 3;
      for (const auto& [name, v] : value.map_value()) total += 1 + name.size() + attr_size(v);
      return total;
    }
  }
  return 0;
}

std::size_t item_size(const AttrMap& item) {
  std::size_t total = 0;
  for (const auto& [name, value] : item) total += name.size() + attr_size(value);
  return total;
}

namespace {

std::size_t stored_size(const AttrValue& value, bool compact);

std::size_t body_size(const AttrValue& value, bool compact) {
  switch (value.type()) {
    case AttrType::kL: {
      std::size_t total = 3;
      for (const auto& e : value.list_value()) total += 1 + stored_size(e, compact);
      return total;
    }
    case AttrType::kM: {
      std::size_t total = 3 + value.map_value().size();
      for (const auto& [name, v] : value.map_value()) total += stored_size(v, compact) + (compact ? 1 : name.size());
      return total;
    }
    default:
      return attr_size(value);
  }
}

// A value as stored: with a length prefix (strings: 1 to 3 bytes by length) when `compact`.
std::size_t stored_size(const AttrValue& value, bool compact) {
  const std::size_t size = body_size(value, compact);
  if (!compact) return size;
  switch (value.type()) {
    case AttrType::kS:
      return size + (size < 128 ? 1 : size < 16384 ? 2 : 3);
    case AttrType::kB:
    case AttrType::kN:
      return size + 1;
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS:
      return size + value.set_value().size() + 1;
    case AttrType::kNull:
      return 0;
    case AttrType::kBool:
      return 1;
    default:
      return size;
  }
}

}  // namespace

std::size_t page_size(const AttrMap& item, std::string_view range_key) {
  std::size_t body = 0;
  std::size_t range_size = 0;
  for (const auto& [name, value] : item) {
    if (!range_key.empty() && name == range_key) {
      range_size = stored_size(value, false);
      continue;
    }
    body += stored_size(value, true) + 1;
  }
  return 2 + body + (1 + (1 + body) / 3072) * (18 + range_size);
}

}  // namespace chokepoint
