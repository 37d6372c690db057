#include <catch2/catch.hpp>

#include "common/time_format.hpp"
#include "in_process_server.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;
using testing::control_request;
using testing::InProcessServer;
using testing::ssm_request;

json clock_call(InProcessServer& server, const std::string& method, const std::string& body, int status) {
  const HttpResponse r = server.send(control_request(method, "/_chokepoint/clock", body));
  INFO(body << " -> " << r.body);
  REQUIRE(r.status == status);
  return json::parse(r.body);
}

json post_clock(InProcessServer& server, const json& change) {
  return clock_call(server, "POST", change.dump(), 200);
}

TimePoint clock_now(InProcessServer& server) {
  return *parse_timestamp(clock_call(server, "GET", "", 200)["now"].get<std::string>());
}

// How many of `count` GetParameter calls the SSM buckets admit.
int admitted_get_parameters(InProcessServer& server, int count) {
  int admitted = 0;
  for (int i = 0; i < count; ++i) {
    const HttpResponse r = server.send(ssm_request("GetParameter", {{"Name", "/app/flag"}}));
    if (r.status == 200) ++admitted;
    if (r.status != 200) REQUIRE(r.body.find("ThrottlingException") != std::string::npos);
  }
  return admitted;
}

TEST_CASE("clock route: shows and moves the emulated clock", "[admin][clock]") {
  InProcessServer server;  // its clock is in manual mode
  const json shown = clock_call(server, "GET", "", 200);
  CHECK(shown["mode"] == "manual");
  CHECK(shown["speed"] == 1.0);
  const TimePoint start = clock_now(server);

  CHECK(post_clock(server, {{"advance", 90}})["now"] == iso8601_millis(start + std::chrono::seconds(90)));
  CHECK(post_clock(server, {{"advance", "5m"}})["now"] == iso8601_millis(start + std::chrono::seconds(390)));
  CHECK(post_clock(server, {{"advance", "2h"}})["now"] == iso8601_millis(start + std::chrono::seconds(7590)));
  const TimePoint later = start + std::chrono::hours(24);
  CHECK(post_clock(server, {{"set", iso8601_seconds(later)}})["now"] == iso8601_millis(later));
  const json running = post_clock(server, {{"mode", "real"}, {"speed", 60}});
  CHECK(running["mode"] == "real");
  CHECK(running["speed"] == 60.0);
  CHECK(post_clock(server, {{"mode", "manual"}})["mode"] == "manual");
}

TEST_CASE("clock route: going back, bad values and malformed bodies change nothing", "[admin][clock]") {
  InProcessServer server;
  const json before = clock_call(server, "GET", "", 200);
  const TimePoint now = clock_now(server);
  struct Case {
    std::string body, message;
  };
  for (const Case& c : std::vector<Case>{
           {R"({"advance": -5})", "only moves forward"},
           {R"({"advance": "-5m"})", "only moves forward"},
           {R"({"advance": "5 minutes"})", "expected seconds"},
           {R"({"set": ")" + iso8601_seconds(now - std::chrono::hours(1)) + R"("})", "only moves forward"},
           {R"({"set": "yesterday"})", "ISO 8601"},
           {R"({"speed": 0})", "greater than 0"},
           {R"({"speed": "fast"})", "greater than 0"},
           {R"({"mode": "frozen"})", "\"manual\" or \"real\""},
           {R"({"mode": "real", "advance": -1})", "only moves forward"},  // the valid part is not applied either
           {R"({"rewind": 5})", "unknown key"},
           {R"([1, 2])", "expected a JSON object"},
           {"{not json", "not valid JSON"},
       }) {
    const json error = clock_call(server, "POST", c.body, 400);
    INFO(c.body);
    CHECK_THAT(error["error"].get<std::string>(), Catch::Contains(c.message));
  }
  CHECK(clock_call(server, "GET", "", 200) == before);
}

TEST_CASE("clock route: a frozen clock refills no bucket until it is advanced", "[admin][clock]") {
  InProcessServer server;
  REQUIRE(
      server.send(ssm_request("PutParameter", {{"Name", "/app/flag"}, {"Value", "on"}, {"Type", "String"}})).status ==
      200);
  // GetParameter's bucket: 40 per second, burst 40 (the default config); the put drew from another bucket.
  CHECK(admitted_get_parameters(server, 60) == 40);
  CHECK(admitted_get_parameters(server, 5) == 0);  // however long the test takes in real time
  post_clock(server, {{"advance", 1}});
  CHECK(admitted_get_parameters(server, 60) == 40);
  post_clock(server, {{"advance", 0.5}});
  CHECK(admitted_get_parameters(server, 60) == 20);
}

}  // namespace
}  // namespace chokepoint
