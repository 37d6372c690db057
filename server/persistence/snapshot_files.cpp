#include "persistence/snapshot_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <limits>

#include "persistence/data_files.hpp"
#include "persistence/record_framing.hpp"

namespace chokepoint {

namespace {

constexpr uint64_t kEndMarkerSequence = std::numeric_limits<uint64_t>::max();
constexpr std::string_view kEndMarker = "end of snapshot";
constexpr std::size_t kFlushBytes = 1 << 20;

std::string path_in(const std::string& dir, const std::string& name) {
  return (std::filesystem::path(dir) / name).string();
}

bool complete_snapshot(const FrameScan& scan) {
  return !scan.torn && !scan.frames.empty() && scan.frames.back().sequence == kEndMarkerSequence &&
         scan.frames.back().payload == kEndMarker;
}

void remove_older(const std::string& dir, uint64_t sequence) {
  for (const DataFile& f : list_data_files(dir)) {
    const bool older = f.kind != DataFile::Kind::kTemporary && f.sequence < sequence;
    if (older) ::unlink(f.path.c_str());
  }
  sync_directory_or_die(dir);
}

// Applies the records of one frame payload (one per line).
uint64_t apply_lines(std::string_view payload, const std::function<void(std::string_view)>& apply) {
  uint64_t n = 0;
  while (!payload.empty()) {
    const auto nl = payload.find('\n');
    apply(payload.substr(0, nl));
    ++n;
    if (nl == std::string_view::npos) break;
    payload.remove_prefix(nl + 1);
  }
  return n;
}

}  // namespace

SnapshotResult write_snapshot(const std::string& dir, uint64_t sequence, const SnapshotSource& source) {
  const std::string final_path = path_in(dir, snapshot_file_name(sequence));
  const std::string temp_path = final_path + ".tmp";
  const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) die_on_io_error("open snapshot", temp_path);
  SnapshotResult result;
  std::string buffer;
  source([&](std::string record) {
    append_frame(buffer, sequence, record);
    ++result.records;
    if (buffer.size() >= kFlushBytes) {
      write_all_or_die(fd, buffer, "write snapshot");
      result.bytes += buffer.size();
      buffer.clear();
    }
  });
  append_frame(buffer, kEndMarkerSequence, kEndMarker);
  write_all_or_die(fd, buffer, "write snapshot");
  result.bytes += buffer.size();
  while (::fsync(fd) != 0) {
    if (errno != EINTR) die_on_io_error("fsync snapshot", temp_path);
  }
  ::close(fd);
  if (::rename(temp_path.c_str(), final_path.c_str()) != 0) die_on_io_error("rename snapshot", temp_path);
  sync_directory_or_die(dir);
  remove_older(dir, sequence);
  return result;
}

RecoveryReport recover_records(const std::string& dir, const std::function<void(std::string_view)>& apply) {
  RecoveryReport report;
  const std::vector<DataFile> files = list_data_files(dir);
  for (const DataFile& f : files) {
    if (f.kind == DataFile::Kind::kTemporary) ::unlink(f.path.c_str());
  }
  // The newest complete snapshot.
  for (auto it = files.rbegin(); it != files.rend() && report.snapshot_sequence == 0; ++it) {
    if (it->kind != DataFile::Kind::kSnapshot) continue;
    const auto data = read_whole_file(it->path);
    if (!data) continue;
    const FrameScan scan = scan_frames(*data);
    if (!complete_snapshot(scan)) continue;
    for (std::size_t i = 0; i + 1 < scan.frames.size(); ++i) report.snapshot_records += apply_lines(scan.frames[i].payload, apply);
    report.snapshot_sequence = it->sequence;
    report.next_sequence = it->sequence;
  }
  for (const DataFile& f : files) {
    if (f.kind != DataFile::Kind::kSegment || f.sequence < report.snapshot_sequence) continue;
    const auto data = read_whole_file(f.path);
    if (!data) die_on_io_error("read log segment", f.path);
    const FrameScan scan = scan_frames(*data);
    ++report.segments;
    report.next_sequence = std::max(report.next_sequence, f.sequence);
    for (const Frame& frame : scan.frames) {
      report.log_records += apply_lines(frame.payload, apply);
      report.next_sequence = std::max(report.next_sequence, frame.sequence + 1);
    }
    if (scan.torn) {
      ++report.torn_segments;
      truncate_or_die(f.path, scan.valid_bytes);
    }
  }
  return report;
}

}  // namespace chokepoint
