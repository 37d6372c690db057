#include <catch2/catch.hpp>

#include "admin/request_log.hpp"

namespace chokepoint {
namespace {

RequestRecord logged_request(std::string operation, Outcome outcome = Outcome::kOk, std::string decided_by = "") {
  RequestRecord r;
  r.time = TimePoint{std::chrono::seconds{1'800'000'000}};
  r.service = "ec2";
  r.operation = std::move(operation);
  r.outcome = outcome;
  r.decided_by = std::move(decided_by);
  return r;
}

TEST_CASE("request log: newest first, bounded, cleared", "[faults]") {
  RequestLog log(3);
  CHECK(log.recent(10).empty());
  for (const char* op : {"A", "B", "C", "D"}) log.on_request(logged_request(op));
  const auto recent = log.recent(10);
  REQUIRE(recent.size() == 3);
  CHECK(recent[0].operation == "D");
  CHECK(recent[1].operation == "C");
  CHECK(recent[2].operation == "B");
  CHECK(log.recent(1).front().operation == "D");
  log.clear();
  CHECK(log.recent(10).empty());
  log.on_request(logged_request("E"));
  CHECK(log.recent(10).size() == 1);
}

TEST_CASE("request log: JSON names the rule or the bucket that decided", "[faults]") {
  auto by_rule = request_record_json(logged_request("DescribeRegions", Outcome::kFault, "fault:f3"));
  CHECK(by_rule["outcome"] == "fault");
  CHECK(by_rule["rule"] == "f3");
  CHECK_FALSE(by_rule.contains("bucket"));
  auto by_bucket = request_record_json(logged_request("DescribeRegions", Outcome::kThrottled, "DescribeRegions"));
  CHECK(by_bucket["outcome"] == "throttled");
  CHECK(by_bucket["bucket"] == "DescribeRegions");
  CHECK_FALSE(request_record_json(logged_request("X")).contains("decided_by"));
}

}  // namespace
}  // namespace chokepoint
