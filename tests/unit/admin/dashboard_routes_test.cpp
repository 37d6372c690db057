#include <catch2/catch.hpp>

#include "admin/dashboard_routes.hpp"
#include "config_loading.hpp"
#include "in_process_server.hpp"

namespace chokepoint {
namespace {

using testing::control_request;
using testing::InProcessServer;

std::string dashboard_header(const HttpResponse& r, std::string_view name) {
  return std::string(r.header(name).value_or(""));
}

TEST_CASE("dashboard: every built-in file is served with its type, no caching and the strict policy",
          "[admin][dashboard]") {
  InProcessServer server;
  const auto assets = built_in_dashboard_assets();
  REQUIRE(assets.size() >= 3);
  for (const DashboardAsset& asset : assets) {
    INFO(asset.name);
    const HttpResponse r = server.send(control_request("GET", "/_chokepoint/ui/" + std::string(asset.name)));
    CHECK(r.status == 200);
    CHECK(r.body == asset.body);
    CHECK(dashboard_header(r, "Content-Type") == dashboard_content_type(asset.name));
    CHECK(dashboard_header(r, "Cache-Control") == "no-store");
    CHECK(dashboard_header(r, "X-Content-Type-Options") == "nosniff");
    const std::string policy = dashboard_header(r, "Content-Security-Policy");
    CHECK(policy.find("default-src 'self'") != std::string::npos);
    CHECK(policy.find("script-src 'self'") != std::string::npos);
    CHECK(policy.find("unsafe-inline") == std::string::npos);
    CHECK(policy.find("unsafe-eval") == std::string::npos);
  }
}

TEST_CASE("dashboard: the folder is the page, its scripts are files of their own", "[admin][dashboard]") {
  InProcessServer server;
  const HttpResponse page = server.send(control_request("GET", "/_chokepoint/ui/"));
  REQUIRE(page.status == 200);
  CHECK(dashboard_header(page, "Content-Type") == "text/html; charset=utf-8");
  CHECK(page.body.find("<script src=\"app.js\"") != std::string::npos);
  CHECK(page.body.find("<script>") == std::string::npos);  // the policy would refuse an inline script anyway

  const HttpResponse script = server.send(control_request("GET", "/_chokepoint/ui/app.js?v=1"));
  CHECK(script.status == 200);
  CHECK(dashboard_header(script, "Content-Type") == "text/javascript; charset=utf-8");
  const HttpResponse style = server.send(control_request("GET", "/_chokepoint/ui/style.css"));
  CHECK(dashboard_header(style, "Content-Type") == "text/css; charset=utf-8");
}

TEST_CASE("dashboard: without the slash it redirects to the folder", "[admin][dashboard]") {
  InProcessServer server;
  const HttpResponse r = server.send(control_request("GET", "/_chokepoint/ui"));
  CHECK(r.status == 301);
  CHECK(dashboard_header(r, "Location") == "/_chokepoint/ui/");
  CHECK(dashboard_header(r, "Cache-Control") == "no-store");
}

TEST_CASE("dashboard: unknown files are 404, other methods 405", "[admin][dashboard]") {
  InProcessServer server;
  for (const char* path : {"/_chokepoint/ui/nothing.js", "/_chokepoint/ui/../config", "/_chokepoint/ui/app.js/x"}) {
    INFO(path);
    const HttpResponse r = server.send(control_request("GET", path));
    CHECK(r.status == 404);
    CHECK(dashboard_header(r, "Content-Security-Policy").find("default-src 'self'") != std::string::npos);
  }
  CHECK(server.send(control_request("POST", "/_chokepoint/ui/")).status == 405);
}

TEST_CASE("dashboard: content types by extension", "[admin][dashboard]") {
  CHECK(dashboard_content_type("index.html") == "text/html; charset=utf-8");
  CHECK(dashboard_content_type("a.css") == "text/css; charset=utf-8");
  CHECK(dashboard_content_type("view.js") == "text/javascript; charset=utf-8");
  CHECK(dashboard_content_type("favicon.svg") == "image/svg+xml");
  CHECK(dashboard_content_type("js") == "application/octet-stream");
  CHECK(dashboard_content_type("README") == "application/octet-stream");
}

TEST_CASE("dashboard: with a token the page loads without it and its data needs it", "[admin][dashboard][security]") {
  InProcessServer server(test::config_that_loads("admin: {token: s3cret}\n"));
  // The static files hold no state: a browser loads them first, then asks for the token.
  CHECK(server.send(control_request("GET", "/_chokepoint/ui/")).status == 200);
  CHECK(server.send(control_request("GET", "/_chokepoint/ui/app.js")).status == 200);
  CHECK(server.send(control_request("GET", "/_chokepoint/ui")).status == 301);
  // Everything the page shows comes from the data endpoints, which still need the token.
  CHECK(server.send(control_request("GET", "/_chokepoint/faults")).status == 401);
  CHECK(server.send(control_request("GET", "/_chokepoint/ui-data")).status == 401);
  HttpRequest with_token = control_request("GET", "/_chokepoint/faults");
  with_token.headers.emplace_back("authorization", "Bearer s3cret");
  CHECK(server.send(with_token).status == 200);
}

TEST_CASE("dashboard: the DynamoDB table list names every table", "[admin][dashboard]") {
  InProcessServer server;
  CHECK(nlohmann::json::parse(server.send(control_request("GET", "/_chokepoint/dynamodb/tables")).body) ==
        nlohmann::json{{"tables", nlohmann::json::array()}});
  for (const char* name : {"Orders", "Music"}) {
    const HttpResponse created = server.send(testing::dynamodb_request(
        "CreateTable", {{"TableName", name},
                        {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                        {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                        {"BillingMode", "PAY_PER_REQUEST"}}));
    REQUIRE(created.status == 200);
  }
  const auto list = nlohmann::json::parse(server.send(control_request("GET", "/_chokepoint/dynamodb/tables")).body);
  REQUIRE(list["tables"].size() == 2);
  CHECK(list["tables"][0]["table"] == "Music");
  CHECK(list["tables"][1]["table"] == "Orders");
  CHECK(list["tables"][0]["region"] == "us-east-1");
  CHECK(list["tables"][0]["account"].get<std::string>().size() == 12);
  // The view dates its per-second series, so that the page can line successive answers up.
  const std::string path =
      "/_chokepoint/dynamodb/tables/" + list["tables"][0]["account"].get<std::string>() + "/us-east-1/Music";
  const auto view = nlohmann::json::parse(server.send(control_request("GET", path)).body);
  CHECK(view["now"].get<std::string>().size() == std::string("2026-12-07T10:00:00.000Z").size());
}

}  // namespace
}  // namespace chokepoint
