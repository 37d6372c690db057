#include "app/persistence_setup.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "persistence/change_log.hpp"
#include "persistence/data_files.hpp"
#include "persistence/durability_observer.hpp"
#include "persistence/persistent_state.hpp"
#include "persistence/snapshotter.hpp"

namespace chokepoint {

class DurableState {
 public:
  DurableState(const std::string& dir, uint64_t next_sequence, std::vector<PersistentState*> states,
               const PersistenceSettings& settings, spdlog::logger& logger)
      : states_(std::move(states)),
        log_(dir, next_sequence),
        observer_(log_),
        snapshotter_(
            dir, log_, [this](const RecordSink& emit) { dump(emit); }, policy(settings),
            [&logger](uint64_t seq, const SnapshotResult& r, std::chrono::milliseconds took) {
              logger.info("durable state: snapshot {} with {} records ({} bytes) in {} ms", seq, r.records, r.bytes,
                          took.count());
            }) {
    for (auto* s : states_) s->attach_change_log(&log_);
    for (auto* s : states_) s->resume_after_restore();
  }

  ~DurableState() {
    for (auto* s : states_) s->attach_change_log(nullptr);
    snapshotter_.take();
  }

  DurabilityObserver& observer() { return observer_; }
  void snapshot_now() { snapshotter_.take(); }

 private:
  static SnapshotPolicy policy(const PersistenceSettings& s) {
    return SnapshotPolicy{static_cast<uint64_t>(s.snapshot_every_records),
                          std::chrono::milliseconds(static_cast<long long>(s.snapshot_every_seconds * 1000))};
  }

  void dump(const RecordSink& emit) const {
    for (const auto* s : states_) s->dump(emit);
  }

  std::vector<PersistentState*> states_;
  ChangeLog log_;
  DurabilityObserver observer_;
  Snapshotter snapshotter_;
};

DurableStateHandle::DurableStateHandle() = default;
DurableStateHandle::DurableStateHandle(DurableStateHandle&&) noexcept = default;
DurableStateHandle::~DurableStateHandle() = default;

namespace {

std::vector<PersistentState*> persistent_services(const ServiceRegistry& services) {
  std::vector<PersistentState*> out;
  for (const auto& s : services.services()) {
    if (auto* p = dynamic_cast<PersistentState*>(s.get())) out.push_back(p);
  }
  return out;
}

}  // namespace

int durable_io_threads(const Config& config, int automatic) {
  constexpr int kDurableThreads = 32;
  return config.persistence.data_dir.empty() ? automatic : std::max(automatic, kDurableThreads);
}

bool open_durable_state(const Config& config, ServiceRegistry& services, PersistentState& clock_state,
                        Dispatcher& dispatcher, AdminApi& admin, TimePoint now, spdlog::logger& logger,
                        DurableStateHandle& out, std::string& error) {
  const std::string& dir = config.persistence.data_dir;
  if (dir.empty()) return true;
  if (!ensure_directory(dir, error)) return false;
  auto states = persistent_services(services);
  states.insert(states.begin(), &clock_state);  // first, so that the services restore onto the restored time
  std::map<std::string, PersistentState*, std::less<>> by_name;
  for (auto* s : states) by_name.emplace(std::string(s->persistence_name()), s);

  const auto start = std::chrono::steady_clock::now();
  const RestoreContext ctx{config, now};
  uint64_t unreadable = 0;
  const RecoveryReport report = recover_records(dir, [&](std::string_view text) {
    const auto record = parse_record(text);
    const auto it = record ? by_name.find(record->service) : by_name.end();
    if (it == by_name.end()) {
      ++unreadable;
      return;
    }
    it->second->restore(*record, ctx);
  });
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  logger.info(
      "durable state: recovered from '{}' in {} ms: snapshot {} ({} records), {} log records in {} segments{}{}", dir,
      took.count(), report.snapshot_sequence, report.snapshot_records, report.log_records, report.segments,
      report.torn_segments ? " (a torn tail was cut off)" : "",
      unreadable ? fmt::format(", {} unreadable records skipped", unreadable) : "");

  out.state = std::make_unique<DurableState>(dir, report.next_sequence, states, config.persistence, logger);
  dispatcher.add_observer(&out.state->observer());
  DurableState* state = out.state.get();
  // A reset empties the services; a snapshot of the empty state makes it stick across a restart.
  admin.on_reset([state] { state->snapshot_now(); });
  return true;
}

}  // namespace chokepoint
