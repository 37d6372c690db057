#include "services/ssm/parameter_store.hpp"

#include <algorithm>

#include "config/ssm_parameter_names.hpp"

namespace chokepoint {

const ParameterVersion* StoredParameter::find_version(long long version) const {
  for (const auto& v : versions) {
    if (v.version == version) return &v;
  }
  return nullptr;
}

ParameterVersion* StoredParameter::find_version(long long version) {
  return const_cast<ParameterVersion*>(std::as_const(*this).find_version(version));
}

const ParameterVersion* StoredParameter::find_label(std::string_view label) const {
  for (const auto& v : versions) {
    if (std::find(v.labels.begin(), v.labels.end(), label) != v.labels.end()) return &v;
  }
  return nullptr;
}

StoredParameter* ParameterStore::find(std::string_view name) {
  auto it = parameters_.find(name_key(name));
  return it == parameters_.end() ? nullptr : &it->second;
}

const StoredParameter* ParameterStore::find(std::string_view name) const {
  auto it = parameters_.find(name_key(name));
  return it == parameters_.end() ? nullptr : &it->second;
}

void ParameterStore::count_tier(std::string_view tier, int delta) {
  (tier == "Advanced" ? advanced_count_ : standard_count_) += delta;
}

long long ParameterStore::count_in_tier(std::string_view tier) const {
  return tier == "Advanced" ? advanced_count_ : standard_count_;
}

StoredParameter& ParameterStore::commit(std::string_view name, ParameterVersion version, TimePoint now,
                                        std::optional<TimePoint> expires) {
  const std::string key = name_key(name);
  auto [it, created] = parameters_.try_emplace(key);
  StoredParameter& p = it->second;
  if (created) {
    p.name = std::string(name);
  } else {
    count_tier(p.latest().tier, -1);
  }
  count_tier(version.tier, +1);
  p.versions.push_back(std::move(version));
  while (p.versions.size() > kMaxVersions) p.versions.pop_front();
  p.last_write = now;
  p.expires = expires;
  if (expires) expirations_.emplace(*expires, key);
  return p;
}

bool ParameterStore::erase(std::string_view name) {
  auto it = parameters_.find(name_key(name));
  if (it == parameters_.end()) return false;
  count_tier(it->second.latest().tier, -1);
  parameters_.erase(it);
  return true;
}

void ParameterStore::purge_expired(TimePoint now) {
  while (!expirations_.empty() && expirations_.begin()->first <= now) {
    const auto [when, key] = *expirations_.begin();
    expirations_.erase(expirations_.begin());
    auto it = parameters_.find(key);
    if (it != parameters_.end() && it->second.expires == when) erase(key);
  }
}

}  // namespace chokepoint
