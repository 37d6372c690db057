#pragma once
// Durable mode: the `persistence:` section (and --data-dir). Read once at start-up; a reload does not move
// the data directory.
#include <string>

namespace chokepoint {

struct PersistenceSettings {
  std::string data_dir;                        // empty: everything in memory only
  long long snapshot_every_records = 100'000;  // log records between snapshots
  double snapshot_every_seconds = 300;         // a snapshot at least this often while anything changes
};

}  // namespace chokepoint
