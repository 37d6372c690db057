#pragma once
// Table ARNs, arn:aws:dynamodb:REGION:ACCOUNT:table/NAME: the one way they are built and read.
#include <optional>
#include <string>
#include <string_view>

namespace chokepoint {

struct TableAddress {
  std::string region, account, name;
};

std::string table_arn(std::string_view region, std::string_view account, std::string_view name);
// The table an ARN names (an index or stream suffix, "/index/...", is not part of the name); nullopt when the
// text is not a table ARN.
std::optional<TableAddress> parse_table_arn(std::string_view arn);
// The table a TableName parameter names: a name, or (where the model takes one) the table's ARN.
std::string table_name_of(std::string_view name_or_arn);

}  // namespace chokepoint
