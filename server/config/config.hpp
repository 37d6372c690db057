#pragma once
// The validated, immutable configuration. Built by config_loader from the embedded defaults
// (config/default.yaml) with the user's file laid over them; shared as shared_ptr<const Config>.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/bucket_store_settings.hpp"
#include "config/faults_settings.hpp"
#include "config/ssm_settings.hpp"
#include "config/ec2_settings.hpp"
#include "config/cloudformation_settings.hpp"
#include "config/dynamodb_settings.hpp"
#include "config/metrics_settings.hpp"
#include "config/admin_settings.hpp"
#include "config/persistence_settings.hpp"
#include "config/clock_settings.hpp"
#include "config/service_quotas_settings.hpp"
#include "config/upstream_settings.hpp"

namespace chokepoint {

struct ServerSettings {
  std::string listen_host = "127.0.0.1";
  int listen_port = 4566;
  int threads = 0;  // 0 = hardware threads
  std::string log_level = "info";
  long long max_body_bytes = 16 * 1024 * 1024;  // DynamoDB's limit; larger bodies get 413
  long long max_header_bytes = 16 * 1024;
  long long idle_timeout_ms = 60'000;
  long long read_timeout_ms = 30'000;  // a request must arrive whole within this time once started
  int max_connections = 10'000;
  int max_pipelined_requests = 64;
};

struct AuthSettings {
  bool require_signature = false;  // verify SigV4 signatures against configured secrets
  bool allow_unsigned = true;      // requests without any signature get the default identity
  int max_clock_skew_seconds = 900;
};

struct AccountEntry {
  std::string access_key;
  std::string secret_key;  // empty: any signature is accepted for this key unless require_signature
  std::string account_id;  // 12 digits
  std::string user_name;   // for GetCallerIdentity's ARN; empty means the account root
};

struct RegionEntry {
  std::string name;
  std::vector<std::string> zones;
};

// A token bucket's size: refill rate (may be fractional) and capacity (burst).
struct BucketLimit {
  double rate_per_sec = 1;
  double burst = 1;
  bool operator==(const BucketLimit&) const = default;
};

// A set of operations with one limit. `shared`: the operations draw from one bucket named after the group;
// otherwise each operation gets its own bucket of this size (EC2's categories).
struct LimitGroup {
  std::string name;
  BucketLimit limit;
  bool shared = false;
  bool unlimited = false;               // operations in this group are never rate limited
  std::vector<std::string> operations;  // names or globs ("Describe*")
  std::string variant;                  // only matches calls of this variant (EC2: "unfiltered")
  // Each resource the calls address (S3: the bucket) has its own bucket of this size, as S3 limits each
  // partitioned prefix rather than the account.
  bool per_resource = false;
};

// A limit on calls in flight at once rather than on their rate (Lambda's concurrent executions): a call is
// admitted while fewer than `limit` of these operations are running for the account in the region.
struct ConcurrencyLimit {
  int limit = 1000;
  std::vector<std::string> operations;  // names or globs
  std::string reason;                   // why a refused call was refused, for the service's throttling error
};

struct ServiceThrottling {
  BucketLimit default_limit;  // operations in no group: own bucket of this size
  // Operations in no group are not rate limited (services whose other calls AWS publishes no rate for).
  bool default_unlimited = false;
  std::vector<LimitGroup> groups;                // first match wins
  std::map<std::string, BucketLimit> resources;  // resource-token buckets (EC2 instances per action)
  std::optional<ConcurrencyLimit> concurrency;
};

struct LimitOverrideSpec {
  std::optional<double> rate_per_sec;
  std::optional<double> burst;
  std::optional<bool> enabled;  // false: this bucket never throttles
};

// One entry of the user's `limits:` list. Unset match fields match everything. Bucket keys name an
// operation, a group or a resource bucket.
struct LimitOverride {
  std::optional<std::string> service;
  std::optional<std::string> account;
  std::optional<std::string> region;
  std::map<std::string, LimitOverrideSpec> buckets;
};

struct Config {
  ServerSettings server;
  std::string default_account = "000000000000";
  std::string default_region = "us-east-1";
  AuthSettings auth;
  std::vector<AccountEntry> accounts;
  std::vector<RegionEntry> regions;
  std::map<std::string, ServiceThrottling> throttling;  // by service name
  BucketStoreSettings bucket_store;                     // throttling.store, throttling.store_failure
  std::vector<LimitOverride> limits;
  FaultSettings faults;  // faults: and scenarios:
  SsmSettings ssm;
  Ec2Settings ec2;
  CloudFormationSettings cloudformation;
  DynamoDbSettings dynamodb;
  ServiceQuotasSettings service_quotas;
  MetricsSettings metrics;
  AdminSettings admin;
  PersistenceSettings persistence;
  ClockSettings clock;
  SeedSetting seed;
  UpstreamSettings upstream;
  std::string source_file;  // the user's file, empty when running on the embedded defaults

  const AccountEntry* find_account(std::string_view access_key) const;
  const RegionEntry* find_region(std::string_view name) const;
};

}  // namespace chokepoint
