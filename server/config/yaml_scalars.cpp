// YamlReader's scalar conversions and field helpers: strict, so that "10s" or "yes please" is an error
// rather than a silently different number.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "config/yaml_reader.hpp"

namespace chokepoint {

namespace {

std::string format_number(double value) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, res.ptr);
}

std::string join(std::span<const std::string_view> items) {
  std::string out;
  for (auto item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

// Parses the whole of `text` as a finite real number; accepts a leading '+' as YAML does.
std::optional<double> parse_double(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto res = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || res.ec != std::errc() || res.ptr != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// Names only the finite sides of the range: INT_MAX and LLONG_MAX mean "no upper bound" (likewise the minima).
std::string int_range_message(IntRange range, bool too_small) {
  bool has_min = range.min != LLONG_MIN && range.min != INT_MIN;
  bool has_max = range.max != LLONG_MAX && range.max != INT_MAX;
  if (has_min && has_max) {
    return "must be between " + std::to_string(range.min) + " and " + std::to_string(range.max);
  }
  if (too_small) return range.min == 1 ? "must be > 0" : "must be >= " + std::to_string(range.min);
  return "must be <= " + std::to_string(range.max);
}

}  // namespace

std::optional<std::string> YamlReader::string(const YamlNode& node) {
  if (!node.node().IsScalar()) {
    error(node, "expected a string");
    return std::nullopt;
  }
  return node.node().Scalar();
}

std::optional<double> YamlReader::number(const YamlNode& node, NumberRange range) {
  std::optional<double> value;
  if (node.node().IsScalar()) value = parse_double(node.node().Scalar());
  if (!value) {
    error(node, "expected a number");
    return std::nullopt;
  }
  bool in_range = range.exclusive ? *value > range.min : *value >= range.min;
  if (!in_range) {
    error(node, std::string(range.exclusive ? "must be > " : "must be >= ") + format_number(range.min));
    return std::nullopt;
  }
  return value;
}

std::optional<long long> YamlReader::integer(const YamlNode& node, IntRange range) {
  std::optional<double> real;
  if (node.node().IsScalar()) real = parse_double(node.node().Scalar());
  if (!real) {
    error(node, "expected a number");
    return std::nullopt;
  }
  if (*real != std::trunc(*real)) {
    error(node, "must be a whole number");
    return std::nullopt;
  }
  // Whole numbers beyond 2^53 lose precision as doubles, so parse the digits again as an integer.
  long long value = 0;
  std::string_view text = node.node().Scalar();
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  auto res = std::from_chars(text.data(), text.data() + text.size(), value);
  bool exact = res.ec == std::errc() && res.ptr == text.data() + text.size();
  if (!exact) {
    // "1e3" and the like: exact when small enough, otherwise out of any range we accept.
    if (std::fabs(*real) > 9e15) {
      error(node, int_range_message(range, *real < 0));
      return std::nullopt;
    }
    value = static_cast<long long>(*real);
  }
  if (value < range.min || value > range.max) {
    error(node, int_range_message(range, value < range.min));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> YamlReader::boolean(const YamlNode& node) {
  bool value = false;
  if (!node.node().IsScalar() || !YAML::convert<bool>::decode(node.node(), value)) {
    error(node, "expected a boolean");
    return std::nullopt;
  }
  return value;
}

std::optional<std::vector<std::string>> YamlReader::string_list(const YamlNode& node) {
  auto items = elements(node);
  if (!items) return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (const auto& item : *items) {
    auto s = string(item);
    if (s) out.push_back(std::move(*s));
    ok = ok && s.has_value();
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::string> YamlReader::choice(const YamlNode& node, std::initializer_list<std::string_view> choices) {
  return choice(node, std::span<const std::string_view>(choices.begin(), choices.size()));
}

std::optional<std::string> YamlReader::choice(const YamlNode& node, std::span<const std::string_view> choices) {
  auto value = string(node);
  if (!value) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *value) != choices.end()) return value;
  // A long list (every AWS service) would bury the hint: name how many there are instead.
  constexpr std::size_t kListedChoices = 16;
  const std::string expected = choices.size() <= kListedChoices
                                   ? "must be one of " + join(choices)
                                   : "'" + *value + "' is not one of the " + std::to_string(choices.size()) +
                                         " names allowed here";
  error(node, expected + did_you_mean(*value, choices));
  return std::nullopt;
}

bool YamlReader::read(const YamlNode& parent, std::string_view key, std::string& out) {
  auto node = parent.child(key);
  if (!node) return false;
  auto value = string(*node);
  if (value) out = std::move(*value);
  return value.has_value();
}

bool YamlReader::read_non_empty(const YamlNode& parent, std::string_view key, std::string& out) {
  const auto node = parent.child(key);
  if (!node) return false;
  auto text = string(*node);
  if (!text) return false;
  if (text->empty()) {
    error(*node, "must not be empty");
    return false;
  }
  out = std::move(*text);
  return true;
}

bool YamlReader::read(const YamlNode& parent, std::string_view key, bool& out) {
  auto node = parent.child(key);
  if (!node) return false;
  auto value = boolean(*node);
  if (value) out = *value;
  return value.has_value();
}

bool YamlReader::read(const YamlNode& parent, std::string_view key, int& out, IntRange range) {
  range.min = std::max<long long>(range.min, INT_MIN);
  range.max = std::min<long long>(range.max, INT_MAX);
  long long wide = out;
  if (!read(parent, key, wide, range)) return false;
  out = static_cast<int>(wide);
  return true;
}

bool YamlReader::read(const YamlNode& parent, std::string_view key, long long& out, IntRange range) {
  auto node = parent.child(key);
  if (!node) return false;
  auto value = integer(*node, range);
  if (value) out = *value;
  return value.has_value();
}

bool YamlReader::read(const YamlNode& parent, std::string_view key, double& out, NumberRange range) {
  auto node = parent.child(key);
  if (!node) return false;
  auto value = number(*node, range);
  if (value) out = *value;
  return value.has_value();
}

bool YamlReader::read(const YamlNode& parent, std::string_view key, std::vector<std::string>& out) {
  auto node = parent.child(key);
  if (!node) return false;
  auto value = string_list(*node);
  if (value) out = std::move(*value);
  return value.has_value();
}

}  // namespace chokepoint
