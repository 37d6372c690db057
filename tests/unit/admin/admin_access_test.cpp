#include <catch2/catch.hpp>
#include <cstdlib>

#include "admin/admin_access.hpp"
#include "app/ctl_command.hpp"
#include "config/config_json.hpp"
#include "config/config_loader.hpp"
#include "config_loading.hpp"
#include "in_process_server.hpp"

namespace chokepoint {
namespace {

std::shared_ptr<const Config> config_from(const std::string& yaml) {
  return test::config_that_loads(yaml);
}

HttpRequest admin_get(std::string path, HeaderList headers = {}) {
  HttpRequest r;
  r.method = "GET";
  r.target = std::move(path);
  r.headers = std::move(headers);
  return r;
}

// Environment variables set for one test and restored afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST_CASE("admin access: loopback addresses", "[admin][security]") {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "localhost", "LOCALHOST"}) {
    INFO(host);
    CHECK(is_loopback_host(host));
  }
  for (const char* host : {"0.0.0.0", "::", "10.0.0.5", "192.168.1.1", "example.com", ""}) {
    INFO(host);
    CHECK_FALSE(is_loopback_host(host));
  }
}

TEST_CASE("admin access: open on loopback without a token, disabled elsewhere", "[admin][security]") {
  ScopedEnv no_env(kAdminTokenEnv, nullptr);
  CHECK_FALSE(
      refuse_admin_request(*config_from("server: {listen: '127.0.0.1:4566'}\n"), admin_get("/_chokepoint/health")));
  for (const char* listen : {"0.0.0.0:4566", "'[::]:4566'", "10.1.2.3:4566"}) {
    INFO(listen);
    const auto refused = refuse_admin_request(*config_from(std::string("server: {listen: ") + listen + "}\n"),
                                              admin_get("/_chokepoint/buckets"));
    REQUIRE(refused);
    CHECK(refused->status == 403);
    CHECK(refused->body.find("control API is disabled") != std::string::npos);
    CHECK(refused->body.find("CHOKEPOINT_ADMIN_TOKEN") != std::string::npos);
  }
}

TEST_CASE("admin access: a configured token is required on every address, in either header", "[admin][security]") {
  ScopedEnv no_env(kAdminTokenEnv, nullptr);
  for (const char* listen : {"127.0.0.1:4566", "0.0.0.0:4566"}) {
    INFO(listen);
    const auto config = config_from(std::string("server: {listen: '") + listen + "'}\nadmin: {token: s3cret-token}\n");
    CHECK_FALSE(
        refuse_admin_request(*config, admin_get("/_chokepoint/config", {{"authorization", "Bearer s3cret-token"}})));
    CHECK_FALSE(
        refuse_admin_request(*config, admin_get("/_chokepoint/config", {{"authorization", "bearer s3cret-token"}})));
    CHECK_FALSE(refuse_admin_request(*config,
                                     admin_get("/_chokepoint/config", {{"x-chokepoint-admin-token", "s3cret-token"}})));
    const auto missing = refuse_admin_request(*config, admin_get("/_chokepoint/config"));
    REQUIRE(missing);
    CHECK(missing->status == 401);
    for (const HeaderList& wrong :
         {HeaderList{{"authorization", "Bearer s3cret-tokeN"}}, HeaderList{{"authorization", "Bearer s3cret"}},
          HeaderList{{"authorization", "Basic s3cret-token"}},
          HeaderList{{"x-chokepoint-admin-token", "s3cret-token-longer"}}}) {
      const auto refused = refuse_admin_request(*config, admin_get("/_chokepoint/config", wrong));
      REQUIRE(refused);
      CHECK(refused->status == 401);
      CHECK(refused->body.find("s3cret") == std::string::npos);  // the answer never echoes a token
    }
  }
}

TEST_CASE("admin access: the token may come from the environment and is never shown", "[admin][security]") {
  ScopedEnv env(kAdminTokenEnv, "from-env-token");
  const auto config = config_from("server: {listen: '0.0.0.0:4566'}\n");
  CHECK(config->admin.token == "from-env-token");
  CHECK_FALSE(
      refuse_admin_request(*config, admin_get("/_chokepoint/health", {{"authorization", "Bearer from-env-token"}})));
  const std::string shown = config_to_json(*config).dump();
  CHECK(shown.find("from-env-token") == std::string::npos);
  CHECK(config_to_json(*config)["admin"]["token"] == kRedactedSecret);
  // The file's token wins over the environment.
  CHECK(config_from("admin: {token: from-file}\n")->admin.token == "from-file");
}

