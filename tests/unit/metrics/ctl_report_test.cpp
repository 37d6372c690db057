#include <catch2/catch.hpp>

#include "app/ctl_command.hpp"
#include "app/ctl_output.hpp"

using namespace chokepoint;

TEST_CASE("ctl report: asks for the retry report, optionally for one access key", "[metrics][ctl]") {
  auto p = parse_ctl({"report"}, "");
  REQUIRE(p.error.empty());
  REQUIRE(p.calls.size() == 1);
  CHECK(p.calls[0].method == "GET");
  CHECK(p.calls[0].target == "/_chokepoint/report");
  CHECK(p.calls[0].view == CtlView::kReport);
  p = parse_ctl({"report", "--access-key", "AKIA 1"}, "");
  REQUIRE(p.error.empty());
  CHECK(p.calls[0].target == "/_chokepoint/report?access_key=AKIA%201");
  CHECK_FALSE(parse_ctl({"report", "--bogus", "1"}, "").error.empty());
}

TEST_CASE("ctl report: a readable summary per client", "[metrics][ctl]") {
  const nlohmann::json report = {
      {"clients",
       {{{"access_key", "AKIA1"},
         {"user_agent", "Boto3/1.43.11 cfg/retry-mode#legacy"},
         {"retry_mode", "legacy"},
         {"invocations", 4},
         {"requests", 14},
         {"amplification", 3.5},
         {"retried_invocations", 4},
         {"throttled_requests", 10},
         {"gave_up_throttled", 0},
         {"attempts", {{"2", 1}, {"5", 3}}},
         {"waits", {{{"after_attempt", 1}, {"count", 4}, {"p50_ms", 50.2}, {"p90_ms", 50.4}, {"max_ms", 50.5}}}},
         {"jitter", {{"verdict", "not jittered"}, {"summary", "waits are 50.0 ms x 2^(attempt-1) with no jitter"}}}}}}};
  const std::string text = render_response(CtlView::kReport, 200, report.dump(), false);
  CHECK(text.find("AKIA1  Boto3/1.43.11 cfg/retry-mode#legacy\n") != std::string::npos);
  CHECK(text.find("mode legacy  invocations 4  requests 14  amplification 3.50") != std::string::npos);
  CHECK(text.find("attempts:  2=1  5=3") != std::string::npos);
  CHECK(text.find("wait after attempt 1: n=4  p50=50.2 ms  p90=50.4 ms  max=50.5 ms") != std::string::npos);
  CHECK(text.find("backoff: not jittered (waits are 50.0 ms x 2^(attempt-1) with no jitter)") != std::string::npos);
  CHECK(render_response(CtlView::kReport, 200, R"({"clients":[]})", false) == "no SDK requests yet\n");
  CHECK(render_response(CtlView::kReport, 200, report.dump(), true) == report.dump() + "\n");
}
