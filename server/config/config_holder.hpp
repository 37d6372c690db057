#pragma once
// The running configuration, swapped atomically on reload (SIGHUP, admin API). Readers take a snapshot with
// get() and keep using it for the whole request; a reload never changes a snapshot already taken.
// Thread-safety: all members may be called concurrently; reloads are serialised among themselves.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "config/config_error.hpp"
#include "config/config_loader.hpp"

namespace chokepoint {

// Changes made after loading, e.g. from command-line flags (--port) that must win over every reloaded file.
using ConfigOverrides = std::function<void(Config&)>;

// Loads `path` (the embedded defaults alone when empty), checking names against `vocabulary` when given, and
// applies `overrides` (when set). What main does at start and ConfigHolder::reload() does later, so both see the
// same result for the same file.
LoadResult load_config_with_overrides(const std::string& path, const ConfigOverrides& overrides,
                                      const OperationVocabulary* vocabulary = nullptr);

class ConfigHolder {
 public:
  // `path`: the user's file reload() reads again; empty for the embedded defaults alone.
  ConfigHolder(std::shared_ptr<const Config> initial, std::string path, ConfigOverrides overrides = {});

  ConfigHolder(const ConfigHolder&) = delete;
  ConfigHolder& operator=(const ConfigHolder&) = delete;

  std::shared_ptr<const Config> get() const { return current_.load(std::memory_order_acquire); }
  void set(std::shared_ptr<const Config> config) { current_.store(std::move(config), std::memory_order_release); }

  // Reads the file again, applies the overrides and swaps the result in. On any error the running config is
  // left untouched and the errors are returned; an empty result means the new config is live.
  std::vector<ConfigError> reload();
  // From now on reloads also check operation and bucket names against `vocabulary`.
  void set_vocabulary(OperationVocabulary vocabulary);

  const std::string& path() const { return path_; }

 private:
  std::atomic<std::shared_ptr<const Config>> current_;
  const std::string path_;
  const ConfigOverrides overrides_;
  std::mutex reload_mutex_;  // two reloads racing could otherwise swap an older file's result in last
  std::optional<OperationVocabulary> vocabulary_;  // guarded by reload_mutex_
};

}  // namespace chokepoint
