#include <catch2/catch.hpp>

#include "config/config_holder.hpp"
#include "config/temp_config_file.hpp"

namespace chokepoint {
namespace {

TEST_CASE("config: reload swaps in a valid file and keeps the old config on errors", "[config]") {
  testing::TempConfigFile file("holder");
  file.write("server:\n  threads: 2\n");
  LoadResult first = load_config_file(file.path());
  REQUIRE(first.ok());
  ConfigHolder holder(first.config, file.path());
  CHECK(holder.get() == first.config);

  file.write("server:\n  threads: 6\n");
  CHECK(holder.reload().empty());
  auto second = holder.get();
  CHECK(second != first.config);
  CHECK(second->server.threads == 6);
  CHECK(first.config->server.threads == 2);  // a snapshot taken earlier never changes

  file.write("server:\n  threads: -6\n  bogus: 1\n");
  auto errors = holder.reload();
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].path == "server.threads");
  CHECK(errors[1].path == "server.bogus");
  CHECK(holder.get() == second);  // untouched

  file.write("server: {threads: 1\n");  // a syntax error is no different
  CHECK_FALSE(holder.reload().empty());
  CHECK(holder.get() == second);
}

TEST_CASE("config: reload applies the command-line overrides every time", "[config]") {
  testing::TempConfigFile file("overrides");
  file.write("server:\n  listen: \"0.0.0.0:1000\"\n  threads: 2\n");
  ConfigOverrides overrides = [](Config& c) { c.server.listen_port = 4999; };
  LoadResult initial = load_config_with_overrides(file.path(), overrides);
  REQUIRE(initial.ok());
  CHECK(initial.config->server.listen_port == 4999);
  CHECK(initial.config->server.listen_host == "0.0.0.0");

  ConfigHolder holder(initial.config, file.path(), overrides);
  file.write("server:\n  listen: \"0.0.0.0:2000\"\n  threads: 8\n");
  REQUIRE(holder.reload().empty());
  CHECK(holder.get()->server.listen_port == 4999);
  CHECK(holder.get()->server.threads == 8);
}

TEST_CASE("config: a holder without a file reloads the defaults; a vanished file is an error", "[config]") {
  ConfigHolder defaults_only(nullptr, "");
  CHECK(defaults_only.reload().empty());
  REQUIRE(defaults_only.get());
  CHECK(defaults_only.get()->source_file.empty());

  auto initial = load_default_config().config;
  ConfigHolder holder(initial, "/nonexistent/chokepoint.yaml");
  auto errors = holder.reload();
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].file == "/nonexistent/chokepoint.yaml");
  CHECK(holder.get() == initial);
}

TEST_CASE("config: set replaces the config seen by get", "[config]") {
  auto a = load_default_config().config;
  ConfigHolder holder(a, "");
  auto b = std::make_shared<const Config>();
  holder.set(b);
  CHECK(holder.get() == b);
}

}  // namespace
}  // namespace chokepoint
