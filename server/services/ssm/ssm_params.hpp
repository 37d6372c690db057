#pragma once
// Reads an SSM request's members with AWS's answers for bad input: a wrong JSON type is a
// SerializationException, a missing required member or a broken length/range constraint a
// ValidationException in the "1 validation error detected" form. The first problem is kept; once there is
// one, further reads still return values but the handler should answer error().
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/api_types.hpp"

namespace chokepoint {

class SsmParams {
 public:
  explicit SsmParams(const nlohmann::json& params) : params_(params) {}

  std::optional<std::string> string(std::string_view key);
  // Required: absent (or null) records "must not be null" and returns "".
  std::string required_string(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  std::optional<long long> integer(std::string_view key);
  // An integer in [min, max] when present.
  std::optional<long long> bounded(std::string_view key, long long min, long long max);
  // A list of strings; `required` makes absence an error. Empty optional when absent.
  std::optional<std::vector<std::string>> string_list(std::string_view key, bool required = false);
  // A list of objects (filters, tags); null when absent.
  const nlohmann::json* object_list(std::string_view key, bool required = false);

  // Length constraints on a present value, reported against `key`.
  void check_length(const std::string& value, std::string_view key, std::size_t min, std::size_t max);
  void check_count(std::size_t count, std::string_view key, std::string_view shown, std::size_t min, std::size_t max);

  void fail(ApiError error);
  bool ok() const { return !error_.has_value(); }
  const ApiError& error() const { return *error_; }

 private:
  const nlohmann::json& params_;
  std::optional<ApiError> error_;
};

// "[a, b, c]" as AWS shows lists in validation messages.
std::string bracket_list(const std::vector<std::string>& items);

}  // namespace chokepoint
