#pragma once
// The HTTP/1.1 front door: accepts connections, reads requests with body/header limits and timeouts,
// hands each to a RequestHandler, writes the responses in order (keep-alive and pipelining). The only
// part of the program that includes Beast; this header does not.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "common/request_handler.hpp"

namespace boost::asio {
class io_context;
}
namespace spdlog {
class logger;
}

namespace chokepoint {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 4566;  // 0 picks a free port
  long long max_body_bytes = 16 * 1024 * 1024;
  long long max_header_bytes = 16 * 1024;
  long long idle_timeout_ms = 60'000;
  long long read_timeout_ms = 30'000;
  int max_connections = 10'000;
  // Requests a client may send on one connection before reading the answers (HTTP pipelining). Requests are
  // answered one at a time, in order; when more than this many arrive back to back, the answer to the last one
  // allowed carries "Connection: close" and the rest are dropped.
  int max_pipelined_requests = 64;
};

struct HttpServerCounters {
  std::atomic<long long> connections{0};  // open now
  std::atomic<long long> in_flight{0};    // requests being handled or written now
  std::atomic<long long> rejected_connections{0};
};

// What the listener and every session share; held by shared_ptr so that sessions still queued in the
// io_context never outlive it.
struct HttpServerState {
  HttpServerOptions options;
  HttpServerCounters counters;
  std::atomic<bool> stopping{false};
};

class HttpServer {
 public:
  // Connections are spread round robin over `connection_contexts`, each run by exactly one thread, so that a
  // connection's handlers never overlap and need no strand. The first context also runs the acceptor.
  HttpServer(std::vector<boost::asio::io_context*> connection_contexts, RequestHandler& handler,
             HttpServerOptions options, std::shared_ptr<spdlog::logger> logger);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts accepting. Returns the bound "host:port". Throws std::runtime_error on failure.
  std::string start();
  // Stops accepting new connections; open connections finish their current request and close.
  void stop_accepting();
  const HttpServerCounters& counters() const;

 private:
  class Listener;
  std::shared_ptr<Listener> listener_;
};

}  // namespace chokepoint
