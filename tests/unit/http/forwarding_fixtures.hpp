#pragma once
// Test fixtures for forwarding: a real HttpServer on 127.0.0.1 (port 0) run by one thread, a handler that
// answers with ForwardPlans, a scripted upstream server (one thread per connection) and a blocking client. Every
// socket read is bounded by SO_RCVTIMEO, so a test that goes wrong fails instead of hanging.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/request_handler.hpp"
#include "common/strings.hpp"
#include "http/http_server.hpp"

namespace chokepoint::forwarding_test {

namespace http = boost::beast::http;
using namespace std::chrono_literals;

// Every blocking read or write in these tests gives up after this long.
constexpr auto kSocketTimeout = 10s;

// The bytes of large test bodies: a pattern that does not repeat at power-of-two offsets.
inline char pattern_byte(std::uint64_t i) {
  return static_cast<char>((i * 131 + i / 4093) & 0xff);
}
inline void fill_pattern(std::string& block, std::uint64_t offset) {
  for (std::size_t i = 0; i < block.size(); ++i) block[i] = pattern_byte(offset + i);
}

// FNV-1a over a stream of bytes.
struct Checksum {
  std::uint64_t value = 1469598103934665603ull;
  std::uint64_t bytes = 0;
  void add(const char* data, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
      value = (value ^ static_cast<unsigned char>(data[i])) * 1099511628211ull;
    }
    bytes += size;
  }
};

inline Checksum pattern_checksum(std::uint64_t size) {
  Checksum sum;
  std::string block(64 * 1024, '\0');
  for (std::uint64_t offset = 0; offset < size; offset += block.size()) {
    block.resize(static_cast<std::size_t>(std::min<std::uint64_t>(block.size(), size - offset)));
    fill_pattern(block, offset);
    sum.add(block.data(), block.size());
  }
  return sum;
}

// A blocking TCP socket with bounded reads and writes; a Beast SyncReadStream, so http::read works on it.
class TestSocket {
 public:
  explicit TestSocket(int fd) : fd_(fd) {
    timeval tv{static_cast<time_t>(std::chrono::seconds(kSocketTimeout).count()), 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  }
  static TestSocket connect_to(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd);
      throw std::runtime_error("cannot connect to port " + std::to_string(port));
    }
    return TestSocket(fd);
  }
  TestSocket(TestSocket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  TestSocket& operator=(TestSocket&&) = delete;
  ~TestSocket() {
    if (fd_ >= 0) ::close(fd_);
  }

  // False when the peer is gone or the write timed out.
  bool send_all(std::string_view bytes) {
    while (!bytes.empty()) {
      const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers, boost::system::error_code& ec) {
    ec = {};
    for (auto it = boost::asio::buffer_sequence_begin(buffers); it != boost::asio::buffer_sequence_end(buffers); ++it) {
      const boost::asio::mutable_buffer buffer = *it;
      if (buffer.size() == 0) continue;
      const auto n = ::recv(fd_, buffer.data(), buffer.size(), 0);
      if (n > 0) return static_cast<std::size_t>(n);
      ec = n == 0 ? boost::asio::error::eof : boost::system::error_code(errno, boost::system::system_category());
      return 0;
    }
    return 0;
  }
  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers) {
    boost::system::error_code ec;
    const std::size_t n = read_some(buffers, ec);
    if (ec) throw boost::system::system_error(ec);
    return n;
  }

  // True when the peer closes the connection (a read returns 0 or is reset) within the timeout; what arrives
  // before that is dropped.
  bool closed_by_peer() {
    char scratch[4096];
    for (int reads = 0; reads < 100000; ++reads) {
      const auto n = ::recv(fd_, scratch, sizeof scratch, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
    }
    return false;
  }
  // Tells the peer nothing more is coming (a client that will not send the body it announced).
  void finish_sending() { ::shutdown(fd_, SHUT_WR); }
  // Ends both directions without closing the descriptor (safe from another thread).
  void shut_down() { ::shutdown(fd_, SHUT_RDWR); }
  int fd() const { return fd_; }

 private:
  int fd_;
};

// A request as the upstream received it. Small bodies are kept; every body is counted and checksummed.
struct ReceivedRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;  // as on the wire, in order
  std::string body;                                          // up to kKeptBodyBytes
  Checksum body_sum;
  static constexpr std::size_t kKeptBodyBytes = 1024 * 1024;

  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
      if (iequals(n, name)) return v;
    }
    return std::nullopt;
  }
};

