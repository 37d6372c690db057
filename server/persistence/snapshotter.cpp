#include "persistence/snapshotter.hpp"

namespace chokepoint {

namespace {

// How often the trigger is checked; a snapshot is due at most this much late.
constexpr auto kPollInterval = std::chrono::milliseconds(200);

}  // namespace

Snapshotter::Snapshotter(std::string dir, ChangeLog& log, SnapshotSource source, SnapshotPolicy policy, Report report)
    : dir_(std::move(dir)), log_(log), source_(std::move(source)), policy_(policy), report_(std::move(report)) {
  thread_ = std::thread([this] { run(); });
}

Snapshotter::~Snapshotter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

uint64_t Snapshotter::take() {
  std::lock_guard serial(take_mutex_);
  const auto start = std::chrono::steady_clock::now();
  const uint64_t sequence = log_.rotate();
  const SnapshotResult result = write_snapshot(dir_, sequence, source_);
  if (report_) {
    report_(sequence, result,
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start));
  }
  return sequence;
}

void Snapshotter::run() {
  auto last = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  while (!cv_.wait_for(lock, kPollInterval, [this] { return stopping_; })) {
    const uint64_t pending = log_.appended_since_rotate();
    const bool due = pending >= policy_.every_records ||
                     (pending > 0 && std::chrono::steady_clock::now() - last >= policy_.every);
    if (!due) continue;
    lock.unlock();
    take();
    last = std::chrono::steady_clock::now();
    lock.lock();
  }
}

}  // namespace chokepoint
