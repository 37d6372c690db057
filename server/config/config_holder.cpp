#include "config/config_holder.hpp"

namespace chokepoint {

LoadResult load_config_with_overrides(const std::string& path, const ConfigOverrides& overrides,
                                      const OperationVocabulary* vocabulary) {
  LoadResult result = path.empty() ? load_default_config() : load_config_file(path, vocabulary);
  if (!result.ok() || !overrides) return result;
  auto adjusted = std::make_shared<Config>(*result.config);
  overrides(*adjusted);
  result.config = std::move(adjusted);
  return result;
}

ConfigHolder::ConfigHolder(std::shared_ptr<const Config> initial, std::string path, ConfigOverrides overrides)
    : current_(std::move(initial)), path_(std::move(path)), overrides_(std::move(overrides)) {}

std::vector<ConfigError> ConfigHolder::reload() {
  std::lock_guard lock(reload_mutex_);
  LoadResult result = load_config_with_overrides(path_, overrides_, vocabulary_ ? &*vocabulary_ : nullptr);
  if (!result.ok()) return std::move(result.errors);
  set(std::move(result.config));
  return {};
}

void ConfigHolder::set_vocabulary(OperationVocabulary vocabulary) {
  std::lock_guard lock(reload_mutex_);
  vocabulary_ = std::move(vocabulary);
}

}  // namespace chokepoint
