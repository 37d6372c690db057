#pragma once
// Runs the emulated scheduler's background work on an I/O thread when it falls due: the scheduler says after
// what wall-clock delay it next has work (or that it has none), and one Asio timer waits that long. Tasks still
// pending when the io_context stops are dropped.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <optional>

#include "common/emulated_scheduler.hpp"

namespace chokepoint {

class SchedulerWakeTimer {
 public:
  // Both must outlive the timer.
  SchedulerWakeTimer(boost::asio::io_context& ioc, EmulatedScheduler& scheduler);
  ~SchedulerWakeTimer();
  SchedulerWakeTimer(const SchedulerWakeTimer&) = delete;
  SchedulerWakeTimer& operator=(const SchedulerWakeTimer&) = delete;

 private:
  void arm(std::optional<Duration> wall_delay);  // on the io_context's thread

  boost::asio::io_context& ioc_;
  EmulatedScheduler& scheduler_;
  boost::asio::steady_timer timer_;
};

}  // namespace chokepoint
