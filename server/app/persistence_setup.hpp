#pragma once
// Durable mode (persistence.data_dir or --data-dir): recovers the services' state from the data directory,
// then records every change in a change log and takes snapshots in the background. Without a data
// directory nothing is set up and the services keep their state in memory only.
#include <memory>
#include <string>

#include "admin/admin_api.hpp"
#include "common/clock.hpp"
#include "dispatch/dispatcher.hpp"
#include "persistence/persistent_state.hpp"
#include "services/service_registry.hpp"

namespace spdlog {
class logger;
}

namespace chokepoint {

class DurableState;

struct DurableStateHandle {
  DurableStateHandle();
  DurableStateHandle(DurableStateHandle&&) noexcept;
  ~DurableStateHandle();  // detaches the services, writes what is queued and takes a final snapshot
  std::unique_ptr<DurableState> state;
};

// I/O threads when the configuration leaves the choice to the server: in durable mode a request thread waits
// for the disk, so more threads let more requests share one fdatasync.
int durable_io_threads(const Config& config, int automatic);

// Call after the services are registered and before the server accepts requests. On failure (the directory
// cannot be used) returns false with `error` set.
// `clock_state` keeps the emulated clock's time across restarts; `now` is the emulated time before restoring.
bool open_durable_state(const Config& config, ServiceRegistry& services, PersistentState& clock_state,
                        Dispatcher& dispatcher, AdminApi& admin, TimePoint now, spdlog::logger& logger,
                        DurableStateHandle& out, std::string& error);

}  // namespace chokepoint
