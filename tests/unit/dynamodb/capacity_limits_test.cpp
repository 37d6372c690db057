// Provisioned quotas at CreateTable/UpdateTable, DescribeLimits, the throttling error of fault rules, the
// 16 throttling reasons, and the dynamodb.capacity configuration section.
#include <catch2/catch.hpp>

#include <set>

#include "capacity_fixture.hpp"
#include "config/config_loader.hpp"
#include "services/dynamodb/throttling_reasons.hpp"
#include "config_loading.hpp"

namespace chokepoint {
namespace {

using namespace testing;

TEST_CASE("quotas: a table and its global indexes may provision at most 40,000 units", "[dynamodb][capacity][quotas]") {
  DynamoHarness h;
  const ApiError e = h.error("CreateTable", provisioned_table("huge", 40001, 5));
  CHECK(e.code == "LimitExceededException");
  CHECK(e.message.find("ReadCapacityUnits") != std::string::npos);
  CHECK(h.error("DescribeTable", {{"TableName", "huge"}}).code == "ResourceNotFoundException");
  json with_index = provisioned_table("sum", 30000, 5);
  add_gsi(with_index, "byG", "g", 10001, 5);
  CHECK(h.error("CreateTable", with_index).code == "LimitExceededException");
  h.ok("CreateTable", provisioned_table("edge", 40000, 40000));
}

TEST_CASE("quotas: CreateTable beyond the table count or the operations under way is refused",
          "[dynamodb][capacity][quotas]") {
  DynamoHarness h(
      "dynamodb:\n"
      "  table_creation_delay_ms: 1000\n"
      "  capacity: {quotas: {max_concurrent_table_operations: 2, max_tables: 3}}\n");
  h.ok("CreateTable", on_demand_table("aaa"));
  h.ok("CreateTable", on_demand_table("bbb"));  // both CREATING for a second
  const ApiError busy = h.error("CreateTable", on_demand_table("ccc"));
  CHECK(busy.code == "LimitExceededException");
  CHECK(busy.message == "Too many operations for a given subscriber.");
  CHECK(h.error("DescribeTable", {{"TableName", "ccc"}}).code == "ResourceNotFoundException");
  h.now += std::chrono::seconds(1);  // both ACTIVE now
  h.ok("CreateTable", on_demand_table("ccc"));
  h.now += std::chrono::seconds(1);
  const ApiError full = h.error("CreateTable", on_demand_table("ddd"));
  CHECK(full.code == "LimitExceededException");
  CHECK(full.message.find("maximum of 3") != std::string::npos);
  CHECK(!is_error(h.call("CreateTable", on_demand_table("ddd"), "210987654321")));  // per account
}

TEST_CASE("quotas: an account's provisioned tables together stay within 80,000 units", "[dynamodb][capacity][quotas]") {
  DynamoHarness h;
  h.ok("CreateTable", provisioned_table("one", 5, 40000));
  h.ok("CreateTable", provisioned_table("two", 5, 39999));
  h.ok("CreateTable", on_demand_table("free"));  // on-demand tables do not count
  const ApiError e = h.error("CreateTable", provisioned_table("three", 5, 2));
  CHECK(e.code == "LimitExceededException");
  CHECK(e.message.find("WriteCapacityUnits") != std::string::npos);
  h.ok("CreateTable", provisioned_table("three", 5, 1));
  // Another account has its own quota.
  CHECK(!is_error(h.call("CreateTable", provisioned_table("other", 5, 40000), "210987654321")));
}

TEST_CASE("quotas: UpdateTable beyond a quota is refused and changes nothing", "[dynamodb][capacity][quotas]") {
  DynamoHarness h;
  h.ok("CreateTable", provisioned_table("grow", 5, 5));
  const ApiError e = h.error("UpdateTable", {{"TableName", "grow"},
                                             {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 50000}}}});
  CHECK(e.code == "LimitExceededException");
  CHECK(h.ok("DescribeTable", {{"TableName", "grow"}})["Table"]["ProvisionedThroughput"]["WriteCapacityUnits"] == 5);
  h.ok("CreateTable", provisioned_table("big", 5, 40000));
  h.ok("CreateTable", provisioned_table("big2", 5, 39000));
  CHECK(h.error("UpdateTable", {{"TableName", "grow"},
                                {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 1001}}}})
            .code == "LimitExceededException");
  // Lowering is always allowed.
  h.ok("UpdateTable", {{"TableName", "big"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 30000}}}});
  h.ok("UpdateTable", {{"TableName", "grow"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 1001}}}});
}

