#include "metrics/decision_log.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/time_format.hpp"

namespace chokepoint {

namespace {

std::string rotated_name(const std::string& path, long long n) {
  return path + "." + std::to_string(n);
}

}  // namespace

std::string decision_line(const RequestRecord& r) {
  nlohmann::ordered_json j;
  j["time"] = iso8601_millis(r.time);
  j["request_id"] = r.request_id;
  j["service"] = r.service;
  j["operation"] = r.operation;
  j["account"] = r.account;
  j["region"] = r.region;
  if (!r.access_key.empty()) j["access_key"] = r.access_key;
  j["outcome"] = outcome_name(r.outcome);
  j["status"] = r.http_status;
  if (!r.error_code.empty()) j["error_code"] = r.error_code;
  if (const auto rule = fault_rule_of(r)) {
    j["rule"] = *rule;
  } else if (!r.decided_by.empty()) {
    j["bucket"] = r.decided_by;
  }
  if (r.consumed_read_units > 0) j["consumed_read_units"] = r.consumed_read_units;
  if (r.consumed_write_units > 0) j["consumed_write_units"] = r.consumed_write_units;
  j["duration_ms"] = std::round(r.duration_ms * 1000.0) / 1000.0;
  if (r.held_ms > 0) j["held_ms"] = r.held_ms;
  if (!r.invocation_id.empty()) j["invocation_id"] = r.invocation_id;
  if (!r.sdk_request.empty()) j["sdk_request"] = r.sdk_request;
  if (!r.tag.empty()) j["tag"] = r.tag;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

DecisionLog::DecisionLog(DecisionLogSettings settings) : settings_(std::move(settings)) {}

DecisionLog::~DecisionLog() {
  if (file_) std::fclose(file_);
}

bool DecisionLog::open(std::string& error) {
  if (!enabled()) return true;
  std::lock_guard lock(mutex_);
  file_ = std::fopen(settings_.path.c_str(), "a");
  if (!file_) {
    error = "cannot open decision log " + settings_.path + ": " + std::strerror(errno);
    return false;
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(settings_.path, ec);
  size_ = ec ? 0 : static_cast<long long>(size);
  return true;
}

void DecisionLog::on_request(const RequestRecord& record) {
  if (!enabled()) return;
  std::string line = decision_line(record);
  line.push_back('\n');
  std::lock_guard lock(mutex_);
  if (!file_) return;
  if (size_ > 0 && size_ + static_cast<long long>(line.size()) > settings_.max_bytes) rotate();
  if (!file_ || std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0) {
    write_errors_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  size_ += static_cast<long long>(line.size());
  lines_.fetch_add(1, std::memory_order_relaxed);
}

// path.(N-1) -> path.N, ..., path -> path.1; with keep_files 0 the file just starts over.
void DecisionLog::rotate() {
  std::fclose(file_);
  file_ = nullptr;
  std::error_code ec;
  const std::string& path = settings_.path;
  if (settings_.keep_files == 0) {
    std::filesystem::remove(path, ec);
  } else {
    std::filesystem::remove(rotated_name(path, settings_.keep_files), ec);
    for (long long n = settings_.keep_files - 1; n >= 1; --n) {
      std::filesystem::rename(rotated_name(path, n), rotated_name(path, n + 1), ec);
    }
    std::filesystem::rename(path, rotated_name(path, 1), ec);
  }
  file_ = std::fopen(path.c_str(), "w");
  size_ = 0;
  rotations_.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace chokepoint
