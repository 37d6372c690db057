#include "services/dynamodb/table_arn.hpp"

namespace chokepoint {

std::string table_arn(std::string_view region, std::string_view account, std::string_view name) {
  std::string arn = "arn:aws:dynamodb:";
  arn.append(region).append(":").append(account).append(":table/").append(name);
  return arn;
}

std::optional<TableAddress> parse_table_arn(std::string_view arn) {
  constexpr std::string_view kPrefix = "arn:aws:dynamodb:";
  constexpr std::string_view kTable = "table/";
  if (arn.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string_view rest = arn.substr(kPrefix.size());
  const auto region_end = rest.find(':');
  if (region_end == std::string_view::npos) return std::nullopt;
  const auto account_end = rest.find(':', region_end + 1);
  if (account_end == std::string_view::npos) return std::nullopt;
  std::string_view resource = rest.substr(account_end + 1);
  if (resource.substr(0, kTable.size()) != kTable) return std::nullopt;
  resource.remove_prefix(kTable.size());
  return TableAddress{std::string(rest.substr(0, region_end)),
                      std::string(rest.substr(region_end + 1, account_end - region_end - 1)),
                      std::string(resource.substr(0, resource.find('/')))};
}

std::string table_name_of(std::string_view name_or_arn) {
  if (auto address = parse_table_arn(name_or_arn)) return std::move(address->name);
  return std::string(name_or_arn);
}

}  // namespace chokepoint
