#pragma once
// The journal of durable mode: entity records appended in the order changes are applied to the stores
// (callers append under the store's own lock), made durable by group commit: one writer thread takes
// everything buffered, write()s it to the current log segment and fdatasync()s it once. A request thread
// waits until its own records are durable before its response is sent, so an acknowledged write has
// reached the disk.
//
// Records a thread appends inside a Group (a transaction) share one frame: replay applies all or none.
// The group's frame takes its place in the order at its first record; the writer does not pass an open
// group. That is correct as long as the group's entities stay locked from its first record to its last.
//
// Segments are files "log-<first sequence>" in the data directory; rotate() starts a new one (a snapshot
// then covers everything before it). An I/O error while writing aborts the process: acknowledging writes
// that cannot be made durable would break the mode's one promise. Thread-safe.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace chokepoint {

class ChangeLog {
 public:
  // Starts a new segment "log-<next_sequence>" in `dir` and the writer thread.
  ChangeLog(std::string dir, uint64_t next_sequence);
  ~ChangeLog();
  ChangeLog(const ChangeLog&) = delete;
  ChangeLog& operator=(const ChangeLog&) = delete;

  // Appends one record (record_text()); returns its sequence. Cheap: it only queues the text.
  uint64_t append(std::string record);

  // While alive, this thread's appends to this log share one frame.
  class Group {
   public:
    explicit Group(ChangeLog* log);
    ~Group();
    Group(const Group&) = delete;
    Group& operator=(const Group&) = delete;

   private:
    ChangeLog* log_;
  };

  // Blocks until every record this thread appended so far is durable.
  void wait_for_this_thread();
  void wait_durable(uint64_t sequence);
  // Starts a new segment at the next sequence, which it returns: every record before it is in older
  // segments. The switch itself happens in the writer, in order.
  uint64_t rotate();
  // Records appended since the last rotate() (the snapshot trigger).
  uint64_t appended_since_rotate() const { return since_rotate_.load(std::memory_order_relaxed); }
  uint64_t durable_sequence() const { return durable_.load(std::memory_order_acquire); }

 private:
  struct Pending {
    uint64_t sequence = 0;  // for a rotation marker: the new segment's first sequence
    std::string payload;    // records, one per line
    bool open = false;      // a group still being filled
    bool rotate = false;
  };

  void close_group(uint64_t sequence);
  void run_writer();
  void open_segment(uint64_t first_sequence);

  const std::string dir_;
  std::mutex mutex_;
  std::condition_variable work_cv_;
  std::condition_variable durable_cv_;
  std::deque<Pending> queue_;
  uint64_t next_ = 1;
  std::atomic<uint64_t> durable_{0};
  std::atomic<uint64_t> since_rotate_{0};
  bool stopping_ = false;
  int fd_ = -1;
  std::thread writer_;
};

}  // namespace chokepoint
