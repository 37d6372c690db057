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

}  // namespace chokepoint
