#include "services/servicequotas/quota_tags.hpp"

#include "persistence/change_record.hpp"

namespace chokepoint {

QuotaTagSet QuotaTags::get(const QuotaRef& quota) const {
  std::lock_guard lock(mutex_);
  const auto it = tags_.find(quota.record_key());
  return it == tags_.end() ? QuotaTagSet{} : it->second;
}

bool QuotaTags::add(const QuotaRef& quota, const QuotaTagSet& tags) {
  std::lock_guard lock(mutex_);
  const std::string key = quota.record_key();
  QuotaTagSet merged = tags_.count(key) ? tags_.at(key) : QuotaTagSet{};
  for (const auto& [k, v] : tags) merged[k] = v;
  if (merged.size() > kMaxQuotaTags) return false;
  tags_[key] = std::move(merged);
  journal(key);
  return true;
}

void QuotaTags::remove(const QuotaRef& quota, const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  const std::string key = quota.record_key();
  const auto it = tags_.find(key);
  if (it == tags_.end()) return;
  for (const std::string& k : keys) it->second.erase(k);
  if (it->second.empty()) tags_.erase(it);
  journal(key);
}

void QuotaTags::reset() {
  std::lock_guard lock(mutex_);
  tags_.clear();
}

void QuotaTags::attach_change_log(ChangeLog* log) {
  std::lock_guard lock(mutex_);
  change_log_ = log;
}

void QuotaTags::journal(const std::string& record_key) {
  if (!change_log_) return;
  const auto it = tags_.find(record_key);
  const nlohmann::json state = it == tags_.end() ? nlohmann::json(nullptr) : nlohmann::json(it->second);
  change_log_->append(json_record_text("servicequotas", "tags", record_key, state));
}

void QuotaTags::dump(const RecordSink& emit) const {
  std::lock_guard lock(mutex_);
  for (const auto& [key, tags] : tags_) emit(json_record_text("servicequotas", "tags", key, nlohmann::json(tags)));
}

void QuotaTags::restore(const std::string& record_key, const nlohmann::json& state) {
  std::lock_guard lock(mutex_);
  if (state.is_null()) {
    tags_.erase(record_key);
  } else {
    tags_[record_key] = state.get<QuotaTagSet>();
  }
}

}  // namespace chokepoint
