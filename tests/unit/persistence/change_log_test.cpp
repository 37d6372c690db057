#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "persistence/change_log.hpp"
#include "persistence/data_files.hpp"
#include "persistence/record_framing.hpp"
#include "persistence/snapshot_files.hpp"
#include "persistence/snapshotter.hpp"
#include "persistence/temp_dir.hpp"

using namespace chokepoint;
using chokepoint::test::TempDir;

namespace {

struct Recovered {
  std::vector<std::string> records;
  RecoveryReport report;
};

Recovered recover(const std::string& dir) {
  Recovered r;
  r.report = recover_records(dir, [&](std::string_view text) { r.records.emplace_back(text); });
  return r;
}

std::vector<std::string> strings(std::initializer_list<const char*> list) { return {list.begin(), list.end()}; }

SnapshotPolicy never() { return SnapshotPolicy{UINT64_MAX, std::chrono::hours(24)}; }

}  // namespace

TEST_CASE("appended records are durable in order once waited for", "[persistence]") {
  TempDir dir;
  {
    ChangeLog log(dir.path(), 1);
    CHECK(log.append("a") == 1);
    CHECK(log.append("b") == 2);
    CHECK(log.append("c") == 3);
    log.wait_for_this_thread();
    CHECK(log.durable_sequence() == 3);
  }
  const Recovered r = recover(dir.path());
  CHECK(r.records == strings({"a", "b", "c"}));
  CHECK(r.report.next_sequence == 4);
  CHECK(r.report.snapshot_sequence == 0);
}

TEST_CASE("a group's records share one frame", "[persistence]") {
  TempDir dir;
  {
    ChangeLog log(dir.path(), 1);
    log.append("before");
    {
      ChangeLog::Group group(&log);
      log.append("tx1");
      log.append("tx2");
    }
    log.append("after");
    log.wait_for_this_thread();
    CHECK(log.durable_sequence() == 3);
  }
  const auto data = read_whole_file(dir.file(segment_file_name(1)));
  REQUIRE(data);
  const FrameScan scan = scan_frames(*data);
  REQUIRE(scan.frames.size() == 3);
  CHECK(scan.frames[1].payload == "tx1\ntx2");
  CHECK(recover(dir.path()).records == strings({"before", "tx1", "tx2", "after"}));
}

TEST_CASE("a torn tail is cut off and the log goes on after it", "[persistence]") {
  TempDir dir;
  {
    ChangeLog log(dir.path(), 1);
    log.append("one");
    log.append("two");
    log.wait_for_this_thread();
  }
  const std::string segment = dir.file(segment_file_name(1));
  const auto good_size = std::filesystem::file_size(segment);
  {
    std::string partial;
    append_frame(partial, 3, "three, never acknowledged");
    std::ofstream out(segment, std::ios::binary | std::ios::app);
    out.write(partial.data(), static_cast<std::streamsize>(partial.size() - 5));
  }
  Recovered r = recover(dir.path());
  CHECK(r.records == strings({"one", "two"}));
  CHECK(r.report.torn_segments == 1);
  CHECK(r.report.next_sequence == 3);
  CHECK(std::filesystem::file_size(segment) == good_size);
  {
    ChangeLog log(dir.path(), r.report.next_sequence);
    log.append("three");
    log.wait_for_this_thread();
  }
  r = recover(dir.path());
  CHECK(r.records == strings({"one", "two", "three"}));
  CHECK(r.report.torn_segments == 0);
  CHECK(r.report.segments == 2);
}

TEST_CASE("recovery is the newest snapshot plus the log after it", "[persistence]") {
  TempDir dir;
  {
    ChangeLog log(dir.path(), 1);
    Snapshotter snapshots(dir.path(), log, [](const RecordSink& emit) { emit("state-x"); emit("state-y"); }, never());
    log.append("old1");
    log.append("old2");
    log.wait_for_this_thread();
    CHECK(snapshots.take() == 3);
    log.append("new3");
    log.append("new4");
    log.wait_for_this_thread();
  }
  CHECK_FALSE(std::filesystem::exists(dir.file(segment_file_name(1))));  // covered by the snapshot
  const Recovered r = recover(dir.path());
  CHECK(r.records == strings({"state-x", "state-y", "new3", "new4"}));
  CHECK(r.report.snapshot_sequence == 3);
  CHECK(r.report.snapshot_records == 2);
  CHECK(r.report.log_records == 2);
  CHECK(r.report.next_sequence == 5);
}

TEST_CASE("an incomplete snapshot is ignored and a leftover temporary file removed", "[persistence]") {
  TempDir dir;
  {
    ChangeLog log(dir.path(), 1);
    Snapshotter snapshots(dir.path(), log, [](const RecordSink& emit) { emit("snap"); }, never());
    log.append("a");
    log.wait_for_this_thread();
    snapshots.take();  // snapshot-2
    log.append("b");
    log.wait_for_this_thread();
  }
  {
    // A later snapshot without its end marker, as if the rename had happened before the data (it cannot,
    // but a damaged disk can do the same).
    std::string frames;
    append_frame(frames, 9, "partial");
    std::ofstream(dir.file(snapshot_file_name(9)), std::ios::binary) << frames;
    std::ofstream(dir.file(snapshot_file_name(12) + ".tmp"), std::ios::binary) << frames;
  }
  const Recovered r = recover(dir.path());
  CHECK(r.records == strings({"snap", "b"}));
  CHECK(r.report.snapshot_sequence == 2);
  CHECK_FALSE(std::filesystem::exists(dir.file(snapshot_file_name(12) + ".tmp")));
}

TEST_CASE("records appended from many threads are all recovered", "[persistence]") {
  TempDir dir;
  constexpr int kThreads = 4, kEach = 200;
  {
    ChangeLog log(dir.path(), 1);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&log, t] {
        for (int i = 0; i < kEach; ++i) {
          log.append(std::to_string(t) + ":" + std::to_string(i));
          log.wait_for_this_thread();
        }
      });
    }
    for (auto& th : threads) th.join();
    CHECK(log.durable_sequence() == kThreads * kEach);
  }
  const Recovered r = recover(dir.path());
  REQUIRE(r.records.size() == static_cast<std::size_t>(kThreads * kEach));
  std::vector<int> next(kThreads, 0);
  for (const auto& rec : r.records) {  // each thread's records in its own order
    const int t = std::stoi(rec.substr(0, rec.find(':')));
    CHECK(std::stoi(rec.substr(rec.find(':') + 1)) == next[static_cast<std::size_t>(t)]++);
  }
}
