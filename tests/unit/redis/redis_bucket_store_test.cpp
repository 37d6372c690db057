// The Redis bucket store without a Redis server: keys, and the failure policy answering every take while the
// server cannot be reached (a loopback port nothing listens on refuses at once).
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <catch2/catch.hpp>
#include <optional>

#include "redis/redis_bucket_store.hpp"
#include "redis/token_bucket_script.hpp"
#include "throttle/in_memory_bucket_store.hpp"

namespace chokepoint {
namespace {

// A loopback port with no listener: bound, never listening, so a connection is refused.
int refused_port(boost::asio::io_context& loop, boost::asio::ip::tcp::acceptor& holder) {
  holder = boost::asio::ip::tcp::acceptor(loop);
  holder.open(boost::asio::ip::tcp::v4());
  holder.bind({boost::asio::ip::make_address("127.0.0.1"), 0});
  return holder.local_endpoint().port();
}

std::optional<bool> take_once(RedisBucketStore& store, boost::asio::io_context& loop) {
  std::optional<bool> taken;
  store.take_async(BucketKey{"111111111111", "us-east-1", "ssm", "ParameterReads"}, BucketLimit{10, 10}, TimePoint{}, 1,
                   [&taken](bool ok) { taken = ok; });
  for (int i = 0; i < 200 && !taken; ++i) loop.run_for(std::chrono::milliseconds(10));
  return taken;
}

TEST_CASE("redis bucket store: keys name account, region, service and bucket", "[redis]") {
  CHECK(RedisBucketStore::redis_key({"111111111111", "eu-west-1", "s3", "GetObject/my-bucket"}) ==
        "chokepoint:bucket:111111111111:eu-west-1:s3:GetObject/my-bucket");
  // Redis names a script by the SHA-1 of its text.
  CHECK(script_sha1("return 1") == "e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
}

TEST_CASE("redis bucket store: an unreachable server answers per the failure policy", "[redis]") {
  auto logger = std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
  for (const auto policy : {StoreFailurePolicy::kAdmit, StoreFailurePolicy::kReject}) {
    boost::asio::io_context loop;
    boost::asio::ip::tcp::acceptor holder(loop);
    BucketStoreSettings settings;
    std::string error;
    REQUIRE(parse_bucket_store_url("redis://127.0.0.1:" + std::to_string(refused_port(loop, holder)), settings, error));
    settings.on_failure = policy;
    InMemoryBucketStore local;
    RedisBucketStore store({&loop}, settings, local, logger);
    store.start();
    loop.run_for(std::chrono::milliseconds(20));
    CHECK(store.remote());
    CHECK(store.state() != RedisState::kUp);

    const auto taken = take_once(store, loop);
    REQUIRE(taken);
    CHECK(*taken == (policy == StoreFailurePolicy::kAdmit));
    const nlohmann::json health = store.health();
    CHECK(health["kind"] == "redis");
    CHECK(health["state"] != "up");
    CHECK(health[policy == StoreFailurePolicy::kAdmit ? "admitted_without_store" : "rejected_without_store"] == 1);
    // The synchronous methods keep answering from the replica's own buckets.
    CHECK(store.try_take(BucketKey{"1", "r", "s", "b"}, BucketLimit{1, 1}, TimePoint{}, 1));
    CHECK(local.size() == 1);
  }
}

}  // namespace
}  // namespace chokepoint
