#include "app/asio_scheduler.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

namespace chokepoint {

void AsioScheduler::run_after(Duration delay, std::function<void()> task) {
  if (delay <= Duration::zero()) {
    boost::asio::post(ioc_, std::move(task));
    return;
  }
  // The timer lives as long as its wait: the handler owns it.
  auto timer = std::make_shared<boost::asio::steady_timer>(ioc_);
  timer->expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(delay));
  timer->async_wait([timer, task = std::move(task)](const boost::system::error_code& ec) {
    if (!ec) task();
  });
}

}  // namespace chokepoint
