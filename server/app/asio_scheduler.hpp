#pragma once
// The server's Scheduler: tasks run on the I/O threads, delayed ones through an Asio steady_timer, so a
// pending task never holds a thread. Tasks still pending when the io_context stops are dropped.
#include <boost/asio/io_context.hpp>

#include "common/scheduler.hpp"

namespace chokepoint {

class AsioScheduler final : public Scheduler {
 public:
  AsioScheduler(boost::asio::io_context& ioc, const Clock& clock) : ioc_(ioc), clock_(clock) {}

  void run_after(Duration delay, std::function<void()> task) override;
  TimePoint now() const override { return clock_.now(); }

 private:
  boost::asio::io_context& ioc_;
  const Clock& clock_;
};

}  // namespace chokepoint
