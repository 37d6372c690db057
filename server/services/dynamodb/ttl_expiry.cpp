#include "services/dynamodb/ttl_expiry.hpp"

#include <cstdlib>
#include <mutex>
#include <vector>

namespace chokepoint {

namespace {

// [DDBTTL] "Items with expiration times older than five years in the past are not deleted."
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html
constexpr double kOldestExpirySeconds = 5.0 * 365 * 24 * 3600;

bool expired(const PackedItem& item, const std::string& attribute, double now_seconds) {
  const auto value = item.get(attribute);
  if (!value || value->type() != AttrType::kN) return false;
  const double at = std::strtod(value->scalar().c_str(), nullptr);
  return at < now_seconds && at > now_seconds - kOldestExpirySeconds;
}

long long nanos(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

}  // namespace

std::size_t expire_items(Table& table, TimePoint now) {
  const long long due = table.next_ttl_sweep_ns.load(std::memory_order_relaxed);
  if (nanos(now) < due) return 0;
  std::unique_lock lock(table.mutex);
  table.next_ttl_sweep_ns.store(nanos(now + std::chrono::seconds(1)), std::memory_order_relaxed);
  if (!table.meta.ttl_enabled || table.gone(now)) return 0;
  const double now_seconds = std::chrono::duration<double>(now.time_since_epoch()).count();
  std::vector<StoreKey> keys;
  for (const auto& [key, item] : table.items.items()) {
    if (expired(item, table.meta.ttl_attribute, now_seconds)) keys.push_back(key);
  }
  for (const StoreKey& key : keys) table.write(key, PackedItem{}, now, nullptr, true);
  return keys.size();
}

}  // namespace chokepoint
