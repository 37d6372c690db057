#include "app/scheduler_wake_timer.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>

namespace chokepoint {

namespace {

// Waking early is harmless (nothing is due yet, and the timer is set again), so long waits are cut short: the
// clock's speed may change meanwhile anyway, and the timer never has to hold an extreme time.
constexpr auto kLongestWait = std::chrono::hours(1);
// Tasks run per wake-up before the timer yields the thread to the connections it also serves.
constexpr size_t kTasksPerWake = 64;

}  // namespace

SchedulerWakeTimer::SchedulerWakeTimer(boost::asio::io_context& ioc, EmulatedScheduler& scheduler)
    : ioc_(ioc), scheduler_(scheduler), timer_(ioc) {
  scheduler_.set_waker(
      [this](std::optional<Duration> wall_delay) { boost::asio::post(ioc_, [this, wall_delay] { arm(wall_delay); }); });
}

SchedulerWakeTimer::~SchedulerWakeTimer() {
  scheduler_.set_waker({});
}

void SchedulerWakeTimer::arm(std::optional<Duration> wall_delay) {
  timer_.cancel();
  if (!wall_delay) return;
  const auto wait = std::min<Duration>(*wall_delay, kLongestWait);
  timer_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(wait));
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) scheduler_.run_due(kTasksPerWake);  // which tells the waker about what remains
  });
}

}  // namespace chokepoint
