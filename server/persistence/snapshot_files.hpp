#pragma once
// Writing a snapshot atomically and reading the data directory back at start-up.
//
// A snapshot is framed like a log segment, one record per frame, and ends with a marker frame; a file
// without the marker is incomplete and ignored. It is written as <name>.tmp, fsync'd, renamed, and the
// directory fsync'd; only then are the older snapshot and segments removed.
//
// Recovery: the newest complete snapshot, then every segment from its sequence on, in order. A segment
// that ends in a torn frame is cut back to its valid prefix (those records were never acknowledged).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace chokepoint {

using RecordSink = std::function<void(std::string record)>;
// Calls its argument once per entity record.
using SnapshotSource = std::function<void(const RecordSink& emit)>;

struct SnapshotResult {
  uint64_t records = 0;
  uint64_t bytes = 0;
};

// Writes snapshot-<sequence> from `source`, then removes older snapshots and segments before `sequence`.
SnapshotResult write_snapshot(const std::string& dir, uint64_t sequence, const SnapshotSource& source);

struct RecoveryReport {
  uint64_t snapshot_sequence = 0;  // 0: none
  uint64_t snapshot_records = 0;
  uint64_t log_records = 0;
  uint64_t segments = 0;
  uint64_t torn_segments = 0;
  uint64_t next_sequence = 1;  // where the next segment starts
};

// Feeds every surviving record (snapshot first, then the log) to `apply`, in order.
RecoveryReport recover_records(const std::string& dir, const std::function<void(std::string_view record)>& apply);

}  // namespace chokepoint
