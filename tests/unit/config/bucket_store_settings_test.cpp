#include <catch2/catch.hpp>

#include "config/config_json.hpp"
#include "config_loading.hpp"

namespace chokepoint {
namespace {

using test::config_that_loads;
using test::errors_of;

TEST_CASE("bucket store URL: redis://HOST:PORT[/DB], memory or empty", "[config][bucket_store]") {
  BucketStoreSettings s;
  std::string error;
  REQUIRE(parse_bucket_store_url("redis://10.0.0.5:6380/2", s, error));
  CHECK(s.shared());
  CHECK(s.host == "10.0.0.5");
  CHECK(s.port == 6380);
  CHECK(s.db == 2);
  CHECK(s.url == "redis://10.0.0.5:6380/2");
  REQUIRE(parse_bucket_store_url("redis://cache", s, error));
  CHECK(s.port == 6379);
  CHECK(s.db == 0);
  REQUIRE(parse_bucket_store_url("memory", s, error));
  CHECK_FALSE(s.shared());
  REQUIRE(parse_bucket_store_url("", s, error));
  CHECK_FALSE(s.shared());

  CHECK_FALSE(parse_bucket_store_url("http://127.0.0.1:6379", s, error));
  CHECK_THAT(error, Catch::Contains("redis://HOST:PORT"));
  CHECK_FALSE(parse_bucket_store_url("redis://127.0.0.1:0", s, error));
  CHECK_THAT(error, Catch::Contains("port"));
  CHECK_FALSE(parse_bucket_store_url("redis://:6379", s, error));
  CHECK_THAT(error, Catch::Contains("host"));
  CHECK_FALSE(parse_bucket_store_url("redis://h:1/x", s, error));
  CHECK_THAT(error, Catch::Contains("database"));
}

TEST_CASE("throttling.store and store_failure: read beside the services", "[config][bucket_store]") {
  const auto defaults = config_that_loads("");
  CHECK_FALSE(defaults->bucket_store.shared());
  CHECK(defaults->bucket_store.on_failure == StoreFailurePolicy::kAdmit);
  CHECK(defaults->throttling.count("store") == 0);

  const auto shared = config_that_loads(
      "throttling:\n  store: redis://127.0.0.1:7000\n  store_failure: reject\n"
      "  ssm:\n    default: {rate: 3, burst: 3}\n");
  CHECK(shared->bucket_store.host == "127.0.0.1");
  CHECK(shared->bucket_store.port == 7000);
  CHECK(shared->bucket_store.on_failure == StoreFailurePolicy::kReject);
  CHECK(shared->throttling.at("ssm").default_limit.rate_per_sec == 3);
  // The effective config reads back as a config file.
  const auto json = config_to_json(*shared);
  CHECK(json["throttling"]["store"] == "redis://127.0.0.1:7000");
  CHECK(json["throttling"]["store_failure"] == "reject");

  CHECK_THAT(errors_of("throttling:\n  store: tcp://x:1\n"), Catch::Contains("throttling.store: must be redis://"));
  CHECK_THAT(errors_of("throttling:\n  store_failure: maybe\n"), Catch::Contains("throttling.store_failure"));
}

}  // namespace
}  // namespace chokepoint
