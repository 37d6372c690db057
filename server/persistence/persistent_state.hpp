#pragma once
// What a service implements to keep its state in durable mode (--data-dir): name its records, dump every
// entity, restore one record, and record its changes into a ChangeLog once attached. Restoring happens
// before the server accepts requests, on one thread, with no change log attached.
#include <chrono>
#include <string_view>

#include "common/clock.hpp"
#include "persistence/change_log.hpp"
#include "persistence/change_record.hpp"
#include "persistence/snapshot_files.hpp"

namespace chokepoint {

struct Config;

struct RestoreContext {
  const Config& config;
  TimePoint now;
};

class PersistentState {
 public:
  virtual ~PersistentState() = default;
  // The "s" of this service's records.
  virtual std::string_view persistence_name() const = 0;
  // From now on every change is appended to `log` (null: stop recording).
  virtual void attach_change_log(ChangeLog* log) = 0;
  // Emits one record per entity (record_text()), for a snapshot. Runs while requests continue.
  virtual void dump(const RecordSink& emit) const = 0;
  // Applies one record of this service (last writer wins). Unknown kinds are ignored.
  virtual void restore(const ChangeRecord& record, const RestoreContext& ctx) = 0;
  // Once every record is restored and the change log attached: work that was under way when the server
  // stopped may go on (or end) now, recording its changes.
  virtual void resume_after_restore() {}
};

}  // namespace chokepoint
