#pragma once
// DynamoDB's naming rule for tables and indexes, shared by the configuration (declared tables) and the service
// (request validation), so that both give the same answer.
#include <cstddef>
#include <string_view>

namespace chokepoint {

// Table names are 3 to 255 characters long; index names share the pattern with the same bounds.
inline constexpr std::size_t kMinTableNameLength = 3;
inline constexpr std::size_t kMaxTableNameLength = 255;

// True for a non-empty name of a-z, A-Z, 0-9, '_', '.' and '-' (the model's pattern [a-zA-Z0-9_.-]+).
constexpr bool matches_dynamodb_name_pattern(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && c != '_' && c != '.' && c != '-') return false;
  }
  return true;
}

constexpr bool is_dynamodb_table_name(std::string_view name) {
  return name.size() >= kMinTableNameLength && name.size() <= kMaxTableNameLength &&
         matches_dynamodb_name_pattern(name);
}

}  // namespace chokepoint
