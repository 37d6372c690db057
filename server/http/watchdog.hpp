#pragma once
// One timer for a chain of asynchronous steps whose deadline moves with every step (a connection's reads and
// writes, a forwarded call's waits on either side).
//
// Moving a timer for every step would cancel a wait and queue a new one each time (and, when the earliest timer
// changes, make a system call), so the timer is only re-armed when it fires: it is never armed later than now
// plus the shortest timeout the owner uses, which no deadline set afterwards can precede. When it fires before the
// deadline it waits again for what is left.
#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

namespace chokepoint {

class Watchdog {
 public:
  using Clock = std::chrono::steady_clock;

  Watchdog(const boost::asio::any_io_executor& executor, std::chrono::milliseconds shortest_timeout)
      : timer_(executor), shortest_timeout_(shortest_timeout) {}

  // From now on the step may take `timeout`; once it has passed, `owner->deadline_passed()` runs (once per
  // deadline). The owner is kept alive while the timer waits.
  template <class Owner>
  void expire_in(std::chrono::milliseconds timeout, const std::shared_ptr<Owner>& owner) {
    const auto now = Clock::now();
    deadline_ = now + timeout;
    if (!armed_) arm(now, owner);
  }

  // No deadline applies until the next expire_in.
  void suspend() { deadline_ = Clock::time_point::max(); }

  // Ends the watch: a waiting timer lets go of its owner now.
  void cancel() {
    suspend();
    timer_.cancel();
  }

 private:
  template <class Owner>
  void arm(Clock::time_point now, const std::shared_ptr<Owner>& owner) {
    armed_ = true;
    timer_.expires_at(std::min(deadline_, now + shortest_timeout_));
    timer_.async_wait([this, owner](boost::system::error_code ec) {
      armed_ = false;
      if (ec || deadline_ == Clock::time_point::max()) return;
      const auto now = Clock::now();
      if (now < deadline_) return arm(now, owner);
      suspend();
      owner->deadline_passed();
    });
  }

  boost::asio::steady_timer timer_;
  std::chrono::milliseconds shortest_timeout_;
  Clock::time_point deadline_ = Clock::time_point::max();
  bool armed_ = false;
};

}  // namespace chokepoint
