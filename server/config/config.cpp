#include "config/config.hpp"

namespace chokepoint {

const AccountEntry* Config::find_account(std::string_view access_key) const {
  for (const auto& a : accounts) {
    if (a.access_key == access_key) return &a;
  }
  return nullptr;
}

const RegionEntry* Config::find_region(std::string_view name) const {
  for (const auto& r : regions) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

}  // namespace chokepoint
