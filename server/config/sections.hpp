#pragma once
// Readers for the top-level sections of the configuration. Each reads one section of one document into the
// Config being built: keys present replace what is there, absent keys keep it, lists are replaced whole.
// The loader runs them over the embedded defaults first and over the user's document second.
// To add a section: write a reader in its own file, declare it here, add one line to config_loader.cpp.
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "config/yaml_reader.hpp"

namespace chokepoint {

using SectionReader = void (*)(YamlReader& reader, const YamlNode& section, Config& config);

void read_server_section(YamlReader& reader, const YamlNode& section, Config& config);      // server:
void read_auth_section(YamlReader& reader, const YamlNode& section, Config& config);        // auth:
void read_identity_section(YamlReader& reader, const YamlNode& section, Config& config);    // identity:
void read_accounts_section(YamlReader& reader, const YamlNode& section, Config& config);    // accounts:
void read_regions_section(YamlReader& reader, const YamlNode& section, Config& config);     // regions:
void read_throttling_section(YamlReader& reader, const YamlNode& section, Config& config);  // throttling:
// throttling.store and throttling.store_failure, which the throttling: reader hands on (bucket_store_section.cpp).
void read_bucket_store_keys(YamlReader& reader, const YamlNode& section, Config& config);
void read_limits_section(YamlReader& reader, const YamlNode& section, Config& config);      // limits:
void read_faults_section(YamlReader& reader, const YamlNode& section, Config& config);      // faults:
void read_scenarios_section(YamlReader& reader, const YamlNode& section, Config& config);   // scenarios:
void read_ssm_section(YamlReader& reader, const YamlNode& section, Config& config);         // ssm:
void read_ec2_section(YamlReader& reader, const YamlNode& section, Config& config);         // ec2:
void read_cloudformation_section(YamlReader& reader, const YamlNode& section, Config& config);  // cloudformation:
void read_dynamodb_section(YamlReader& reader, const YamlNode& section, Config& config);    // dynamodb:
// service_quotas:
void read_service_quotas_section(YamlReader& reader, const YamlNode& section, Config& config);
void read_metrics_section(YamlReader& reader, const YamlNode& section, Config& config);     // metrics:
void read_admin_section(YamlReader& reader, const YamlNode& section, Config& config);       // admin:
void read_persistence_section(YamlReader& reader, const YamlNode& section, Config& config);  // persistence:
void read_clock_section(YamlReader& reader, const YamlNode& section, Config& config);       // clock:
void read_seed_section(YamlReader& reader, const YamlNode& section, Config& config);        // seed: (a number)
void read_upstream_section(YamlReader& reader, const YamlNode& section, Config& config);    // upstream:

// Checks between sections, run after each document that read cleanly (e.g. identity.default_region must name
// one of regions). Problems are reported at the node of `root` that caused them.
void check_cross_references(YamlReader& reader, const YamlNode& root, const Config& config);

// The services that `throttling:`, `limits[].match.service`, fault rules and `upstream.services` may name: those
// whose limits the built-in defaults set (a service gets its `throttling.<name>` section there; the operation
// tables' self-check requires it), and every other AWS service, by its endpoint prefix (iam, sqs, ...), which
// Chokepoint recognises and may throttle though it does not emulate it. Views into `config` and the compiled-in
// catalog of AWS services.
std::vector<std::string_view> nameable_services(const Config& config);
// The services the configuration gives limits (a `throttling.<name>` section): those with Service Quotas quotas.
std::vector<std::string_view> throttled_services(const Config& config);

// True for exactly 12 ASCII digits (an AWS account id).
bool is_account_id(std::string_view text);

// Bounds shared by throttling: and limits:. A rate may be fractional (0.1 = one token every 10 s); a burst
// below one token would admit nothing.
inline constexpr NumberRange kRateRange{0, true};
inline constexpr NumberRange kBurstRange{1, false};

}  // namespace chokepoint
