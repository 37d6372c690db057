#include <catch2/catch.hpp>

#include "auth/auth_errors.hpp"
#include "auth/session_credentials.hpp"

using namespace chokepoint;
using namespace std::chrono_literals;

namespace {

SessionCredential session_with(std::string key, TimePoint expires) {
  SessionCredential s;
  s.access_key = std::move(key);
  s.account_id = "222222222222";
  s.expires = expires;
  return s;
}

}  // namespace

TEST_CASE("session credentials: found by access key until cleared", "[auth][sts]") {
  SessionCredentials sessions;
  const TimePoint now{std::chrono::seconds{1'800'000'000}};
  sessions.add(session_with("ASIAONE", now + 1h), now);
  REQUIRE(sessions.find("ASIAONE"));
  CHECK(sessions.find("ASIAONE")->account_id == "222222222222");
  CHECK_FALSE(sessions.find("ASIATWO"));
  sessions.clear();
  CHECK_FALSE(sessions.find("ASIAONE"));
}

TEST_CASE("session credentials: bounded; expired sessions go first, then the one closest to expiry", "[auth][sts]") {
  SessionCredentials sessions;
  const TimePoint now{std::chrono::seconds{1'800'000'000}};
  for (size_t i = 0; i < SessionCredentials::kMaxSessions; ++i) {
    sessions.add(session_with("ASIA" + std::to_string(i), now + std::chrono::seconds(10 + i)), now);
  }
  CHECK(sessions.size() == SessionCredentials::kMaxSessions);
  sessions.add(session_with("ASIANEW", now + 1h), now);  // none expired: the soonest to expire makes room
  CHECK(sessions.size() == SessionCredentials::kMaxSessions);
  CHECK_FALSE(sessions.find("ASIA0"));
  CHECK(sessions.find("ASIA1"));
  sessions.add(session_with("ASIALATER", now + 2h), now + 30s);  // 20 have expired by then: all dropped
  CHECK(sessions.size() == SessionCredentials::kMaxSessions - 19);
  CHECK(sessions.find("ASIALATER"));
}

TEST_CASE("auth errors: expired session credentials in each protocol family", "[auth][sts]") {
  const ApiError json = auth_error(AuthFailure::kExpiredToken, Protocol::kJson10);
  CHECK(json.code == "ExpiredTokenException");
  CHECK(json.http_status == 400);
  CHECK(json.message == "The security token included in the request is expired");
  const ApiError query = auth_error(AuthFailure::kExpiredToken, Protocol::kQuery);
  CHECK(query.code == "ExpiredToken");
  CHECK(query.http_status == 403);
  CHECK(auth_error(AuthFailure::kExpiredToken, Protocol::kEc2).code == "RequestExpired");
}
