#include <catch2/catch.hpp>

#include "config/config_error.hpp"

namespace chokepoint {
namespace {

TEST_CASE("config: ConfigError::format", "[config]") {
  struct Case {
    ConfigError error;
    std::string expected;
  };
  const Case cases[] = {
      {{"cfg.yaml", 3, 7, "server.threads", "must be >= 0"}, "cfg.yaml:3:7: server.threads: must be >= 0"},
      {{"cfg.yaml", 1, 1, "limits[0].match.service", "must be one of a, b"},
       "cfg.yaml:1:1: limits[0].match.service: must be one of a, b"},
      {{"cfg.yaml", 2, 1, "", "end of map not found"}, "cfg.yaml:2:1: end of map not found"},
      {{"/etc/cp.yaml", 0, 0, "", "cannot open: No such file or directory"},
       "/etc/cp.yaml: cannot open: No such file or directory"},
  };
  for (const auto& c : cases) {
    CHECK(c.error.format() == c.expected);
  }
}

}  // namespace
}  // namespace chokepoint