TEST_CASE("quotas: DescribeLimits and the checks follow the configuration", "[dynamodb][capacity][quotas]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    quotas: {account_max_write_units: 100, table_max_write_units: 60}\n");
  const json limits = h.ok("DescribeLimits", json::object());
  CHECK(limits["AccountMaxWriteCapacityUnits"] == 100);
  CHECK(limits["TableMaxWriteCapacityUnits"] == 60);
  CHECK(limits["AccountMaxReadCapacityUnits"] == 80000);
  CHECK(h.error("CreateTable", provisioned_table("a", 5, 61)).code == "ValidationException");  // name too short
  CHECK(h.error("CreateTable", provisioned_table("aaa", 5, 61)).code == "LimitExceededException");
  h.ok("CreateTable", provisioned_table("aaa", 5, 60));
  CHECK(h.error("CreateTable", provisioned_table("bbb", 5, 41)).code == "LimitExceededException");
}

TEST_CASE("faults: a throttle fault on a data-plane call gets the table mode's capacity error",
          "[dynamodb][capacity][faults]") {
  DynamoHarness h;
  h.ok("CreateTable", provisioned_table("prov", 5, 5));
  h.ok("CreateTable", on_demand_table("odem"));
  LoadResult config = load_default_config();
  REQUIRE(config.ok());
  InMemoryBucketStore store;
  RateLimiter limiter(store);
  IdGenerator ids(1);
  CallContext ctx{h.now, *config.config, limiter, ids};
  auto request = [](const std::string& operation, const std::string& table) {
    ApiRequest r;
    r.service = "dynamodb";
    r.operation = operation;
    r.params = {{"TableName", table}};
    r.identity.account_id = "123456789012";
    r.identity.region = "us-east-1";
    return r;
  };
  const ApiError put = h.service.throttle_error(request("PutItem", "prov"), ctx);
  CHECK(put.code == "ProvisionedThroughputExceededException");
  CHECK(put.extra["ThrottlingReasons"] == json::parse(R"([{"reason":"TableWriteProvisionedThroughputExceeded",
      "resource":"arn:aws:dynamodb:us-east-1:123456789012:table/prov"}])"));
  const ApiError get = h.service.throttle_error(request("GetItem", "odem"), ctx);
  CHECK(get.code == "ThrottlingException");
  CHECK(get.extra["throttlingReasons"][0]["reason"] == "TableReadKeyRangeThroughputExceeded");
  const ApiError control = h.service.throttle_error(request("DescribeTable", "prov"), ctx);
  CHECK(control.code == "ThrottlingException");
  CHECK(control.json_type == "com.amazon.coral.availability#ThrottlingException");
  CHECK(!control.extra.contains("throttlingReasons"));
}

TEST_CASE("throttling reasons: 16 distinct names, <Table|Index><Read|Write><LimitType>", "[dynamodb][capacity][reasons]") {
  std::set<std::string_view> names(all_reason_names().begin(), all_reason_names().end());
  CHECK(names.size() == 16);
  for (bool index : {false, true}) {
    for (Access a : {Access::kRead, Access::kWrite}) {
      for (LimitType l : {LimitType::kProvisionedThroughput, LimitType::kAccountLimit, LimitType::kKeyRange, LimitType::kMaxOnDemand}) {
        const std::string_view name = reason_name(ThrottleReason{index, a, l, ""});
        CHECK(names.count(name) == 1);
        CHECK(name.rfind(index ? "Index" : "Table", 0) == 0);
        CHECK(name.find(a == Access::kRead ? "Read" : "Write") == (index ? 5u : 5u));
      }
    }
  }
  CHECK(reason_name(ThrottleReason{true, Access::kWrite, LimitType::kAccountLimit, ""}) == "IndexWriteAccountLimitExceeded");
  CHECK(reason_name(ThrottleReason{false, Access::kRead, LimitType::kMaxOnDemand, ""}) ==
        "TableReadMaxOnDemandThroughputExceeded");
}

