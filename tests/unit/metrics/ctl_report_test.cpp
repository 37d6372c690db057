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
         {"fault_requests", 2},
         {"server_error_requests", 1},
         {"requests_without_invocation_id", 7},
         {"logical_calls", 3},
         {"application_retried_calls", 1},
         {"application_attempts", {{"1", 2}, {"4", 1}}},
         {"attempts", {{"2", 1}, {"5", 3}}},
         {"waits", {{{"after_attempt", 1}, {"count", 4}, {"p50_ms", 50.2}, {"p90_ms", 50.4}, {"max_ms", 50.5}}}},
         {"jitter",
          {{"verdict", "not jittered"},
           {"summary", "waits are 50.0 ms x 2^(attempt-1) with no jitter"},
           {"schedule", "exponential"},
           {"base_ms", 50.0}}}},
        {{"access_key", ""},
         {"user_agent", "cloudformation.amazonaws.com"},
         {"internal", true},
         {"requests_without_invocation_id", 12}}}},
      {"tracked_invocations", 0},
      {"max_invocations", 50000},
      {"give_up_after_seconds", 30}};
  const std::string text = render_response(CtlView::kReport, 200, report.dump(), false);
  CHECK(text.find("AKIA1  Boto3/1.43.11 cfg/retry-mode#legacy\n") != std::string::npos);
  CHECK(text.find("mode legacy  invocations 4  requests 14  amplification 3.50") != std::string::npos);
  CHECK(text.find("attempts:  2=1  5=3") != std::string::npos);
  CHECK(text.find("wait after attempt 1: n=4  p50=50.2 ms  p90=50.4 ms  max=50.5 ms") != std::string::npos);
  CHECK(text.find("backoff: not jittered (waits are 50.0 ms x 2^(attempt-1) with no jitter)  schedule exponential  "
                  "base 50.0 ms") != std::string::npos);
  // Everything the JSON has: faults, 5xx answers, requests without an invocation id, application-level retries.
  CHECK(text.find("faults 2  server errors 1  requests without invocation id 7") != std::string::npos);
  CHECK(text.find("logical calls 3  retried by the application 1  invocations per logical call:  1=2  4=1") !=
        std::string::npos);
  CHECK(text.find("internal calls by cloudformation.amazonaws.com\n") != std::string::npos);
  CHECK(text.find("requests without invocation id 12") != std::string::npos);
  CHECK(text.find("tracked invocations 0 of 50000; a failed call not retried within 30 s has given up") !=
        std::string::npos);
  CHECK(render_response(CtlView::kReport, 200, R"({"clients":[]})", false) == "no requests yet\n");
  CHECK(render_response(CtlView::kReport, 200, report.dump(), true) == report.dump() + "\n");
}
