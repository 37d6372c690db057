#include <catch2/catch.hpp>

#include "config/config_loader.hpp"
#include "config_loading.hpp"

namespace chokepoint {
namespace {

const LimitGroup* find_group(const ServiceThrottling& service, std::string_view name) {
  for (const auto& g : service.groups) {
    if (g.name == name) return &g;
  }
  return nullptr;
}

TEST_CASE("config: the embedded defaults load without errors", "[config]") {
  LoadResult result = load_default_config();
  INFO(test::errors_text(result));
  REQUIRE(result.ok());
  const Config& c = *result.config;
  CHECK(c.source_file.empty());
  CHECK(c.server.listen_host == "127.0.0.1");
  CHECK(c.server.listen_port == 4566);
  CHECK(c.server.max_body_bytes == 16777216);
  CHECK(c.default_account == "000000000000");
  CHECK(c.default_region == "us-east-1");
  CHECK(c.accounts.empty());
  CHECK(c.limits.empty());
  for (const char* service : {"dynamodb", "ssm", "ec2", "cloudformation", "sts", "monitoring"}) {
    INFO(service);
    CHECK(c.throttling.count(service) == 1);
  }
}

TEST_CASE("config: default regions and zones", "[config]") {
  LoadResult result = load_default_config();
  REQUIRE(result.ok());
  const Config& c = *result.config;
  CHECK(c.regions.size() == 16);
  REQUIRE(c.find_region("us-east-1"));
  CHECK(c.find_region("us-east-1")->zones.size() == 6);
  REQUIRE(c.find_region("us-west-1"));
  CHECK(c.find_region("us-west-1")->zones == std::vector<std::string>{"us-west-1a", "us-west-1c"});
  REQUIRE(c.find_region("eu-north-1"));
  CHECK(c.find_region("eu-north-1")->zones.size() == 3);
}

TEST_CASE("config: default EC2 limits follow the published categories in match order", "[config]") {
  LoadResult result = load_default_config();
  REQUIRE(result.ok());
  const ServiceThrottling& ec2 = result.config->throttling.at("ec2");
  CHECK(ec2.default_limit == BucketLimit{5, 50});
  REQUIRE(ec2.groups.size() >= 3);
  CHECK(ec2.groups.front().name == "UnfilteredNonMutating");
  CHECK(ec2.groups.front().variant == "unfiltered");
  CHECK(ec2.groups.front().limit == BucketLimit{10, 50});
  CHECK(ec2.groups.back().name == "NonMutating");
  CHECK(ec2.groups.back().limit == BucketLimit{20, 100});
  CHECK(ec2.groups[ec2.groups.size() - 2].name == "ResourceIntensive");
  CHECK(ec2.groups[ec2.groups.size() - 2].operations.size() == 9);
  for (const auto& g : ec2.groups) CHECK_FALSE(g.shared);
  REQUIRE(find_group(ec2, "RunInstances"));
  CHECK(find_group(ec2, "RunInstances")->limit == BucketLimit{2, 5});
  REQUIRE(find_group(ec2, "AdvertiseByoipCidr"));
  CHECK(find_group(ec2, "AdvertiseByoipCidr")->limit == BucketLimit{0.1, 1});
  REQUIRE(find_group(ec2, "DescribeCapacityBlockOfferings"));
  CHECK(find_group(ec2, "DescribeCapacityBlockOfferings")->limit == BucketLimit{0.15, 10});
  CHECK_FALSE(find_group(ec2, "StopInstances"));  // the mutating default
  CHECK(ec2.resources.at("RunInstances") == BucketLimit{2, 1000});
  CHECK(ec2.resources.at("TerminateInstances") == BucketLimit{20, 1000});
  CHECK(ec2.resources.at("StartInstances") == BucketLimit{2, 1000});
  CHECK(ec2.resources.at("StopInstances") == BucketLimit{20, 1000});
}

TEST_CASE("config: default SSM, DynamoDB and other service limits", "[config]") {
  LoadResult result = load_default_config();
  REQUIRE(result.ok());
  const auto& t = result.config->throttling;
  const ServiceThrottling& ssm = t.at("ssm");
  REQUIRE(ssm.groups.size() >= 3);
  CHECK(ssm.groups[0].variant == "high_throughput");  // variant groups match before the standard ones
  CHECK(ssm.groups[1].variant == "high_throughput");
  const LimitGroup* reads = find_group(ssm, "ParameterReads");
  REQUIRE(reads);
  CHECK(reads->shared);
  CHECK(reads->limit == BucketLimit{40, 40});
  CHECK(reads->operations == std::vector<std::string>{"GetParameter", "GetParameters", "GetParametersByPath"});
  REQUIRE(find_group(ssm, "HighThroughputParameterReads"));
  CHECK(find_group(ssm, "HighThroughputParameterReads")->limit == BucketLimit{3000, 3000});

  const ServiceThrottling& ddb = t.at("dynamodb");
  const LimitGroup* data = find_group(ddb, "DataPlane");
  REQUIRE(data);
  CHECK(data->unlimited);
  CHECK(data->operations.size() == 13);
  REQUIRE(find_group(ddb, "DescribeLimits"));
  CHECK(find_group(ddb, "DescribeLimits")->limit.rate_per_sec == Approx(1.0 / 60).epsilon(1e-4));
  CHECK(find_group(ddb, "DescribeLimits")->limit.burst == 1);

  CHECK(t.at("sts").default_limit == BucketLimit{50, 100});
  CHECK(t.at("monitoring").default_limit == BucketLimit{50, 100});
  REQUIRE(find_group(t.at("cloudformation"), "DescribeStacks"));
  CHECK(t.at("cloudformation").groups.front().name == "DescribeStacks");  // before the Describe* glob
}

TEST_CASE("config: an empty or comment-only user file is valid", "[config]") {
  for (const char* text : {"", "\n", "# nothing to change\n# at all\n", "---\n"}) {
    INFO(text);
    LoadResult result = load_config_text(text, "user.yaml");
    INFO(test::errors_text(result));
    REQUIRE(result.ok());
    CHECK(result.config->source_file == "user.yaml");
    CHECK(result.config->server.listen_port == 4566);
  }
}

// Each kind of error, with where it must be reported.
struct ErrorCase {
  const char* yaml;
  int line;
  int column;
  const char* path;
  const char* message;
};

TEST_CASE("config: each error kind reports its line, column and path", "[config]") {
  const ErrorCase cases[] = {
      {"server:\n  thread: 4\n", 2, 3, "server.thread", "unknown key 'thread' (did you mean 'threads'?)"},
      {"server:\n  workers: 4\n", 2, 3, "server.workers", "unknown key 'workers'"},
      {"sever:\n  threads: 4\n", 1, 1, "sever", "unknown key 'sever' (did you mean 'server'?)"},
      {"server:\n  threads: many\n", 2, 12, "server.threads", "expected a number"},
      {"server:\n  threads:\n", 2, 3, "server.threads", "expected a number"},
      {"server:\n  threads: -1\n", 2, 12, "server.threads", "must be >= 0"},
      {"server:\n  max_body_bytes: 0\n", 2, 19, "server.max_body_bytes", "must be > 0"},
      {"server:\n  listen: 127.0.0.1:99999\n", 2, 11, "server.listen", "port must be between 0 and 65535"},
      {"server:\n  listen: localhost\n", 2, 11, "server.listen", "expected HOST:PORT, e.g. 127.0.0.1:4566"},
      {"server:\n  log_level: infos\n", 2, 14, "server.log_level",
       "must be one of trace, debug, info, warn, error, critical, off (did you mean 'info'?)"},
      {"auth:\n  allow_unsigned: sometimes\n", 2, 19, "auth.allow_unsigned", "expected a boolean"},
      {"identity:\n  default_region: [us-east-1]\n", 2, 19, "identity.default_region", "expected a string"},
      {"identity:\n  default_account: 12345\n", 2, 20, "identity.default_account", "must be exactly 12 digits"},
      {"accounts: {access_key: A}\n", 1, 11, "accounts", "expected a list"},
      {"server: 5\n", 1, 9, "server", "expected a mapping"},
      {"accounts:\n  - access_key: A\n", 2, 5, "accounts[0]", "missing required key 'account'"},
      {"regions: []\n", 1, 10, "regions", "must not be empty"},
      {"limits:\n  - match: {service: sqz}\n    buckets: {X: {rate: 1}}\n", 2, 22, "limits[0].match.service",
       "'sqz' is not one of the 320 names allowed here (did you mean 'sqs'?)"},
      {"limits:\n  - match: {account: '12'}\n    buckets: {X: {rate: 1}}\n", 2, 22, "limits[0].match.account",
       "must be exactly 12 digits"},
      {"limits:\n  - buckets:\n      X: {}\n", 3, 10, "limits[0].buckets.X",
       "expected at least one of rate, burst, enabled"},
      {"limits:\n  - buckets:\n      X: {rate: 1, burts: 2}\n", 3, 20, "limits[0].buckets.X.burts",
       "unknown key 'burts' (did you mean 'burst'?)"},
      {"throttling:\n  dynamdb: {}\n", 2, 3, "throttling.dynamdb", "unknown key 'dynamdb' (did you mean 'dynamodb'?)"},
      {"throttling:\n  ssm:\n    default: {rate: 0}\n", 3, 21, "throttling.ssm.default.rate", "must be > 0"},
      {"throttling:\n  ssm:\n    default: {burst: 0.5}\n", 3, 22, "throttling.ssm.default.burst", "must be >= 1"},
      {"throttling:\n  ssm:\n    groups:\n      - {name: G, rate: 1, burst: 1, operations: [A, [B]]}\n", 4, 54,
       "throttling.ssm.groups[0].operations[1]", "expected a string"},
      {"throttling:\n  ec2:\n    resources:\n      RunInstances: {rate: 2}\n", 4, 21,
       "throttling.ec2.resources.RunInstances", "missing required key 'burst'"},
      {"server:\n  threads: 1\n  threads: 2\n", 3, 3, "server.threads", "duplicate key 'threads'"},
      {"server: {threads: 1\n", 2, 1, "", "end of map flow not found"},
      {"identity:\n  default_region: eu-west-9\n", 2, 19, "identity.default_region",
       "'eu-west-9' is not one of regions[].name (did you mean 'eu-west-1'?)"},
      {"regions:\n  - name: eu-west-1\n", 2, 3, "regions",
       "does not contain the default region 'us-east-1' (identity.default_region)"},
      {"limits:\n  - match: {region: mars-1}\n    buckets: {X: {rate: 1}}\n", 2, 21, "limits[0].match.region",
       "'mars-1' is not one of regions[].name"},
      {"just a string\n", 1, 1, "", "expected a mapping"},
  };
  for (const auto& c : cases) {
    INFO(c.yaml);
    LoadResult result = load_config_text(c.yaml, "user.yaml");
    INFO(test::errors_text(result));
    CHECK_FALSE(result.ok());
    CHECK(result.config == nullptr);
    REQUIRE(result.errors.size() == 1);
    const ConfigError& e = result.errors[0];
    CHECK(e.file == "user.yaml");
    CHECK(e.line == c.line);
    CHECK(e.column == c.column);
    CHECK(e.path == c.path);
    CHECK(e.message == c.message);
  }
}

TEST_CASE("config: all errors of a document are collected, in document order", "[config]") {
  const char* text =
      "throttling:\n"
      "  ssm:\n"
      "    default: {rate: -1}\n"
      "server:\n"
      "  threads: x\n"
      "  idle_timeout_ms: 0\n"
      "bogus: 1\n";
  LoadResult result = load_config_text(text, "u.yaml");
  REQUIRE(result.errors.size() == 4);
  CHECK(result.errors[0].format() == "u.yaml:3:21: throttling.ssm.default.rate: must be > 0");
  CHECK(result.errors[1].format() == "u.yaml:5:12: server.threads: expected a number");
  CHECK(result.errors[2].format() == "u.yaml:6:20: server.idle_timeout_ms: must be > 0");
  CHECK(result.errors[3].format() == "u.yaml:7:1: bogus: unknown key 'bogus'");
}

TEST_CASE("config: load_config_file reports an unreadable file", "[config]") {
  LoadResult result = load_config_file("/nonexistent/chokepoint/config.yaml");
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].file == "/nonexistent/chokepoint/config.yaml");
  CHECK(result.errors[0].line == 0);
  CHECK_THAT(result.errors[0].message, Catch::StartsWith("cannot open"));
  CHECK(result.config == nullptr);
}

}  // namespace
}  // namespace chokepoint