// Reads one request (head, then the body through a 64 KiB buffer). nullopt at end of stream or on error.
inline std::optional<ReceivedRequest> read_test_request(TestSocket& socket, boost::beast::flat_buffer& buffer) {
  http::request_parser<http::buffer_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  boost::system::error_code ec;
  http::read_header(socket, buffer, parser, ec);
  if (ec) return std::nullopt;
  ReceivedRequest out;
  out.method = std::string(parser.get().method_string());
  out.target = std::string(parser.get().target());
  for (const auto& field : parser.get()) out.headers.emplace_back(field.name_string(), field.value());
  std::vector<char> piece(64 * 1024);
  for (int reads = 0; !parser.is_done() && reads < 10'000'000; ++reads) {
    parser.get().body().data = piece.data();
    parser.get().body().size = piece.size();
    http::read_some(socket, buffer, parser, ec);
    if (ec == http::error::need_buffer) ec = {};
    if (ec) return std::nullopt;
    const std::size_t n = piece.size() - parser.get().body().size;
    out.body_sum.add(piece.data(), n);
    if (out.body.size() + n <= ReceivedRequest::kKeptBodyBytes) out.body.append(piece.data(), n);
  }
  return out;
}

// An answer as the client received it; like ReceivedRequest, small bodies are kept.
struct ReceivedResponse {
  int status = 0;
  std::string reason;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  Checksum body_sum;
  bool chunked = false;
  bool keep_alive = false;
  boost::system::error_code error;  // set when the answer did not arrive whole

  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
      if (iequals(n, name)) return v;
    }
    return std::nullopt;
  }
  int count(std::string_view name) const {
    int n = 0;
    for (const auto& header : headers) n += iequals(header.first, name) ? 1 : 0;
    return n;
  }
};

inline ReceivedResponse read_test_response(TestSocket& socket, boost::beast::flat_buffer& buffer,
                                           bool head_request = false) {
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  parser.skip(head_request);
  ReceivedResponse out;
  http::read_header(socket, buffer, parser, out.error);
  if (out.error) return out;
  out.status = static_cast<int>(parser.get().result_int());
  out.reason = std::string(parser.get().reason());
  for (const auto& field : parser.get()) out.headers.emplace_back(field.name_string(), field.value());
  out.chunked = parser.chunked();
  out.keep_alive = parser.keep_alive();
  std::vector<char> piece(64 * 1024);
  for (int reads = 0; !parser.is_done() && reads < 10'000'000; ++reads) {
    parser.get().body().data = piece.data();
    parser.get().body().size = piece.size();
    http::read_some(socket, buffer, parser, out.error);
    if (out.error == http::error::need_buffer) out.error = {};
    if (out.error) return out;
    const std::size_t n = piece.size() - parser.get().body().size;
    out.body_sum.add(piece.data(), n);
    if (out.body.size() + n <= ReceivedRequest::kKeptBodyBytes) out.body.append(piece.data(), n);
  }
  return out;
}

class TestUpstream;

// One upstream connection, as a script sees it.
class UpstreamPeer {
 public:
  UpstreamPeer(TestUpstream& upstream, TestSocket& socket, int index)
      : upstream_(upstream), socket_(socket), index_(index) {}
  // The next request (also recorded in TestUpstream::requests), or nullopt when the connection ended.
  std::optional<ReceivedRequest> read_request();
  bool send(std::string_view bytes) { return socket_.send_all(bytes); }
  TestSocket& socket() { return socket_; }
  int index() const { return index_; }  // 0 for the first connection accepted

 private:
  TestUpstream& upstream_;
  TestSocket& socket_;
  boost::beast::flat_buffer buffer_;
  int index_;
};

// A scripted HTTP/1.1 server on 127.0.0.1: each accepted connection runs `script` on its own thread; when the
// script returns, the connection is shut down.
class TestUpstream {
 public:
  using Script = std::function<void(UpstreamPeer&)>;

  explicit TestUpstream(Script script) : script_(std::move(script)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 64) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ::close(listener_);
      throw std::runtime_error("test upstream cannot listen");
    }
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~TestUpstream() {
    ::shutdown(listener_, SHUT_RDWR);  // wakes accept()
    acceptor_.join();
    ::close(listener_);
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mutex_);
      for (auto& socket : sockets_) socket->shut_down();
      threads = std::move(threads_);
    }
    for (auto& t : threads) t.join();
  }

  int port() const { return port_; }
  UpstreamAddress address() const { return UpstreamAddress{"127.0.0.1", port_}; }
  int connections() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(sockets_.size());
  }
  std::vector<ReceivedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  void record(const ReceivedRequest& request) {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
  }

 private:
  void accept_loop() {
    for (;;) {
      const int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      std::lock_guard lock(mutex_);
      sockets_.push_back(std::make_unique<TestSocket>(fd));
      TestSocket* socket = sockets_.back().get();
      const int index = static_cast<int>(sockets_.size()) - 1;
      threads_.emplace_back([this, socket, index] {
        UpstreamPeer peer(*this, *socket, index);
        script_(peer);
        socket->shut_down();
      });
    }
  }

  Script script_;
  int listener_ = -1;
  int port_ = 0;
  std::thread acceptor_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<TestSocket>> sockets_;  // closed when the upstream goes, after its threads
  std::vector<std::thread> threads_;
  std::vector<ReceivedRequest> requests_;
};