TEST_CASE("capacity config: defaults are AWS's published values", "[dynamodb][capacity][config]") {
  LoadResult r = load_default_config();
  REQUIRE(r.ok());
  const DynamoDbCapacitySettings& s = r.config->dynamodb.capacity;
  CHECK(s.enabled);
  CHECK(s.burst_window_seconds == 300);
  CHECK(s.adaptive_capacity);
  CHECK(s.partition_max_read_units == 3000);
  CHECK(s.partition_max_write_units == 1000);
  CHECK(s.on_demand_initial_write_units == 4000);
  CHECK(s.on_demand_initial_read_units == 12000);
  CHECK(s.on_demand_peak_window_seconds == 1800);
  CHECK(s.on_demand_table_write_quota == 40000);
  CHECK(s.account_max_read_units == 80000);
  CHECK(s.table_max_write_units == 40000);
  CHECK(s.exceptions.provisioned_key_range == "ProvisionedThroughputExceededException");
  CHECK(s.exceptions.on_demand_key_range == "ThrottlingException");
  CHECK(s.exceptions.on_demand_account_limit == "RequestLimitExceeded");
  CHECK(s.partitions.empty());
}

TEST_CASE("capacity config: values are read and bad ones reported with their path", "[dynamodb][capacity][config]") {
  LoadResult ok = load_config_text(R"(
dynamodb:
  capacity:
    burst_window_seconds: 2.5
    adaptive_capacity: false
    partitions: {orders: 4, orders/byStatus: 2}
    on_demand: {peak_window_seconds: 60}
    exceptions: {on_demand: {AccountLimitExceeded: ThrottlingException}}
)", "t.yaml");
  REQUIRE(ok.ok());
  const DynamoDbCapacitySettings& s = ok.config->dynamodb.capacity;
  CHECK(s.burst_window_seconds == 2.5);
  CHECK(!s.adaptive_capacity);
  CHECK(s.declared_partitions("orders") == 4);
  CHECK(s.declared_partitions("orders/byStatus") == 2);
  CHECK(s.declared_partitions("other") == 0);
  CHECK(s.on_demand_peak_window_seconds == 60);
  CHECK(s.exceptions.on_demand_account_limit == "ThrottlingException");
  CHECK(s.exceptions.on_demand_key_range == "ThrottlingException");

  const auto errors = [](std::string_view yaml) { return test::errors_of(yaml); };
  CHECK_THAT(errors("dynamodb:\n  capacity:\n    burst_window_seconds: 0\n"),
             Catch::Contains("dynamodb.capacity.burst_window_seconds") && Catch::Contains("must be > 0"));
  CHECK_THAT(errors("dynamodb:\n  capacity:\n    adaptive_capacty: true\n"), Catch::Contains("did you mean 'adaptive_capacity'"));
  CHECK_THAT(errors("dynamodb:\n  capacity:\n    partitions: {t: 0}\n"), Catch::Contains("dynamodb.capacity.partitions.t"));
  CHECK_THAT(errors("dynamodb:\n  capacity:\n    exceptions: {provisioned: {KeyRangeThroughputExceeded: Oops}}\n"),
             Catch::Contains("must be one of"));
  CHECK_THAT(errors("dynamodb:\n  capacity:\n    quotas: {table_max_read_units: 90000}\n"),
             Catch::Contains("cannot exceed the account maximum"));
}

}  // namespace
}  // namespace chokepoint
