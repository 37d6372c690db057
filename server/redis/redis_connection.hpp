#pragma once
// One connection to a Redis server, driven by one io_context (one I/O thread) through hiredis's asynchronous API:
// commands never block the thread, and those sent in one turn of the loop go out together (pipelined). Replies
// come back in order, on the same thread. When the connection breaks, or a reply is overdue, every command under
// way gets no reply (nullptr) and the connection is made again, with a backoff that grows to kMaxBackoff.
// Not thread-safe: call everything but state() on the io_context's thread (start() and the destructor excepted,
// which run before the thread starts and after it stopped).
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "redis/redis_counters.hpp"

struct redisAsyncContext;
struct redisReply;

namespace spdlog {
class logger;
}

namespace chokepoint {

struct RedisEndpoint {
  std::string host;
  int port = 6379;
  int db = 0;
};

class RedisConnection {
 public:
  // Called once with the reply, or nullptr when none came (not connected, connection lost, overdue).
  using ReplyHandler = std::function<void(const redisReply* reply)>;

  static constexpr std::chrono::milliseconds kMaxBackoff{2000};

  // `reply_timeout`: a reply overdue this long counts the server as gone (a stopped or unreachable one).
  RedisConnection(boost::asio::io_context& loop, RedisEndpoint endpoint, std::chrono::milliseconds reply_timeout,
                  RedisCounters& counters, std::shared_ptr<spdlog::logger> logger);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Connects (on the loop); commands sent while connecting wait for the connection.
  void start();
  // Sends one command; `done` runs on this connection's thread, possibly before command() returns (when down).
  void command(std::initializer_list<std::string_view> args, ReplyHandler done);

  RedisState state() const { return state_.load(std::memory_order_relaxed); }
  boost::asio::io_context& loop() { return loop_; }

 private:
  struct Socket;
  struct Sent;
  static void on_connect(const redisAsyncContext* context, int status);
  static void on_disconnect(const redisAsyncContext* context, int status);
  static void on_reply(redisAsyncContext* context, void* reply, void* privdata);

  void connect();
  void lost(const char* why);  // the context is gone or going: state down, reconnect later
  void schedule_reconnect();
  void watch_replies();  // drops a connection whose oldest reply is overdue

  boost::asio::io_context& loop_;
  const RedisEndpoint endpoint_;
  const std::chrono::milliseconds reply_timeout_;
  RedisCounters& counters_;
  std::shared_ptr<spdlog::logger> logger_;
  redisAsyncContext* context_ = nullptr;
  std::atomic<RedisState> state_{RedisState::kConnecting};
  std::deque<std::chrono::steady_clock::time_point> sent_;  // when each command under way went out, oldest first
  std::chrono::milliseconds backoff_{0};
  boost::asio::steady_timer reconnect_timer_;
  boost::asio::steady_timer watch_timer_;
  bool stopping_ = false;
};

}  // namespace chokepoint
