#include "app/asio_scheduler.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

namespace chokepoint {

namespace {

// A background task must never take an I/O thread down with it; the components that schedule work turn
// their own failures into state (a failed resource), so anything reaching here is dropped.
void run_guarded(const std::function<void()>& task) {
  try {
    task();
  } catch (const std::exception&) {
  }
}

}  // namespace

void AsioScheduler::run_after(Duration delay, std::function<void()> task) {
  if (delay <= Duration::zero()) {
    boost::asio::post(ioc_, [task = std::move(task)] { run_guarded(task); });
    return;
  }
  // The timer lives as long as its wait: the handler owns it.
  auto timer = std::make_shared<boost::asio::steady_timer>(ioc_);
  timer->expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(delay));
  timer->async_wait([timer, task = std::move(task)](const boost::system::error_code& ec) {
    if (!ec) run_guarded(task);
  });
}

}  // namespace chokepoint
