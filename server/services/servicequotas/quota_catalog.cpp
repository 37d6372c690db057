#include "services/servicequotas/quota_catalog.hpp"

#include <sstream>
#include <utility>

#include "config/count_quotas.hpp"
#include "throttle/limit_resolver.hpp"

namespace chokepoint {

namespace {

// "A", "A and B", "A, B and C".
std::string joined_operations(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string quota_number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string bucket_description(const BucketLimit& limit) {
  return "A token bucket per account and Region: refills at " + quota_number_text(limit.rate_per_sec) +
         " per second and admits up to " + quota_number_text(limit.burst) +
         " at once. An increase raises both in proportion. Emulator quota code; AWS publishes none for this rate.";
}

std::string group_quota_name(const LimitGroup& group) {
  std::string name;
  if (group.shared) {
    name = "Shared rate of " + joined_operations(group.operations) + " requests";
  } else if (group.operations.size() == 1) {
    name = "Rate of " + group.operations.front() + " requests";
  } else {
    name = "Rate of requests for each of " + joined_operations(group.operations);
  }
  if (!group.variant.empty()) name += " (" + group.variant + " calls)";
  return name;
}

QuotaDefinition make_quota(std::string_view service, std::string key, std::string name, const BucketLimit& limit) {
  QuotaDefinition q;
  q.service_code = std::string(service);
  q.quota_code = quota_code_for(key);
  q.quota_key = std::move(key);
  q.quota_name = std::move(name);
  q.description = bucket_description(limit);
  q.default_limit = limit;
  return q;
}

QuotaDefinition count_quota_definition(CountQuota count) {
  QuotaDefinition q;
  q.service_code = std::move(count.service);
  q.quota_key = count_quota_key(count.code);
  q.quota_code = std::move(count.code);
  q.quota_name = std::move(count.name);
  q.description = std::move(count.description);
  q.default_limit = BucketLimit{count.value, count.value};
  q.rate = false;
  return q;
}

}  // namespace

std::vector<std::string> quota_service_codes(const Config& config) {
  std::vector<std::string> codes;
  for (const auto& [service, throttling] : config.throttling) codes.push_back(service);
  return codes;
}

std::vector<QuotaDefinition> service_quota_definitions(const Config& config, std::string_view service_code) {
  std::vector<QuotaDefinition> quotas;
  const auto svc = config.throttling.find(std::string(service_code));
  if (svc == config.throttling.end()) return quotas;
  const ServiceThrottling& throttling = svc->second;
  for (const LimitGroup& group : throttling.groups) {
    if (group.unlimited) continue;
    quotas.push_back(make_quota(service_code, group.name, group_quota_name(group), group.limit));
  }
  if (!throttling.default_unlimited) {
    quotas.push_back(make_quota(service_code, std::string(kDefaultQuotaKey),
                                "Rate of requests for each operation no other quota covers", throttling.default_limit));
  }
  for (const auto& [action, limit] : throttling.resources) {
    quotas.push_back(
        make_quota(service_code, "resource:" + action, "Rate of instances affected by " + action + " requests", limit));
  }
  for (CountQuota& count : count_quotas(config, service_code)) quotas.push_back(count_quota_definition(std::move(count)));
  return quotas;
}

std::optional<QuotaDefinition> find_quota_definition(const Config& config, std::string_view service_code,
                                                     std::string_view quota_code) {
  for (QuotaDefinition& q : service_quota_definitions(config, service_code)) {
    if (q.quota_code == quota_code) return std::move(q);
  }
  return std::nullopt;
}

std::string service_display_name(std::string_view service_code) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"cloudformation", "AWS CloudFormation"},
      {"dynamodb", "Amazon DynamoDB"},
      {"ec2", "Amazon Elastic Compute Cloud (Amazon EC2)"},
      {"kms", "AWS Key Management Service (AWS KMS)"},
      {"lambda", "AWS Lambda"},
      {"logs", "Amazon CloudWatch Logs"},
      {"monitoring", "Amazon CloudWatch"},
      {"s3", "Amazon Simple Storage Service (Amazon S3)"},
      {"secretsmanager", "AWS Secrets Manager"},
      {"servicequotas", "Service Quotas"},
      {"sns", "Amazon Simple Notification Service (Amazon SNS)"},
      {"ssm", "AWS Systems Manager"},
      {"sts", "AWS Security Token Service (AWS STS)"},
  };
  for (const auto& [code, name] : kNames) {
    if (code == service_code) return std::string(name);
  }
  return std::string(service_code);
}

}  // namespace chokepoint