inline std::optional<ReceivedRequest> UpstreamPeer::read_request() {
  auto request = read_test_request(socket_, buffer_);
  if (request) upstream_.record(*request);
  return request;
}

// A port on 127.0.0.1 that nothing listens on (bound, then released).
inline int unused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

// Forwards every request to one upstream, except targets under /local (answered here, 200 "local"). By its head
// alone: targets under /refuse get nullopt (413), under /throttle a 503 answer, the rest are forwarded.
class ForwardingHandler : public RequestHandler {
 public:
  explicit ForwardingHandler(UpstreamAddress upstream, std::chrono::milliseconds timeout = 5s)
      : upstream_(std::move(upstream)), timeout_(timeout) {}

  HandlerResult handle(HttpRequest& request) override {
    HandlerResult result;
    if (request.target.starts_with("/local")) {
      result.response.status = 200;
      result.response.body = "local";
      return result;
    }
    result.forward = plan();
    return result;
  }

  std::optional<HandlerResult> handle_head(HttpRequest& head) override {
    {
      std::lock_guard lock(mutex_);
      heads_.push_back(head);
    }
    if (head.target.starts_with("/refuse")) return std::nullopt;
    HandlerResult result;
    if (head.target.starts_with("/throttle")) {
      result.response.status = 503;
      result.response.body = "slow down";
      return result;
    }
    result.forward = plan();
    return result;
  }

  // Waits (bounded) until `n` exchanges have reported their outcome; returns all reported so far.
  std::vector<ForwardOutcome> outcomes(std::size_t n) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, kSocketTimeout, [&] { return outcomes_.size() >= n; });
    return outcomes_;
  }
  int unreachable_calls() {
    std::lock_guard lock(mutex_);
    return unreachable_calls_;
  }
  std::vector<HttpRequest> heads() {
    std::lock_guard lock(mutex_);
    return heads_;
  }

 private:
  std::shared_ptr<ForwardPlan> plan() {
    auto plan = std::make_shared<ForwardPlan>();
    plan->upstream = upstream_;
    plan->timeout = timeout_;
    plan->unreachable_response = [this](const std::string& problem) {
      std::lock_guard lock(mutex_);
      ++unreachable_calls_;
      HttpResponse r;
      r.status = 502;
      r.headers.emplace_back("X-Unreachable", "yes");
      r.body = problem;
      return r;
    };
    plan->done = [this](const ForwardOutcome& outcome) {
      std::lock_guard lock(mutex_);
      outcomes_.push_back(outcome);
      changed_.notify_all();
    };
    return plan;
  }

  UpstreamAddress upstream_;
  std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<ForwardOutcome> outcomes_;
  std::vector<HttpRequest> heads_;
  int unreachable_calls_ = 0;
};

// A real HttpServer on 127.0.0.1, port 0, run by one thread.
class ForwardingServer {
 public:
  explicit ForwardingServer(RequestHandler& handler, long long max_body_bytes = 1024 * 1024) {
    HttpServerOptions options;
    options.port = 0;
    options.max_body_bytes = max_body_bytes;
    options.read_timeout_ms = 5'000;
    server_ = std::make_unique<HttpServer>(
        std::vector<boost::asio::io_context*>{&context_}, handler, options,
        std::make_shared<spdlog::logger>("forwarding-test", std::make_shared<spdlog::sinks::null_sink_mt>()));
    const std::string bound = server_->start();
    port_ = std::stoi(bound.substr(bound.rfind(':') + 1));
    thread_ = std::thread([this] { context_.run(); });
  }
  ~ForwardingServer() {
    server_->stop_accepting();
    work_.reset();
    context_.stop();
    thread_.join();
    server_.reset();
  }

  int port() const { return port_; }
  TestSocket connect() const { return TestSocket::connect_to(port_); }

  // Waits (bounded) until `connections` sessions are open and none has a request in flight: what a finished
  // exchange leaves behind, held by no timer or handler.
  bool settles_at(long long connections) const {
    const auto deadline = std::chrono::steady_clock::now() + kSocketTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (server_->counters().connections.load() == connections && server_->counters().in_flight.load() == 0) {
        return true;
      }
      std::this_thread::sleep_for(1ms);
    }
    return false;
  }

 private:
  boost::asio::io_context context_{1};
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      context_.get_executor()};
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};

// A complete upstream answer with a Content-Length body.
inline std::string test_answer(int status, const std::string& body, const std::string& extra_headers = "") {
  return "HTTP/1.1 " + std::to_string(status) + " Whatever\r\n" + extra_headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace chokepoint::forwarding_test
