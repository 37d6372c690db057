#include <catch2/catch.hpp>

#include "config/config_loader.hpp"
#include "config_loading.hpp"

namespace chokepoint {
namespace {

using test::errors_of;

TEST_CASE("dynamodb config: delays default to zero and tables to none", "[dynamodb][config]") {
  LoadResult r = load_default_config();
  REQUIRE(r.ok());
  CHECK(r.config->dynamodb.table_creation_delay_ms == 0);
  CHECK(r.config->dynamodb.tables.empty());
}

TEST_CASE("dynamodb config: tables and delays are read", "[dynamodb][config]") {
  LoadResult r = load_config_text(R"(
dynamodb:
  table_creation_delay_ms: 250
  tables:
    - name: orders
      region: eu-west-1
      hash_key: {name: pk}
      range_key: {name: sk, type: N}
      local_secondary_indexes:
        - {name: byDate, range_key: {name: date}, projection: INCLUDE, non_key_attributes: [total]}
)", "t.yaml");
  REQUIRE(r.ok());
  const auto& d = r.config->dynamodb;
  CHECK(d.table_creation_delay_ms == 250);
  REQUIRE(d.tables.size() == 1);
  CHECK(d.tables[0].region == "eu-west-1");
  CHECK(d.tables[0].range_key->type == "N");
  CHECK(d.tables[0].local_secondary_indexes[0].non_key_attributes == std::vector<std::string>{"total"});
}

TEST_CASE("dynamodb config: mistakes are reported with their place", "[dynamodb][config]") {
  CHECK(errors_of("dynamodb: {tables: [{name: ab, hash_key: {name: x}}]}\n").find("tables[0].name") != std::string::npos);
  CHECK(errors_of("dynamodb: {tables: [{name: abc, hash_key: {name: x, type: Q}}]}\n").find("must be one of") != std::string::npos);
  CHECK(errors_of("dynamodb: {tables: [{name: abc}]}\n").find("hash_key") != std::string::npos);
  CHECK(errors_of("dynamodb: {tables: [{name: abc, hash_key: {name: x}, billing_mode: PROVISIONED}]}\n")
            .find("read_capacity") != std::string::npos);
  CHECK(errors_of("dynamodb: {table_creation_delay_ms: -1}\n").find("table_creation_delay_ms") != std::string::npos);
  CHECK(errors_of("dynamodb: {tabels: []}\n").find("did you mean 'tables'") != std::string::npos);
}

}  // namespace
}  // namespace chokepoint
