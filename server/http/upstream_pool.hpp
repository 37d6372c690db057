#pragma once
// Idle keep-alive connections to upstream emulators, kept for the next forwarded request to the same host:port.
//
// Thread-safety: none needed. There is one pool per io_context (it is an Asio service of that context, reached
// with boost::asio::use_service), and only the one thread that runs a context touches its pool, the same way
// each connection stays on one context. Being a service of the context also ties the pooled sockets' lifetime to
// the context that owns them: the pool closes them when the context shuts down, before its services go away.
#include <boost/asio/execution_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "common/request_handler.hpp"
#include "common/upstream_address.hpp"

namespace chokepoint {

struct UpstreamConnection {
  // How much of a streamed body is relayed at a time.
  static constexpr std::size_t kPieceBytes = 64 * 1024;

  explicit UpstreamConnection(const boost::asio::any_io_executor& executor) : socket(executor) {}
  boost::asio::ip::tcp::socket socket;
  boost::beast::flat_buffer buffer;  // bytes read from the upstream that no answer has used yet
  // Where body pieces pass through on their way, kept with the connection so that a reused connection needs no
  // new allocation per exchange (left uninitialised: every byte is written before it is sent).
  std::unique_ptr<char[]> piece = std::make_unique_for_overwrite<char[]>(kPieceBytes);
};

class UpstreamPool : public boost::asio::execution_context::service {
 public:
  // Idle connections kept per upstream; the oldest one goes when another comes back.
  static constexpr std::size_t kMaxIdlePerUpstream = 64;
  // An idle connection older than this is closed rather than reused: servers close idle connections themselves
  // after a while, and the older a connection, the likelier a request meets it as it closes.
  static constexpr std::chrono::seconds kIdleExpiry{15};
  // A connection idle for less than this is reused without first checking that the upstream kept it open: under
  // load connections come back within microseconds, servers do not close them that fast, and the check is a system
  // call per request. A request that still meets a closed connection is sent once more (see UpstreamExchange).
  static constexpr std::chrono::milliseconds kUncheckedIdle{500};

  // The key Asio finds this service by; a type tag, it holds no state.
  static inline boost::asio::execution_context::id id;

  explicit UpstreamPool(boost::asio::execution_context& context);

  // The most recently used idle connection to `upstream` that is still open, or nullptr. Connections the
  // upstream closed while they sat idle, or that expired, are dropped on the way.
  std::unique_ptr<UpstreamConnection> take(const UpstreamAddress& upstream);
  // Keeps `connection`, whose last exchange ended cleanly with nothing left unread, for the next request.
  void give_back(const UpstreamAddress& upstream, std::unique_ptr<UpstreamConnection> connection);
  std::size_t idle_count(const UpstreamAddress& upstream) const;

 private:
  struct Idle {
    std::unique_ptr<UpstreamConnection> connection;
    std::chrono::steady_clock::time_point since;
  };

  // Hashes the address in place: the pool is looked up twice per forwarded call, where building a "host:port"
  // key each time cost more than the lookup.
  struct AddressHash {
    std::size_t operator()(const UpstreamAddress& address) const {
      return std::hash<std::string>{}(address.host) ^ (static_cast<std::size_t>(address.port) << 1);
    }
  };

  void shutdown() override;

  std::unordered_map<UpstreamAddress, std::deque<Idle>, AddressHash> idle_;  // oldest first
};

}  // namespace chokepoint
