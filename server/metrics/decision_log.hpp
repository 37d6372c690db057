#pragma once
// An optional JSON-lines file with every request's decision: time, identity, operation, outcome, the rule
// or bucket that decided, consumed capacity, retry headers. When the file reaches `max_bytes` it is rotated:
// path -> path.1 -> path.2 ... up to `keep_files` (the oldest is deleted). Each line is written whole and
// flushed, so `tail -f` and tests see it at once. Thread-safe (one mutex; the log is off by default).
#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

#include "config/metrics_settings.hpp"
#include "protocol/request_record.hpp"

namespace chokepoint {

class DecisionLog final : public RequestObserver {
 public:
  explicit DecisionLog(DecisionLogSettings settings);
  ~DecisionLog() override;
  DecisionLog(const DecisionLog&) = delete;
  DecisionLog& operator=(const DecisionLog&) = delete;

  // Opens the file (appending); false with `error` set when it cannot be opened.
  bool open(std::string& error);
  bool enabled() const { return !settings_.path.empty(); }

  void on_request(const RequestRecord& record) override;

  uint64_t lines() const { return lines_.load(std::memory_order_relaxed); }
  uint64_t write_errors() const { return write_errors_.load(std::memory_order_relaxed); }
  uint64_t rotations() const { return rotations_.load(std::memory_order_relaxed); }

 private:
  void rotate();

  DecisionLogSettings settings_;
  std::mutex mutex_;
  std::FILE* file_ = nullptr;
  long long size_ = 0;
  std::atomic<uint64_t> lines_{0}, write_errors_{0}, rotations_{0};
};

// One record as a decision-log line (JSON, no trailing newline).
std::string decision_line(const RequestRecord& record);

}  // namespace chokepoint
