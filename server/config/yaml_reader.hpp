#pragma once
// A small checked reader over yaml-cpp nodes. Every problem becomes a ConfigError with the node's position
// (1-based) and its dotted key path; reading goes on after an error so that one run reports all of them.
// Thread-safety: none; one YamlReader per document being read.
// Implemented in yaml_reader.cpp (structure), yaml_scalars.cpp (scalars, field helpers), key_suggestions.cpp.
#include <yaml-cpp/yaml.h>

#include <climits>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config_error.hpp"

namespace chokepoint {

// A YAML node together with the dotted path that names it ("limits[0].match.service") and the position that
// errors about it point at (its key's position when the value itself has none, as for `key:` with no value).
class YamlNode {
 public:
  YamlNode(YAML::Node node, std::string path, YAML::Mark mark);

  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  const YAML::Mark& mark() const { return mark_; }
  bool is_null() const { return node_.IsNull(); }

  // The value under `key` of a mapping; nullopt when absent or when this node is not a mapping.
  std::optional<YamlNode> child(std::string_view key) const;
  // The path of a child key: "a.b" under "a", "b" at the top.
  std::string child_path(std::string_view key) const;

 private:
  YAML::Node node_;
  std::string path_;
  YAML::Mark mark_;
};

// Allowed range of an integer; the message names only the finite side ("must be > 0", "must be >= 0",
// "must be between 0 and 65535").
struct IntRange {
  long long min = LLONG_MIN;
  long long max = LLONG_MAX;
};

// Allowed lower bound of a real number ("must be > 0" when exclusive, "must be >= 1" otherwise).
struct NumberRange {
  double min = 0;
  bool exclusive = false;
};

class YamlReader {
 public:
  explicit YamlReader(std::string file_name);

  const std::string& file_name() const { return file_name_; }
  const std::vector<ConfigError>& errors() const { return errors_; }
  std::vector<ConfigError> take_errors() { return std::move(errors_); }

  // Parses one document. An empty or comment-only document is a null node; a syntax error is recorded at
  // its position and yields nullopt.
  std::optional<YamlNode> parse(std::string_view text);

  void error(const YamlNode& at, std::string message);
  void error(const YAML::Mark& mark, std::string path, std::string message);

  // Checks that `node` is a mapping (null counts as an empty one) and that every key is in `known`
  // (unknown keys get a "did you mean" hint; duplicates are errors). False when it is not a mapping.
  bool expect_mapping(const YamlNode& node, std::initializer_list<std::string_view> known);
  bool expect_mapping(const YamlNode& node, std::span<const std::string_view> known);
  // Entries of a mapping whose keys are names chosen by the user (bucket names). Reports a non-mapping,
  // non-string keys and duplicate keys; a null node has no entries.
  std::optional<std::vector<std::pair<std::string, YamlNode>>> entries(const YamlNode& node);
  // Elements of a list (null counts as empty); a non-list is reported and yields nullopt.
  std::optional<std::vector<YamlNode>> elements(const YamlNode& node);

  // Scalar conversions; each reports "expected a ..." and yields nullopt on a mismatch.
  std::optional<std::string> string(const YamlNode& node);
  std::optional<double> number(const YamlNode& node, NumberRange range);
  std::optional<long long> integer(const YamlNode& node, IntRange range);
  std::optional<bool> boolean(const YamlNode& node);
  std::optional<std::vector<std::string>> string_list(const YamlNode& node);
  // A string that must be one of `choices` ("must be one of a, b, c", with a hint when one is close).
  std::optional<std::string> choice(const YamlNode& node, std::initializer_list<std::string_view> choices);
  std::optional<std::string> choice(const YamlNode& node, std::span<const std::string_view> choices);

  // Field helpers: when `parent` has `key`, convert it and store it in `out`. True when stored; `out` is left
  // untouched when the key is absent (that is the overlay rule) or invalid.
  bool read(const YamlNode& parent, std::string_view key, std::string& out);
  bool read(const YamlNode& parent, std::string_view key, bool& out);
  bool read(const YamlNode& parent, std::string_view key, int& out, IntRange range);
  bool read(const YamlNode& parent, std::string_view key, long long& out, IntRange range);
  bool read(const YamlNode& parent, std::string_view key, double& out, NumberRange range);
  bool read(const YamlNode& parent, std::string_view key, std::vector<std::string>& out);
  // A string that must not be empty when given ("must not be empty" otherwise).
  bool read_non_empty(const YamlNode& parent, std::string_view key, std::string& out);

  // Reports "missing required key 'KEY'" at the mapping when `parent` (a mapping or null) lacks `key`.
  bool require(const YamlNode& parent, std::string_view key);

 private:
  void report_key(const YAML::Node& key, const YamlNode& map, std::span<const std::string_view> known,
                  std::vector<std::string>& seen);

  std::string file_name_;
  std::vector<ConfigError> errors_;
};

// Optimal-string-alignment edit distance (insert, delete, substitute, swap two neighbours).
int edit_distance(std::string_view a, std::string_view b);
// The candidate within edit distance 2 of `word` (the closest; the first of equals); empty when none.
std::string_view closest_match(std::string_view word, std::span<const std::string_view> candidates);
// " (did you mean 'x'?)" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace chokepoint
