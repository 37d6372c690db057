#pragma once
// The Parameter Store of one account in one region: parameters with their versions (100 kept), labels and
// tags, the tier counts that the parameter limits check, policy expirations, and the service settings.
// Not thread-safe: SsmService serializes access.
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace chokepoint {

struct ParameterVersion {
  long long version = 1;
  std::string value;
  std::string type;    // String, StringList or SecureString
  std::string key_id;  // SecureString only
  std::string description;
  std::string allowed_pattern;
  std::string tier;       // Standard or Advanced (Intelligent-Tiering is resolved when writing)
  std::string data_type;  // text, aws:ec2:image, aws:ssm:integration
  std::string policies;   // the JSON array as given; empty when none
  TimePoint modified{};
  std::string modified_user;
  std::vector<std::string> labels;
};

struct StoredParameter {
  std::string name;                       // as spelled when created
  std::deque<ParameterVersion> versions;  // oldest first, never empty
  std::map<std::string, std::string> tags;
  TimePoint last_write{};            // arrival time of the last successful PutParameter
  std::optional<TimePoint> expires;  // from an Expiration policy of the latest version

  const ParameterVersion& latest() const { return versions.back(); }
  const ParameterVersion* find_version(long long version) const;
  ParameterVersion* find_version(long long version);
  const ParameterVersion* find_label(std::string_view label) const;
};

struct ServiceSettingState {
  std::string value;
  TimePoint modified{};
  std::string user;
};

class ParameterStore {
 public:
  static constexpr std::size_t kMaxVersions = 100;

  // By any spelling of the name ("x" and "/x" are one parameter).
  StoredParameter* find(std::string_view name);
  const StoredParameter* find(std::string_view name) const;
  // In key order ("/a", "/a/b", "/b", ...).
  const std::map<std::string, StoredParameter>& parameters() const { return parameters_; }

  // Appends `version` (creating the parameter when new), drops the oldest version beyond 100, keeps the
  // tier counts and the expiration index.
  StoredParameter& commit(std::string_view name, ParameterVersion version, TimePoint now,
                          std::optional<TimePoint> expires);
  bool erase(std::string_view name);
  // Deletes parameters whose Expiration policy has passed.
  void purge_expired(TimePoint now);
  long long count_in_tier(std::string_view tier) const;

  std::map<std::string, ServiceSettingState>& settings() { return settings_; }
  const std::map<std::string, ServiceSettingState>& settings() const { return settings_; }

 private:
  void count_tier(std::string_view tier, int delta);

  std::map<std::string, StoredParameter> parameters_;  // by name_key()
  long long standard_count_ = 0;
  long long advanced_count_ = 0;
  std::multimap<TimePoint, std::string> expirations_;    // may hold stale entries; checked against `expires`
  std::map<std::string, ServiceSettingState> settings_;  // customized settings only
};

}  // namespace chokepoint
