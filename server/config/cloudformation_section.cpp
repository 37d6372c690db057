// cloudformation: section.
#include <climits>
#include <string>

#include "config/sections.hpp"

namespace chokepoint {

namespace {

void read_retries(YamlReader& reader, const YamlNode& node, CloudFormationSettings& s) {
  if (!reader.expect_mapping(node, {"retries", "base_delay_ms", "max_delay_ms"})) return;
  reader.read(node, "retries", s.throttle_retries, IntRange{0, 100});
  reader.read(node, "base_delay_ms", s.retry_base_delay_ms, IntRange{0, 3'600'000});
  reader.read(node, "max_delay_ms", s.retry_max_delay_ms, IntRange{0, 3'600'000});
}

void read_operation_delays(YamlReader& reader, const YamlNode& node, CloudFormationSettings& s) {
  auto entries = reader.entries(node);
  if (!entries) return;
  std::map<std::string, long long> delays;
  bool ok = true;
  for (const auto& [type, value] : *entries) {
    auto ms = reader.integer(value, IntRange{0, 3'600'000});
    if (ms) delays[type] = *ms;
    ok = ok && ms.has_value();
  }
  if (ok) s.operation_delay_ms = std::move(delays);  // a map is replaced whole, like lists
}

void read_account_limits(YamlReader& reader, const YamlNode& node, CloudFormationSettings& s) {
  if (!reader.expect_mapping(node, {"stack_limit", "stack_outputs_limit", "concurrent_resources_limit"})) return;
  const IntRange positive{1, INT_MAX};
  reader.read(node, "stack_limit", s.stack_limit, positive);
  reader.read(node, "stack_outputs_limit", s.stack_outputs_limit, positive);
  reader.read(node, "concurrent_resources_limit", s.concurrent_resources_limit, positive);
}

}  // namespace

void read_cloudformation_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(section, {"max_concurrent_resources", "downstream_throttling", "poll_interval_ms",
                                       "operation_delay_ms", "template_url_files", "account_limits"})) {
    return;
  }
  CloudFormationSettings& s = config.cloudformation;
  reader.read(section, "max_concurrent_resources", s.max_concurrent_resources, IntRange{0, 10'000});
  if (auto retries = section.child("downstream_throttling")) read_retries(reader, *retries, s);
  reader.read(section, "poll_interval_ms", s.poll_interval_ms, IntRange{1, 3'600'000});
  if (auto delays = section.child("operation_delay_ms")) read_operation_delays(reader, *delays, s);
  reader.read(section, "template_url_files", s.allow_file_template_urls);
  if (auto limits = section.child("account_limits")) read_account_limits(reader, *limits, s);
}

}  // namespace chokepoint
