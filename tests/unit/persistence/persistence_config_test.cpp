#include <catch2/catch.hpp>

#include "app/command_line.hpp"
#include "app/persistence_setup.hpp"
#include "config/config_loader.hpp"

using namespace chokepoint;

TEST_CASE("persistence: section defaults to memory only and reads its keys", "[persistence]") {
  const LoadResult defaults = load_default_config();
  REQUIRE(defaults.ok());
  CHECK(defaults.config->persistence.data_dir.empty());
  CHECK(durable_io_threads(*defaults.config, 2) == 2);

  const LoadResult r = load_config_text(
      "persistence: {data_dir: /var/lib/cp, snapshot_every_records: 500, snapshot_every_seconds: 1.5}\n", "t.yaml");
  REQUIRE(r.ok());
  CHECK(r.config->persistence.data_dir == "/var/lib/cp");
  CHECK(r.config->persistence.snapshot_every_records == 500);
  CHECK(r.config->persistence.snapshot_every_seconds == 1.5);
  CHECK(durable_io_threads(*r.config, 2) == 32);
  CHECK(durable_io_threads(*r.config, 64) == 64);
}

TEST_CASE("persistence: bad values and unknown keys are refused", "[persistence]") {
  CHECK_FALSE(load_config_text("persistence: {snapshot_every_records: 0}\n", "t.yaml").ok());
  CHECK_FALSE(load_config_text("persistence: {snapshot_every_seconds: 0}\n", "t.yaml").ok());
  CHECK_FALSE(load_config_text("persistence: {datadir: /x}\n", "t.yaml").ok());
}

TEST_CASE("persistence: the --data-dir flag sets the data directory", "[persistence]") {
  const auto parsed = parse_command_line({"--data-dir", "/tmp/state"});
  REQUIRE(parsed.error.empty());
  REQUIRE(parsed.options.data_dir);
  CHECK(*parsed.options.data_dir == "/tmp/state");
  CHECK_FALSE(parse_command_line({"--data-dir"}).error.empty());
  CHECK_FALSE(parse_command_line({"--data-dir="}).error.empty());
}
