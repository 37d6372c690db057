// The dispatcher with a bucket store that answers takes later, as a store shared through Redis does: the request
// is answered only once the store has, with the service's throttling error when the store refused.
#include <catch2/catch.hpp>
#include <deque>

#include "in_process_server.hpp"
#include "throttle/in_memory_bucket_store.hpp"

namespace chokepoint {
namespace {

using testing::InProcessServer;
using testing::json_request;
using testing::ssm_request;

// Queues every asynchronous take until the test answers it; keeps what the synchronous methods need in-process.
class QueuedTakeStore final : public BucketStore {
 public:
  bool remote() const override { return true; }
  void take_async(const BucketKey& key, const BucketLimit&, TimePoint, double, TakeDone done) override {
    keys.push_back(key);
    pending.push_back(std::move(done));
  }
  void answer_next(bool taken) {
    REQUIRE_FALSE(pending.empty());
    TakeDone done = std::move(pending.front());
    pending.pop_front();
    done(taken);
  }
  bool try_take(const BucketKey& key, const BucketLimit& limit, TimePoint now, double n) override {
    return local.try_take(key, limit, now, n);
  }
  void charge(const BucketKey& key, const BucketLimit& limit, TimePoint now, double n) override {
    local.charge(key, limit, now, n);
  }
  double level(const BucketKey& key, const BucketLimit& limit, TimePoint now) override {
    return local.level(key, limit, now);
  }
  void resize(const BucketKey& key, const BucketLimit& limit, TimePoint now) override { local.resize(key, limit, now); }
  std::vector<BucketSnapshot> snapshot(const BucketFilter& filter, TimePoint now) override {
    return local.snapshot(filter, now);
  }
  void fill_all() override { local.fill_all(); }
  size_t evict_idle(TimePoint now, Duration idle) override { return local.evict_idle(now, idle); }
  size_t size() override { return local.size(); }

  std::deque<TakeDone> pending;
  std::vector<BucketKey> keys;
  InMemoryBucketStore local;
};

// Sends a request whose answer must come later; `answer` is set once the store has answered.
struct LaterAnswer {
  std::optional<HandlerResult> answer;
};

void send_later(InProcessServer& server, HttpRequest& request, LaterAnswer& out) {
  HandlerResult result = server.runtime().dispatcher.handle(request);
  REQUIRE(result.later);
  result.later([&out](HandlerResult answer) { out.answer = std::move(answer); });
}

TEST_CASE("shared store: an emulated call is answered once the store has taken its token", "[dispatch][shared]") {
  InProcessServer server;
  QueuedTakeStore store;
  server.runtime().limiter.use_store(store);

  HttpRequest admitted = ssm_request("GetParameter", {{"Name", "/app/missing"}});
  LaterAnswer first;
  send_later(server, admitted, first);
  HttpRequest refused = ssm_request("GetParameter", {{"Name", "/app/missing"}});
  LaterAnswer second;
  send_later(server, refused, second);

  REQUIRE(store.pending.size() == 2);
  CHECK(store.keys[0].service == "ssm");
  CHECK(store.keys[0].bucket == "ParameterReads");
  CHECK_FALSE(first.answer);
  CHECK_FALSE(second.answer);

  store.answer_next(true);
  REQUIRE(first.answer);
  // The handler ran: the parameter does not exist.
  CHECK(first.answer->response.status == 400);
  CHECK(first.answer->response.body.find("ParameterNotFound") != std::string::npos);
  CHECK_FALSE(second.answer);

  store.answer_next(false);
  REQUIRE(second.answer);
  CHECK(second.answer->response.status == 400);
  CHECK(second.answer->response.body.find("ThrottlingException") != std::string::npos);
}

TEST_CASE("shared store: a call no emulated service answers waits for the store too", "[dispatch][shared]") {
  InProcessServer server;
  QueuedTakeStore store;
  server.runtime().limiter.use_store(store);

  HttpRequest request =
      json_request("Logs_20140328.DescribeLogGroups", nlohmann::json::object(), "application/x-amz-json-1.1");
  request.headers.emplace_back("origin", "http://localhost:3000");
  LaterAnswer refused;
  send_later(server, request, refused);
  REQUIRE(store.pending.size() == 1);
  CHECK(store.keys[0].service == "logs");
  CHECK_FALSE(refused.answer);
  store.answer_next(false);
  REQUIRE(refused.answer);
  CHECK(refused.answer->response.body.find("ThrottlingException") != std::string::npos);
  // A browser's call gets its cross-origin headers on the later answer as well.
  CHECK(refused.answer->response.header("Access-Control-Allow-Origin"));

  HttpRequest admitted =
      json_request("Logs_20140328.DescribeLogGroups", nlohmann::json::object(), "application/x-amz-json-1.1");
  LaterAnswer answered;
  send_later(server, admitted, answered);
  store.answer_next(true);
  REQUIRE(answered.answer);
  // Admitted, and with no upstream configured: the "not emulated" answer.
  CHECK(answered.answer->response.body.find("ThrottlingException") == std::string::npos);
  CHECK(answered.answer->response.status >= 400);
}

TEST_CASE("shared store: a fault rule refuses before the store is asked", "[dispatch][shared]") {
  InProcessServer server;
  QueuedTakeStore store;
  server.runtime().limiter.use_store(store);
  const HttpResponse added = server.send(testing::control_request(
      "POST", "/_chokepoint/faults", R"({"service": "ssm", "operation": "GetParameter", "throttle": true})"));
  REQUIRE(added.status < 300);

  HttpRequest request = ssm_request("GetParameter", {{"Name", "/app/missing"}});
  HandlerResult result = server.runtime().dispatcher.handle(request);
  CHECK_FALSE(result.later);
  CHECK(result.response.body.find("ThrottlingException") != std::string::npos);
  CHECK(store.pending.empty());
}

TEST_CASE("in-process store: the dispatcher answers at once", "[dispatch][shared]") {
  InProcessServer server;
  HttpRequest request = ssm_request("GetParameter", {{"Name", "/app/missing"}});
  HandlerResult result = server.runtime().dispatcher.handle(request);
  CHECK_FALSE(result.later);
  CHECK(result.response.body.find("ParameterNotFound") != std::string::npos);
}

}  // namespace
}  // namespace chokepoint
