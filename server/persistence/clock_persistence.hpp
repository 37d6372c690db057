#pragma once
// Keeps emulated time from going back across a restart in durable mode. Records that the services restore carry
// emulated times (launch times, bucket refills, state changes due); after the clock was advanced, a restart on
// the wall clock alone would put them in the future (an instance pending for hours). So the clock's time is in
// every snapshot and in the log each time the control API moves it, and on restore the clock resumes from
// there: where it stood, plus the wall time since then when it was running. The mode and speed come from the
// configuration of the new run, not from the record.
#include <atomic>

#include "common/emulated_scheduler.hpp"
#include "persistence/persistent_state.hpp"

namespace chokepoint {

class ClockPersistence final : public PersistentState {
 public:
  // Both must outlive this object; it listens to `scheduler`'s clock changes from construction on.
  ClockPersistence(EmulatedScheduler& scheduler, const Clock& wall);

  std::string_view persistence_name() const override { return "clock"; }
  void attach_change_log(ChangeLog* log) override { log_.store(log); }
  void dump(const RecordSink& emit) const override;
  void restore(const ChangeRecord& record, const RestoreContext& ctx) override;

 private:
  std::string record() const;

  EmulatedScheduler& scheduler_;
  const Clock& wall_;
  std::atomic<ChangeLog*> log_{nullptr};
};

}  // namespace chokepoint
