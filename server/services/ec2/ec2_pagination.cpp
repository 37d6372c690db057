#include "services/ec2/ec2_pagination.hpp"

#include <cstdio>

#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_params.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kTokenPrefix = "cpnt1.";

std::optional<uint64_t> parse_token(std::string_view token) {
  if (token.substr(0, kTokenPrefix.size()) != kTokenPrefix) return std::nullopt;
  const std::string_view hex = token.substr(kTokenPrefix.size());
  if (hex.empty() || hex.size() > 16 || hex.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return std::nullopt;
  }
  return std::stoull(std::string(hex), nullptr, 16);
}

}  // namespace

Result<Ec2Page> read_page(const nlohmann::json& params, long long min, long long max) {
  Ec2Page page;
  std::optional<long long> max_results;
  if (auto e = read_integer(params, "MaxResults", max_results)) return *e;
  if (max_results) {
    const std::string prefix = "Value ( " + std::to_string(*max_results) + " ) for parameter maxResults is invalid. ";
    if (*max_results < min) {
      return ec2_error("InvalidParameterValue", prefix + "Expecting a value greater than " + std::to_string(min) + ".");
    }
    if (*max_results > max) {
      return ec2_error("InvalidParameterValue", prefix + "Expecting a value less than " + std::to_string(max) + ".");
    }
    page.limit = static_cast<size_t>(*max_results);
    page.paginated = true;
  }
  if (const auto token = param_string(params, "NextToken"); token && !token->empty()) {
    const auto cursor = parse_token(*token);
    if (!cursor) return ec2_error("InvalidPaginationToken", "The specified pagination token is not valid.");
    page.start = *cursor;
    page.paginated = true;
  }
  return page;
}

std::string page_token(uint64_t cursor) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(cursor));
  return std::string(kTokenPrefix) + hex;
}

}  // namespace chokepoint
