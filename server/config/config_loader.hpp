#pragma once
// Builds a validated Config: the embedded defaults (config/default.yaml, compiled in) with the user's YAML
// document laid over them. Keys present in the user's document replace the defaults, absent keys keep them,
// lists are replaced whole; unknown keys anywhere are errors. All errors are collected, not just the first.
// Thread-safety: the functions share no state and may run concurrently.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "config/config_error.hpp"
#include "config/operation_vocabulary.hpp"

namespace chokepoint {

struct LoadResult {
  std::shared_ptr<const Config> config;  // null whenever errors is not empty
  std::vector<ConfigError> errors;       // in document order, defaults' errors (a build bug) first
  bool ok() const { return errors.empty() && config; }
};

// The file name that errors in the embedded defaults carry.
inline constexpr std::string_view kDefaultConfigName = "<built-in default.yaml>";

// The text of config/default.yaml; defined in the CMake-generated default_config.cpp.
std::string_view default_config_yaml();

// Parse the embedded defaults, then lay `user_yaml` over them. Errors name `user_file_name`, which also
// becomes Config::source_file. An empty or comment-only document is valid. With `vocabulary`, operation and
// bucket names the services do not have are errors too (check_operation_names).
LoadResult load_config_text(std::string_view user_yaml, const std::string& user_file_name,
                            const OperationVocabulary* vocabulary = nullptr);
// Reads the file (an unreadable file is an error), then as load_config_text.
LoadResult load_config_file(const std::string& path, const OperationVocabulary* vocabulary = nullptr);
// The embedded defaults alone.
LoadResult load_default_config();

}  // namespace chokepoint
