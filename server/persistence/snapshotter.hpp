#pragma once
// Takes snapshots in the background: when `every_records` records were appended since the last one, or
// `every_seconds` passed with at least one record. A snapshot rotates the log first, so the snapshot plus
// the segments after it hold everything; the files before it are then removed. Thread-safe.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "persistence/change_log.hpp"
#include "persistence/snapshot_files.hpp"

namespace chokepoint {

struct SnapshotPolicy {
  uint64_t every_records = 100'000;
  std::chrono::milliseconds every{std::chrono::seconds(300)};
};

class Snapshotter {
 public:
  using Report = std::function<void(uint64_t sequence, const SnapshotResult& result, std::chrono::milliseconds took)>;

  Snapshotter(std::string dir, ChangeLog& log, SnapshotSource source, SnapshotPolicy policy, Report report = {});
  ~Snapshotter();
  Snapshotter(const Snapshotter&) = delete;
  Snapshotter& operator=(const Snapshotter&) = delete;

  // Takes one now (serialized with the background ones); returns its sequence.
  uint64_t take();

 private:
  void run();

  const std::string dir_;
  ChangeLog& log_;
  const SnapshotSource source_;
  const SnapshotPolicy policy_;
  const Report report_;
  std::mutex take_mutex_;  // one snapshot at a time
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace chokepoint
