#pragma once
// Driving a service's durable state in tests: record its changes into a change log, replay that log into
// another service, or copy one service's snapshot dump into another.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "persistence/change_log.hpp"
#include "persistence/persistent_state.hpp"
#include "persistence/snapshot_files.hpp"

namespace chokepoint::test {

inline void replay_log(const std::string& dir, PersistentState& into, const Config& config, TimePoint now) {
  const RestoreContext ctx{config, now};
  recover_records(dir, [&](std::string_view text) {
    const auto record = parse_record(text);
    REQUIRE(record);
    if (record->service == into.persistence_name()) into.restore(*record, ctx);
  });
}

inline void copy_dump(const PersistentState& from, PersistentState& into, const Config& config, TimePoint now) {
  const RestoreContext ctx{config, now};
  from.dump([&](std::string text) {
    const auto record = parse_record(text);
    REQUIRE(record);
    into.restore(*record, ctx);
  });
}

// Runs `work` on `service` with a change log attached, then detaches it and waits for the disk.
template <typename Work>
void recorded(const std::string& dir, PersistentState& service, Work&& work) {
  ChangeLog log(dir, 1);
  service.attach_change_log(&log);
  work();
  service.attach_change_log(nullptr);
  log.wait_for_this_thread();
}

}  // namespace chokepoint::test
