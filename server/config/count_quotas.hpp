#pragma once
// Quotas that are counts, not rates (EC2's running On-Demand vCPUs, ...): the limits services enforce on what an
// account has, as Service Quotas lists them under AWS's own codes. Each is read from the setting that sizes it, so
// the quota reports what is enforced. The limiter knows a count quota by the key "limit:<code>"; its value for an
// account and Region is an approved increase, else a pre-applied one (service_quotas.applied), else the setting's
// (RateLimiter::quota_value). Pure functions of the configuration.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace chokepoint {

struct CountQuota {
  std::string service;  // the Service Quotas service code: ec2
  std::string code;     // AWS's quota code: L-1216C47A
  std::string name;
  std::string description;
  double value = 0;  // the configured value, which every account has until an increase is approved
};

// The codes services enforce by. AWS's where AWS publishes one (sources in config/default.yaml next to each setting);
// SSM's parameter counts have none in Service Quotas, so they get emulator codes.
inline constexpr std::string_view kElasticIpsQuota = "L-0263D0A3";          // EC2-VPC Elastic IPs
inline constexpr std::string_view kStackCountQuota = "L-0485CB21";          // CloudFormation: Stack count
inline constexpr std::string_view kTableCountQuota = "L-F98FE922";          // DynamoDB: Maximum number of tables
inline constexpr std::string_view kTableOperationsQuota = "L-1BB77E89";     // Concurrent control plane operations
inline constexpr std::string_view kTableMaxReadQuota = "L-CF0CBE56";        // Table-level read throughput limit
inline constexpr std::string_view kTableMaxWriteQuota = "L-AB614373";       // Table-level write throughput limit
inline constexpr std::string_view kAccountMaxReadQuota = "L-34F6A552";      // Account-level read (Provisioned mode)
inline constexpr std::string_view kAccountMaxWriteQuota = "L-34F8CCC8";     // Account-level write (Provisioned mode)
inline constexpr std::string_view kStandardParametersQuota = "CP-StandardParameters";
inline constexpr std::string_view kAdvancedParametersQuota = "CP-AdvancedParameters";

std::string count_quota_key(std::string_view code);
// A service's count quotas, in a stable order; empty for a service without any.
std::vector<CountQuota> count_quotas(const Config& config, std::string_view service);
std::optional<CountQuota> find_count_quota(const Config& config, std::string_view service, std::string_view code);

}  // namespace chokepoint
