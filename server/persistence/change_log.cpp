#include "persistence/change_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "persistence/data_files.hpp"
#include "persistence/record_framing.hpp"

namespace chokepoint {

namespace {

// What the current thread has appended, and the group it is filling. Per thread because the stores append
// from deep inside request handlers, and threading a parameter through every handler of every service
// would touch them all; the request's own thread is what later waits for durability.
struct ThreadChanges {
  const ChangeLog* log = nullptr;  // the log `last` refers to
  uint64_t last = 0;
  const ChangeLog* group_log = nullptr;
  uint64_t group_sequence = 0;  // 0: the group has no record yet
  int group_depth = 0;
};

thread_local ThreadChanges t_changes;

}  // namespace

ChangeLog::ChangeLog(std::string dir, uint64_t next_sequence) : dir_(std::move(dir)), next_(next_sequence) {
  durable_.store(next_sequence - 1, std::memory_order_release);
  open_segment(next_sequence);
  writer_ = std::thread([this] { run_writer(); });
}

ChangeLog::~ChangeLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  writer_.join();
  if (fd_ >= 0) ::close(fd_);
}

void ChangeLog::open_segment(uint64_t first_sequence) {
  if (fd_ >= 0) ::close(fd_);
  const std::string path = (std::filesystem::path(dir_) / segment_file_name(first_sequence)).string();
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) die_on_io_error("open log segment", path);
  sync_directory_or_die(dir_);  // the new name must survive a crash before its first record does
}

uint64_t ChangeLog::append(std::string record) {
  ThreadChanges& t = t_changes;
  uint64_t sequence = 0;
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (t.group_depth > 0 && t.group_log == this && t.group_sequence != 0) {
      for (auto it = queue_.rbegin(); it != queue_.rend(); ++it) {
        if (it->sequence != t.group_sequence || it->rotate) continue;
        it->payload += '\n';
        it->payload += record;
        break;
      }
      sequence = t.group_sequence;
    } else {
      sequence = next_++;
      const bool open = t.group_depth > 0 && t.group_log == this;
      if (open) t.group_sequence = sequence;
      queue_.push_back(Pending{sequence, std::move(record), open, false});
      wake = !open;
    }
  }
  since_rotate_.fetch_add(1, std::memory_order_relaxed);
  t.log = this;
  t.last = sequence;
  if (wake) work_cv_.notify_one();
  return sequence;
}

ChangeLog::Group::Group(ChangeLog* log) : log_(log) {
  if (!log_) return;
  ThreadChanges& t = t_changes;
  if (t.group_depth++ == 0) {
    t.group_log = log_;
    t.group_sequence = 0;
  }
}

ChangeLog::Group::~Group() {
  if (!log_) return;
  ThreadChanges& t = t_changes;
  if (--t.group_depth > 0) return;
  if (t.group_sequence != 0) log_->close_group(t.group_sequence);
  t.group_log = nullptr;
  t.group_sequence = 0;
}

void ChangeLog::close_group(uint64_t sequence) {
  {
    std::lock_guard lock(mutex_);
    for (auto it = queue_.rbegin(); it != queue_.rend(); ++it) {
      if (it->sequence == sequence && !it->rotate) {
        it->open = false;
        break;
      }
    }
  }
  work_cv_.notify_one();
}

void ChangeLog::wait_for_this_thread() {
  ThreadChanges& t = t_changes;
  if (t.log != this || t.last == 0) return;
  const uint64_t last = t.last;
  t.last = 0;
  wait_durable(last);
}

void ChangeLog::wait_durable(uint64_t sequence) {
  if (durable_.load(std::memory_order_acquire) >= sequence) return;
  std::unique_lock lock(mutex_);
  durable_cv_.wait(lock, [&] { return durable_.load(std::memory_order_acquire) >= sequence; });
}

uint64_t ChangeLog::rotate() {
  uint64_t first = 0;
  {
    std::lock_guard lock(mutex_);
    first = next_;
    queue_.push_back(Pending{first, {}, false, true});
    since_rotate_.store(0, std::memory_order_relaxed);
  }
  work_cv_.notify_one();
  return first;
}

void ChangeLog::run_writer() {
  std::string bytes;
  for (;;) {
    std::deque<Pending> batch;
    {
      std::unique_lock lock(mutex_);
      work_cv_.wait(lock, [&] { return stopping_ || (!queue_.empty() && !queue_.front().open); });
      if (queue_.empty() || queue_.front().open) return;  // stopping, nothing left that may be written
      // A batch ends before an open group and at a rotation marker (taken alone).
      while (!queue_.empty() && !queue_.front().open) {
        const bool rotate = queue_.front().rotate;
        if (rotate && !batch.empty()) break;
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
        if (rotate) break;
      }
    }
    if (batch.front().rotate) {
      open_segment(batch.front().sequence);
      continue;
    }
    bytes.clear();
    for (const Pending& p : batch) append_frame(bytes, p.sequence, p.payload);
    write_all_or_die(fd_, bytes, "write to log segment");
    sync_or_die(fd_, "fdatasync of log segment");
    {
      std::lock_guard lock(mutex_);
      durable_.store(batch.back().sequence, std::memory_order_release);
    }
    durable_cv_.notify_all();
  }
}

}  // namespace chokepoint
