#include "admin/admin_access.hpp"

#include <openssl/crypto.h>

#include <boost/asio/ip/address.hpp>

#include "admin/admin_api.hpp"
#include "common/strings.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kTokenHeader = "x-chokepoint-admin-token";

// The token a request presents: "Authorization: Bearer T" or "x-chokepoint-admin-token: T".
std::optional<std::string_view> presented_token(const HttpRequest& request) {
  if (auto token = request.header(kTokenHeader)) return *token;
  const auto authorization = request.header("authorization");
  constexpr std::string_view kBearer = "bearer ";
  if (!authorization || authorization->size() < kBearer.size() ||
      !iequals(authorization->substr(0, kBearer.size()), kBearer)) {
    return std::nullopt;
  }
  return authorization->substr(kBearer.size());
}

// Whether a request that changes something comes from a web page of another origin: its Origin header (which
// browsers send with such requests, and which a page cannot forge) names a different scheme-less host than the
// Host the request was sent to. Tools (curl, SDKs, `chokepoint ctl`) send no Origin and are not affected.
bool cross_origin_change(const HttpRequest& request) {
  const std::string& m = request.method;
  if (m == "GET" || m == "HEAD" || m == "OPTIONS") return false;
  const auto origin = request.header("origin");
  if (!origin) return false;
  std::string_view site = *origin;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (site.size() > scheme.size() && iequals(site.substr(0, scheme.size()), scheme)) {
      site.remove_prefix(scheme.size());
      const auto host = request.header("host");
      return !host || !iequals(site, *host);
    }
  }
  return true;  // "null" (a sandboxed or file: page) or anything else that is not a web origin
}

bool same_token(std::string_view presented, std::string_view expected) {
  return presented.size() == expected.size() && CRYPTO_memcmp(presented.data(), expected.data(), expected.size()) == 0;
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  if (iequals(host, "localhost")) return true;
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(std::string(host), ec);
  return !ec && address.is_loopback();
}

std::optional<HttpResponse> refuse_admin_request(const Config& config, const HttpRequest& request) {
  // Liveness stays public: a container's HEALTHCHECK, compose's depends_on or a CI service check must see it
  // without the token, and it tells nothing beyond which services are served.
  const std::string_view path = request.path();
  if (request.method == "GET" && path == "/_chokepoint/health") return std::nullopt;
  // The dashboard's page and scripts are static and hold no state: a browser must load them before it can ask for
  // the token, which the page then sends with every request for data (those stay behind the token).
  if (request.method == "GET" && (path == "/_chokepoint/ui" || path.starts_with("/_chokepoint/ui/"))) {
    return std::nullopt;
  }
  // A page the user happens to visit must not reset state or inject faults through the user's browser.
  if (cross_origin_change(request)) {
    return admin_error(403, "control requests from another origin are refused (Origin: " +
                                std::string(*request.header("origin")) + ")");
  }
  const std::string& token = config.admin.token;
  if (token.empty()) {
    if (is_loopback_host(config.server.listen_host)) return std::nullopt;
    return admin_error(403, "the control API is disabled: chokepoint listens on " + config.server.listen_host +
                                ", which is not a loopback address, and no admin token is configured. Set "
                                "admin.token in the config file or " +
                                std::string(kAdminTokenEnv) +
                                " in the server's environment, then send it as 'Authorization: Bearer TOKEN' or "
                                "'x-chokepoint-admin-token: TOKEN'.");
  }
  const auto presented = presented_token(request);
  if (presented && same_token(*presented, token)) return std::nullopt;
  HttpResponse refused =
      admin_error(401, presented ? "the admin token is wrong"
                                 : "the control API needs the admin token: send 'Authorization: Bearer TOKEN' or "
                                   "'x-chokepoint-admin-token: TOKEN'");
  refused.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"chokepoint\"");
  return refused;
}

}  // namespace chokepoint
