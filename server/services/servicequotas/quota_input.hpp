#pragma once
// Reading Service Quotas' request members against the model's constraints (required members, lengths, patterns,
// ranges, enums) and paging lists with NextToken/MaxResults.
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/result.hpp"

namespace chokepoint {

// Identifier members and their model patterns.
enum class QuotaIdKind {
  kServiceCode,  // [a-zA-Z][a-zA-Z0-9-]{1,63}, length 1..63
  kQuotaCode,    // [a-zA-Z][a-zA-Z0-9-]{1,128}, length 1..128
  kRequestId,    // [0-9a-zA-Z][a-zA-Z0-9-]{1,128}, length 1..128
  kRegion,       // AwsRegion: [a-zA-Z][a-zA-Z0-9-]{1,128}, length 1..64
};

Result<std::string> required_quota_id(const nlohmann::json& params, std::string_view member, QuotaIdKind kind);
Result<std::optional<std::string>> optional_quota_id(const nlohmann::json& params, std::string_view member,
                                                     QuotaIdKind kind);
// A string member that must be one of `values` when present.
Result<std::optional<std::string>> optional_quota_enum(const nlohmann::json& params, std::string_view member,
                                                       std::initializer_list<std::string_view> values);

// The model's AmazonResourceName pattern arn:aws(-[\w]+)*:*:.+:[0-9]{12}:.+, loosely, on an ARN split at ':': six
// parts or more, a 12-digit account.
bool quota_arn_shaped(const std::vector<std::string_view>& parts);
// An AmazonResourceName member when present: length 1..1011 and the pattern above.
Result<std::optional<std::string>> optional_quota_arn(const nlohmann::json& params, std::string_view member);

// A QuotaValue member (required): a number from 0 to 10,000,000,000.
Result<double> required_quota_value(const nlohmann::json& params, std::string_view member);

// One page of a list of `total` items: [begin, end) and the token for the next page (empty on the last).
struct QuotaPage {
  std::size_t begin = 0, end = 0;
  std::string next_token;
};
// From NextToken (the base64 offset a previous page returned) and MaxResults (1..max_results; default
// max_results: 100 for most lists, 1,000 for utilization reports).
Result<QuotaPage> quota_page(const nlohmann::json& params, std::size_t total, long long max_results = 100);

}  // namespace chokepoint
