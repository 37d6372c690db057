#include <catch2/catch.hpp>

#include "auth/sigv4.hpp"

namespace chokepoint {
namespace {

HttpRequest request_with(const char* target, HeaderList headers) {
  HttpRequest r;
  r.method = "POST";
  r.target = target;
  r.headers = std::move(headers);
  return r;
}

constexpr const char* kAllQueryMissing =
    "AWS query-string parameters must include 'X-Amz-Algorithm'. "
    "AWS query-string parameters must include 'X-Amz-Credential'. "
    "AWS query-string parameters must include 'X-Amz-Signature'. "
    "AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
    "AWS query-string parameters must include 'X-Amz-Date'. "
    "Re-examine the query-string parameters.";
constexpr const char* kBoth =
    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.";
constexpr const char* kMissing = "Request is missing Authentication Token";

enum class ParseOutcome { kUnsigned, kSigned, kProblem };

struct ParseCase {
  const char* name;
  const char* target;
  HeaderList headers;
  ParseOutcome outcome;
  AuthProblemKind kind = AuthProblemKind::kMissing;
  const char* message = "";
};

std::vector<ParseCase> cases() {
  using K = AuthProblemKind;
  return {
      {"nothing", "/", {}, ParseOutcome::kUnsigned},
      {"other X-Amz-* params alone", "/?X-Amz-Credential=a&X-Amz-Date=b&X-Amz-Signature=c", {}, ParseOutcome::kUnsigned},
      {"query keys are case-sensitive", "/?x-amz-algorithm=AWS4-HMAC-SHA256", {}, ParseOutcome::kUnsigned},
      {"header and bare query key", "/?X-Amz-Algorithm", {{"authorization", "X"}}, ParseOutcome::kProblem,
       K::kInvalidSignature, kBoth},
      {"header and query algorithm", "/?X-Amz-Algorithm=AWS4-HMAC-SHA256",
       {{"authorization", "AWS4-HMAC-SHA256 Credential=a, SignedHeaders=b, Signature=c"},
        {"x-amz-date", "20261121T202909Z"}},
       ParseOutcome::kProblem, K::kInvalidSignature, kBoth},
      {"header X", "/", {{"authorization", "X"}}, ParseOutcome::kProblem, K::kMissing, kMissing},
      {"header AWS4", "/", {{"authorization", "AWS4"}}, ParseOutcome::kProblem, K::kMissing, kMissing},
      {"empty header", "/", {{"authorization", ""}}, ParseOutcome::kProblem, K::kMissing, kMissing},
      {"header AWS4- without a date", "/", {{"authorization", "AWS4-"}}, ParseOutcome::kProblem, K::kIncomplete,
       "Authorization header requires 'Credential' parameter. "
       "Authorization header requires 'Signature' parameter. "
       "Authorization header requires 'SignedHeaders' parameter. "
       "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
       "Authorization=AWS4-"},
      {"signed headers missing", "/",
       {{"authorization", "AWS4- Signature=b Credential=a"}, {"date", "Sat, 21 Nov 2026 20:29:09 GMT"}},
       ParseOutcome::kProblem, K::kIncomplete,
       "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4- Signature=b Credential=a"},
      {"empty values count as missing", "/",
       {{"authorization", "AWS4-HMAC-SHA256 Credential=,SignedHeaders=host, Signature"},
        {"x-amz-date", "20261121T202909Z"}},
       ParseOutcome::kProblem, K::kIncomplete,
       "Authorization header requires 'Credential' parameter. "
       "Authorization header requires 'Signature' parameter. "
       "Authorization=AWS4-HMAC-SHA256 Credential=,SignedHeaders=host, Signature"},
      {"only the date missing", "/",
       {{"authorization", "AWS4-HMAC-SHA256 Credential=a, SignedHeaders=b, Signature=c"}, {"x-amz-date", ""}},
       ParseOutcome::kProblem, K::kIncomplete,
       "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
       "Authorization=AWS4-HMAC-SHA256 Credential=a, SignedHeaders=b, Signature=c"},
      {"botocore spacing", "/",
       {{"authorization", "AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host;x-amz-date, Signature=c"},
        {"x-amz-date", "20261121T202909Z"}},
       ParseOutcome::kSigned},
      {"commas only", "/",
       {{"authorization", "AWS4-HMAC-SHA256,Credential=a,SignedHeaders=host,Signature=c"},
        {"date", "Sat, 21 Nov 2026 20:29:09 GMT"}},
       ParseOutcome::kSigned},
      {"bare query key", "/?X-Amz-Algorithm", {}, ParseOutcome::kProblem, K::kIncomplete, kAllQueryMissing},
      {"empty query values", "/?X-Amz-Algorithm=&X-Amz-Credential=&X-Amz-Signature=&X-Amz-SignedHeaders=&X-Amz-Date=",
       {}, ParseOutcome::kProblem, K::kIncomplete, kAllQueryMissing},
      {"query date missing", "/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-SignedHeaders=d", {},
       ParseOutcome::kProblem, K::kIncomplete,
       "AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters."},
      {"query credential and signed headers missing", "/?X-Amz-Algorithm=a&X-Amz-Signature=c&X-Amz-Date=e", {},
       ParseOutcome::kProblem, K::kIncomplete,
       "AWS query-string parameters must include 'X-Amz-Credential'. "
       "AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
       "Re-examine the query-string parameters."},
      {"complete query", "/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-SignedHeaders=d&X-Amz-Date=e",
       {}, ParseOutcome::kSigned},
  };
}

SigV4Signature parsed(const char* target, HeaderList headers) {
  const SigV4Parse result = parse_sigv4(request_with(target, std::move(headers)));
  REQUIRE(std::holds_alternative<SigV4Signature>(result));
  return std::get<SigV4Signature>(result);
}

}  // namespace

TEST_CASE("parse_sigv4: outcomes and messages", "[auth][sigv4]") {
  for (const auto& c : cases()) {
    INFO(c.name);
    const SigV4Parse result = parse_sigv4(request_with(c.target, c.headers));
    switch (c.outcome) {
      case ParseOutcome::kUnsigned:
        CHECK(std::holds_alternative<Unsigned>(result));
        break;
      case ParseOutcome::kSigned:
        CHECK(std::holds_alternative<SigV4Signature>(result));
        break;
      case ParseOutcome::kProblem:
        REQUIRE(std::holds_alternative<AuthProblem>(result));
        CHECK(std::get<AuthProblem>(result).kind == c.kind);
        CHECK(std::get<AuthProblem>(result).message == c.message);
        break;
    }
  }
}

TEST_CASE("parse_sigv4: header form fields", "[auth][sigv4]") {
  const SigV4Signature sig = parsed(
      "/", {{"authorization",
             "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/eu-west-1/ssm/aws4_request, "
             "SignedHeaders=Content-Type;host;x-amz-date, Signature=abc123"},
            {"x-amz-date", "20261121T202909Z"},
            {"date", "Sat, 21 Nov 2026 20:29:09 GMT"},
            {"x-amz-security-token", "token"}});
  CHECK_FALSE(sig.presigned);
  CHECK(sig.scope.access_key == "AKIDEXAMPLE");
  CHECK(sig.scope.date == "20261121");
  CHECK(sig.scope.region == "eu-west-1");
  CHECK(sig.scope.service == "ssm");
  CHECK(sig.signed_headers == std::vector<std::string>{"content-type", "host", "x-amz-date"});
  CHECK(sig.signature == "abc123");
  CHECK(sig.amz_date == "20261121T202909Z");  // X-Amz-Date wins over Date
  CHECK(sig.security_token == "token");
  CHECK_FALSE(sig.expires_seconds);
}

TEST_CASE("parse_sigv4: Date header when there is no X-Amz-Date", "[auth][sigv4]") {
  const SigV4Signature sig =
      parsed("/", {{"authorization", "AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=date;host, Signature=c"},
                   {"date", "Sat, 21 Nov 2026 20:29:09 -0000"}});
  CHECK(sig.amz_date == "Sat, 21 Nov 2026 20:29:09 -0000");
}

TEST_CASE("parse_sigv4: partial credential scopes keep only the access key", "[auth][sigv4]") {
  for (const char* credential : {"AKID", "AKID/20261121", "AKID/20261121/us-east-1/ssm",
                                 "AKID/20261121/us-east-1/ssm/aws4_reques", "AKID/20261121//ssm/aws4_request",
                                 "AKID/20261121/us-east-1/ssm/aws4_request/extra"}) {
    INFO(credential);
    const std::string header =
        std::string("AWS4-HMAC-SHA256 Credential=") + credential + ", SignedHeaders=host, Signature=c";
    const SigV4Signature sig = parsed("/", {{"authorization", header}, {"x-amz-date", "20261121T202909Z"}});
    CHECK(sig.scope.access_key == "AKID");
    CHECK(sig.scope.date.empty());
    CHECK(sig.scope.region.empty());
    CHECK(sig.scope.service.empty());
  }
}

TEST_CASE("parse_sigv4: presigned fields are percent-decoded", "[auth][sigv4]") {
  const SigV4Signature sig = parsed(
      "/?Action=GetCallerIdentity&X-Amz-Algorithm=AWS4-HMAC-SHA256"
      "&X-Amz-Credential=LSIAQAAAAAAVNCBMPNSG%2F20261121%2Feu-central-1%2Fsts%2Faws4_request"
      "&X-Amz-Date=20261121T202909Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host%3Bx-amz-date"
      "&X-Amz-Security-Token=tok%2Ben%2F%3D%3D&X-Amz-Signature=abc",
      {{"host", "h"}});
  CHECK(sig.presigned);
  CHECK(sig.scope.access_key == "LSIAQAAAAAAVNCBMPNSG");
  CHECK(sig.scope.date == "20261121");
  CHECK(sig.scope.region == "eu-central-1");
  CHECK(sig.scope.service == "sts");
  CHECK(sig.signed_headers == std::vector<std::string>{"host", "x-amz-date"});
  CHECK(sig.signature == "abc");
  CHECK(sig.amz_date == "20261121T202909Z");
  REQUIRE(sig.expires_seconds);
  CHECK(*sig.expires_seconds == 3600);
  CHECK(sig.security_token == "tok+en/==");
}

TEST_CASE("parse_sigv4: presigned token may come as a header; bad expiry is absent", "[auth][sigv4]") {
  const SigV4Signature sig = parsed(
      "/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-SignedHeaders=d&X-Amz-Date=e&X-Amz-Expires=-5",
      {{"x-amz-security-token", "header-token"}});
  CHECK(sig.security_token == "header-token");
  CHECK_FALSE(sig.expires_seconds);
  CHECK(sig.scope.access_key == "b");
}

}  // namespace chokepoint
