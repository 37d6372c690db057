#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "metrics/decision_log.hpp"

using namespace chokepoint;

namespace {

std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("chokepoint-decision-log-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::vector<std::string> lines_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

RequestRecord record(int n) {
  RequestRecord r;
  r.time = TimePoint{std::chrono::seconds{1'800'000'000}};
  r.request_id = "req-" + std::to_string(n);
  r.service = "dynamodb";
  r.operation = "PutItem";
  r.account = "111111111111";
  r.region = "us-east-1";
  r.access_key = "AKIA1";
  r.outcome = Outcome::kThrottled;
  r.http_status = 400;
  r.error_code = "ProvisionedThroughputExceededException";
  r.decided_by = "fault:f2";
  r.consumed_write_units = 2;
  r.invocation_id = "inv";
  r.sdk_request = "attempt=2; max=10";
  return r;
}

}  // namespace

TEST_CASE("decision log: one JSON line per request with identity, outcome, rule and capacity", "[metrics]") {
  const auto dir = temp_dir("lines");
  DecisionLog log(DecisionLogSettings{(dir / "decisions.jsonl").string(), 1 << 20, 2});
  std::string error;
  REQUIRE(log.open(error));
  log.on_request(record(1));
  log.on_request(record(2));
  const auto lines = lines_of(dir / "decisions.jsonl");
  REQUIRE(lines.size() == 2);
  const auto j = nlohmann::json::parse(lines[1]);
  CHECK(j["request_id"] == "req-2");
  CHECK(j["time"] == "2027-01-15T08:00:00.000Z");
  CHECK(j["account"] == "111111111111");
  CHECK(j["access_key"] == "AKIA1");
  CHECK(j["outcome"] == "throttled");
  CHECK(j["status"] == 400);
  CHECK(j["rule"] == "f2");
  CHECK_FALSE(j.contains("bucket"));
  CHECK(j["consumed_write_units"] == 2.0);
  CHECK_FALSE(j.contains("consumed_read_units"));
  CHECK(j["sdk_request"] == "attempt=2; max=10");
  CHECK(log.lines() == 2);
  std::filesystem::remove_all(dir);
}

TEST_CASE("decision log: rotates by size and keeps keep_files old files", "[metrics]") {
  const auto dir = temp_dir("rotate");
  const auto path = dir / "d.jsonl";
  const size_t line_size = decision_line(record(1)).size() + 1;
  DecisionLog log(DecisionLogSettings{path.string(), static_cast<long long>(line_size * 3), 2});
  std::string error;
  REQUIRE(log.open(error));
  for (int i = 0; i < 10; ++i) log.on_request(record(i));
  // 3 lines per file: d.jsonl holds the newest (9), d.jsonl.1 the three before, d.jsonl.2 three more; older gone.
  CHECK(lines_of(path).size() == 1);
  CHECK(lines_of(dir / "d.jsonl.1").size() == 3);
  CHECK(lines_of(dir / "d.jsonl.2").size() == 3);
  CHECK_FALSE(std::filesystem::exists(dir / "d.jsonl.3"));
  CHECK(nlohmann::json::parse(lines_of(path)[0])["request_id"] == "req-9");
  CHECK(nlohmann::json::parse(lines_of(dir / "d.jsonl.1")[0])["request_id"] == "req-6");
  CHECK(log.rotations() == 3);
  std::filesystem::remove_all(dir);
}

TEST_CASE("decision log: an unwritable path is reported at open", "[metrics]") {
  DecisionLog log(DecisionLogSettings{"/nonexistent-dir/x/decisions.jsonl", 1 << 20, 1});
  std::string error;
  CHECK_FALSE(log.open(error));
  CHECK(error.find("/nonexistent-dir/x/decisions.jsonl") != std::string::npos);
  DecisionLog off(DecisionLogSettings{});
  CHECK(off.open(error));
  CHECK_FALSE(off.enabled());
}
