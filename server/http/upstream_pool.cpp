#include "http/upstream_pool.hpp"

#include <sys/socket.h>

#include <cerrno>

namespace chokepoint {

namespace {

// An idle connection is usable when reading it would block: it has neither been closed by the upstream (a read
// returns 0) nor received bytes no request asked for. One non-blocking peek; it catches the common case of an
// upstream that timed the connection out, and the exchange retries once for the race it cannot catch.
bool upstream_pool_still_open(UpstreamConnection& connection) {
  if (!connection.socket.is_open() || connection.buffer.size() != 0) return false;
  char byte = 0;
  const auto n = ::recv(connection.socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace

UpstreamPool::UpstreamPool(boost::asio::execution_context& context) : service(context) {}

std::unique_ptr<UpstreamConnection> UpstreamPool::take(const UpstreamAddress& upstream) {
  const auto found = idle_.find(upstream);
  if (found == idle_.end()) return nullptr;
  auto& idle = found->second;
  const auto now = std::chrono::steady_clock::now();
  while (!idle.empty()) {
    Idle newest = std::move(idle.back());
    idle.pop_back();
    if (now - newest.since > kIdleExpiry) {
      idle.clear();  // the rest are older still
      break;
    }
    const bool fresh = now - newest.since < kUncheckedIdle && newest.connection->socket.is_open() &&
                       newest.connection->buffer.size() == 0;
    if (fresh || upstream_pool_still_open(*newest.connection)) return std::move(newest.connection);
  }
  idle_.erase(found);
  return nullptr;
}

void UpstreamPool::give_back(const UpstreamAddress& upstream, std::unique_ptr<UpstreamConnection> connection) {
  auto& idle = idle_[upstream];
  const auto now = std::chrono::steady_clock::now();
  while (!idle.empty() && (idle.size() >= kMaxIdlePerUpstream || now - idle.front().since > kIdleExpiry)) {
    idle.pop_front();
  }
  idle.push_back(Idle{std::move(connection), now});
}

std::size_t UpstreamPool::idle_count(const UpstreamAddress& upstream) const {
  const auto found = idle_.find(upstream);
  return found == idle_.end() ? 0 : found->second.size();
}

void UpstreamPool::shutdown() {
  idle_.clear();
}

}  // namespace chokepoint
