#include "config/count_quotas.hpp"

namespace chokepoint {

namespace {

void add_ec2_quotas(const Config& config, std::vector<CountQuota>& out) {
  for (const Ec2VcpuLimit& limit : config.ec2.on_demand_vcpu_limits) {
    std::string families;
    for (const std::string& f : limit.families) families += (families.empty() ? "" : ", ") + f;
    out.push_back(CountQuota{"ec2", limit.quota_code, limit.name,
                             "Maximum number of vCPUs assigned to the Running On-Demand instances of the families " +
                                 families + " (pending and running instances count).",
                             limit.vcpus});
  }
}

CountQuota count_quota_entry(std::string_view service, std::string_view code, std::string name, std::string description,
                 double value) {
  return CountQuota{std::string(service), std::string(code), std::move(name), std::move(description), value};
}

void add_ec2_addresses(const Config& config, std::vector<CountQuota>& out) {
  out.push_back(count_quota_entry("ec2", kElasticIpsQuota, "EC2-VPC Elastic IPs",
                      "The maximum number of Elastic IP addresses that you can allocate for EC2-VPC in this Region "
                      "(ec2.max_elastic_ips; AllocateAddress beyond it gets AddressLimitExceeded).",
                      static_cast<double>(config.ec2.max_elastic_ips)));
}

void add_dynamodb_quotas(const Config& config, std::vector<CountQuota>& out) {
  const DynamoDbCapacitySettings& s = config.dynamodb.capacity;
  const std::string refused = " CreateTable and UpdateTable beyond it get LimitExceededException.";
  out.push_back(count_quota_entry("dynamodb", kAccountMaxReadQuota, "Account-level read throughput limit (Provisioned mode)",
                      "The maximum read capacity units of all provisioned tables and global secondary indexes of the "
                      "account in this Region." + refused,
                      static_cast<double>(s.account_max_read_units)));
  out.push_back(count_quota_entry("dynamodb", kAccountMaxWriteQuota, "Account-level write throughput limit (Provisioned mode)",
                      "The maximum write capacity units of all provisioned tables and global secondary indexes of the "
                      "account in this Region." + refused,
                      static_cast<double>(s.account_max_write_units)));
  out.push_back(count_quota_entry("dynamodb", kTableOperationsQuota, "Concurrent control plane operations",
                                  "The maximum number of tables of the account in this Region with an operation under "
                                  "way (CREATING, UPDATING, DELETING, or an index CREATING). CreateTable beyond it gets "
                                  "LimitExceededException.",
                                  static_cast<double>(s.max_concurrent_table_operations)));
  out.push_back(count_quota_entry("dynamodb", kTableCountQuota, "Maximum number of tables",
                      "The maximum number of tables of the account in this Region. CreateTable beyond it gets "
                      "LimitExceededException.",
                      static_cast<double>(s.max_tables)));
  out.push_back(count_quota_entry("dynamodb", kTableMaxReadQuota, "Table-level read throughput limit",
                      "The maximum read capacity units of a provisioned table with its global secondary indexes." +
                          refused,
                      static_cast<double>(s.table_max_read_units)));
  out.push_back(count_quota_entry("dynamodb", kTableMaxWriteQuota, "Table-level write throughput limit",
                      "The maximum write capacity units of a provisioned table with its global secondary indexes." +
                          refused,
                      static_cast<double>(s.table_max_write_units)));
}

void add_ssm_quotas(const Config& config, std::vector<CountQuota>& out) {
  const std::string emulator = " Emulator quota code: Service Quotas lists no code for this limit.";
  out.push_back(count_quota_entry("ssm", kAdvancedParametersQuota, "Advanced parameters per account and Region",
                      "The maximum number of advanced-tier parameters (ssm.max_advanced_parameters; PutParameter beyond "
                      "it gets ParameterLimitExceeded)." + emulator,
                      static_cast<double>(config.ssm.max_advanced_parameters)));
  out.push_back(count_quota_entry("ssm", kStandardParametersQuota, "Standard parameters per account and Region",
                      "The maximum number of standard-tier parameters (ssm.max_standard_parameters; PutParameter beyond "
                      "it gets ParameterLimitExceeded)." + emulator,
                      static_cast<double>(config.ssm.max_standard_parameters)));
}

void add_cloudformation_quotas(const Config& config, std::vector<CountQuota>& out) {
  out.push_back(count_quota_entry("cloudformation", kStackCountQuota, "Stack count",
                      "The maximum number of stacks of the account in this Region "
                      "(cloudformation.account_limits.stack_limit; CreateStack beyond it gets LimitExceededException).",
                      static_cast<double>(config.cloudformation.stack_limit)));
}

}  // namespace

std::string count_quota_key(std::string_view code) {
  return "limit:" + std::string(code);
}

std::vector<CountQuota> count_quotas(const Config& config, std::string_view service) {
  std::vector<CountQuota> out;
  if (service == "ec2") {
    add_ec2_addresses(config, out);
    add_ec2_quotas(config, out);
  }
  if (service == "dynamodb") add_dynamodb_quotas(config, out);
  if (service == "ssm") add_ssm_quotas(config, out);
  if (service == "cloudformation") add_cloudformation_quotas(config, out);
  return out;
}

std::optional<CountQuota> find_count_quota(const Config& config, std::string_view service, std::string_view code) {
  for (CountQuota& q : count_quotas(config, service)) {
    if (q.code == code) return std::move(q);
  }
  return std::nullopt;
}

}  // namespace chokepoint