TEST_CASE("admin access: the dispatcher refuses control requests before any route runs", "[admin][security]") {
  ScopedEnv no_env(kAdminTokenEnv, nullptr);
  testing::InProcessServer server(config_from("server: {listen: '0.0.0.0:4566'}\n"));
  HttpRequest reset;
  reset.method = "POST";
  reset.target = "/_chokepoint/reset";
  CHECK(server.send(reset).status == 403);
  CHECK(server.send(admin_get("/_chokepoint/config")).status == 403);
  // Liveness stays public, for container health checks.
  CHECK(server.send(admin_get("/_chokepoint/health")).status == 200);
  // The AWS APIs themselves are unaffected.
  HttpRequest api = admin_get("/?Action=GetCallerIdentity&Version=2011-06-15");
  CHECK(server.send(api).status == 200);
}

TEST_CASE("admin access: a web page of another origin cannot change anything", "[admin][security]") {
  ScopedEnv no_env(kAdminTokenEnv, nullptr);
  const auto config = config_from("server: {listen: '127.0.0.1:4566'}\n");
  const auto post = [](std::string path, HeaderList headers) {
    HttpRequest r;
    r.method = "POST";
    r.target = std::move(path);
    r.headers = std::move(headers);
    return r;
  };
  const HeaderList evil = {{"host", "127.0.0.1:4566"}, {"origin", "http://evil.example"}};
  for (const char* path :
       {"/_chokepoint/reset", "/_chokepoint/faults", "/_chokepoint/clock", "/_localstack/chaos/faults"}) {
    INFO(path);
    const auto refused = refuse_admin_request(*config, post(path, evil));
    REQUIRE(refused);
    CHECK(refused->status == 403);
    CHECK(refused->body.find("another origin") != std::string::npos);
  }
  CHECK(refuse_admin_request(*config, post("/_chokepoint/reset", {{"host", "127.0.0.1:4566"}, {"origin", "null"}})));
  // The server's own pages, and tools that send no Origin, go ahead; reading is not a change.
  CHECK_FALSE(refuse_admin_request(
      *config, post("/_chokepoint/reset", {{"host", "127.0.0.1:4566"}, {"origin", "http://127.0.0.1:4566"}})));
  CHECK_FALSE(refuse_admin_request(*config, post("/_chokepoint/reset", {{"host", "127.0.0.1:4566"}})));
  CHECK_FALSE(refuse_admin_request(*config, admin_get("/_chokepoint/buckets", evil)));
  // A token does not make a cross-origin change acceptable either.
  const auto with_token = config_from("admin: {token: s3cret}\n");
  HeaderList evil_with_token = evil;
  evil_with_token.emplace_back("authorization", "Bearer s3cret");
  CHECK(refuse_admin_request(*with_token, post("/_chokepoint/reset", evil_with_token))->status == 403);
}

TEST_CASE("ctl: --token and the environment's token go to the endpoint", "[admin][ctl]") {
  CHECK(parse_ctl({"health"}, "").endpoint.token.empty());
  CHECK(parse_ctl({"health"}, "", "env-token").endpoint.token == "env-token");
  CHECK(parse_ctl({"--token", "flag-token", "health"}, "", "env-token").endpoint.token == "flag-token");
  CHECK(parse_ctl({"--token=t2", "reset"}, "").endpoint.token == "t2");
  CHECK_FALSE(parse_ctl({"--token"}, "").error.empty());
}

TEST_CASE("accounts: secret_key_env reads the secret from the environment at load", "[config][security]") {
  ScopedEnv secret("CHOKEPOINT_TEST_ALICE_SECRET", "alice-secret-value");
  const auto config = config_from(
      "accounts:\n  - {access_key: AKIAALICE, secret_key_env: CHOKEPOINT_TEST_ALICE_SECRET, account: "
      "'111111111111'}\n");
  REQUIRE(config->find_account("AKIAALICE"));
  CHECK(config->find_account("AKIAALICE")->secret_key == "alice-secret-value");
  CHECK(config_to_json(*config).dump().find("alice-secret-value") == std::string::npos);

  ScopedEnv unset("CHOKEPOINT_TEST_UNSET_SECRET", nullptr);
  auto missing = load_config_text(
      "accounts:\n  - {access_key: K, secret_key_env: CHOKEPOINT_TEST_UNSET_SECRET, account: '111111111111'}\n",
      "t.yaml");
  REQUIRE(missing.errors.size() == 1);
  CHECK(missing.errors[0].format().find("accounts[0].secret_key_env") != std::string::npos);
  CHECK(missing.errors[0].format().find("is not set") != std::string::npos);

  auto both = load_config_text(
      "accounts:\n  - {access_key: K, secret_key: x, secret_key_env: CHOKEPOINT_TEST_ALICE_SECRET, account: "
      "'111111111111'}\n",
      "t.yaml");
  REQUIRE(both.errors.size() == 1);
  CHECK(both.errors[0].format().find("not both") != std::string::npos);
}

}  // namespace
}  // namespace chokepoint
