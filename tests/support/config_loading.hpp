#pragma once
// Loading configurations in tests: every error as one text (for INFO and checks), and a config that must load.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <string_view>

#include "config/config_loader.hpp"

namespace chokepoint::test {

inline std::string errors_text(const LoadResult& result) {
  std::string out;
  for (const auto& e : result.errors) out += e.format() + "\n";
  return out;
}

inline std::string errors_of(std::string_view yaml, const std::string& file_name = "t.yaml") {
  return errors_text(load_config_text(yaml, file_name));
}

inline std::shared_ptr<const Config> config_that_loads(std::string_view yaml, const std::string& file_name = "test.yaml") {
  const LoadResult loaded = load_config_text(yaml, file_name);
  INFO(errors_text(loaded));
  REQUIRE(loaded.ok());
  return loaded.config;
}

}  // namespace chokepoint::test
