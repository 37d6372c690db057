// parse_sigv4: the Authorization header or presigned query parameters -> SigV4Signature, or the
// problem a real AWS front end would report. Messages follow DynamoDB's front end word for word
// (checked by the dynalite test suite), since SDKs and users compare them.
#include <algorithm>
#include <array>
#include <utility>

#include "auth/sigv4.hpp"
#include "auth/sigv4_support.hpp"
#include "common/strings.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kMissingMessage = "Request is missing Authentication Token";

struct HeaderParam {
  std::string_view key;
  std::string_view value;
};

// "AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=x;y, Signature=z": every token after the first,
// tokens separated by any run of spaces and commas. Spacing differs between SDKs, so be tolerant.
std::vector<HeaderParam> header_params(std::string_view header) {
  const auto is_separator = [](char c) { return c == ' ' || c == ','; };
  std::vector<HeaderParam> params;
  params.reserve(4);
  bool first = true;
  size_t pos = 0;
  while (true) {
    while (pos < header.size() && is_separator(header[pos])) ++pos;
    if (pos == header.size()) break;
    const size_t start = pos;
    while (pos < header.size() && !is_separator(header[pos])) ++pos;
    const std::string_view token = header.substr(start, pos - start);
    if (std::exchange(first, false)) continue;  // the algorithm
    const auto eq = token.find('=');
    params.push_back(eq == std::string_view::npos ? HeaderParam{token, {}}
                                                  : HeaderParam{token.substr(0, eq), token.substr(eq + 1)});
  }
  return params;
}

// The last occurrence wins, as in the front ends that build a map from the list.
std::string_view header_param(const std::vector<HeaderParam>& params, std::string_view key) {
  std::string_view value;
  for (const auto& p : params) {
    if (p.key == key) value = p.value;
  }
  return value;
}

std::string_view header_or_empty(const HttpRequest& request, std::string_view name) {
  return request.header(name).value_or(std::string_view{});
}

std::string_view query_value(const std::vector<QueryParam>& query, std::string_view key) {
  const QueryParam* p = find_query_param(query, key);
  return p ? std::string_view{p->value} : std::string_view{};
}

// A full scope is AKID/YYYYMMDD/region/service/aws4_request. Anything else keeps only the key, so the
// caller can still name the account while verification fails as a mismatch.
SigV4Scope parse_scope(std::string_view credential) {
  std::array<std::string_view, 6> parts;  // a sixth part holds whatever follows a fifth '/'
  size_t count = 0;
  for (size_t start = 0; count < parts.size(); ++count) {
    const size_t slash = count + 1 < parts.size() ? credential.find('/', start) : std::string_view::npos;
    parts[count] = credential.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (slash == std::string_view::npos) {
      ++count;
      break;
    }
    start = slash + 1;
  }
  SigV4Scope scope;
  scope.access_key = std::string(parts[0]);
  if (count == 5 && parts[4] == "aws4_request" && !parts[1].empty() && !parts[2].empty() && !parts[3].empty()) {
    scope.date = std::string(parts[1]);
    scope.region = std::string(parts[2]);
    scope.service = std::string(parts[3]);
  }
  return scope;
}

std::vector<std::string> parse_signed_headers(std::string_view list) {
  std::vector<std::string> names;
  for (const auto name : split(list, ';')) {
    if (!name.empty()) names.push_back(to_lower(trim(name)));
  }
  return names;
}

SigV4Parse parse_header_form(const HttpRequest& request, std::string_view header) {
  if (!header.starts_with("AWS4-")) return AuthProblem{AuthProblemKind::kMissing, std::string(kMissingMessage)};
  const auto params = header_params(header);
  const auto credential = header_param(params, "Credential");
  const auto signature = header_param(params, "Signature");
  const auto signed_headers = header_param(params, "SignedHeaders");
  std::string_view date = header_or_empty(request, "x-amz-date");
  if (date.empty()) date = header_or_empty(request, "date");

  // Collected as views and joined once: appending literals one by one trips a GCC 12 -Warray-bounds false positive.
  std::vector<std::string_view> missing;
  if (credential.empty()) missing.push_back("Authorization header requires 'Credential' parameter. ");
  if (signature.empty()) missing.push_back("Authorization header requires 'Signature' parameter. ");
  if (signed_headers.empty()) missing.push_back("Authorization header requires 'SignedHeaders' parameter. ");
  if (date.empty()) {
    missing.push_back("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
  }
  std::string message;
  for (const auto part : missing) message.append(part);
  if (!message.empty()) {
    return AuthProblem{AuthProblemKind::kIncomplete, message + "Authorization=" + std::string(header)};
  }

  SigV4Signature sig;
  sig.scope = parse_scope(credential);
  sig.signed_headers = parse_signed_headers(signed_headers);
  sig.signature = std::string(signature);
  sig.amz_date = std::string(date);
  sig.security_token = std::string(header_or_empty(request, "x-amz-security-token"));
  return sig;
}

SigV4Parse parse_query_form(const HttpRequest& request, const std::vector<QueryParam>& query) {
  static constexpr std::array<std::string_view, 5> kRequired = {
      "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"};
  std::string message;
  for (const auto key : kRequired) {
    if (query_value(query, key).empty()) {
      message += "AWS query-string parameters must include '" + std::string(key) + "'. ";
    }
  }
  if (!message.empty()) {
    return AuthProblem{AuthProblemKind::kIncomplete, message + "Re-examine the query-string parameters."};
  }

  SigV4Signature sig;
  sig.presigned = true;
  sig.scope = parse_scope(query_value(query, "X-Amz-Credential"));
  sig.signed_headers = parse_signed_headers(query_value(query, "X-Amz-SignedHeaders"));
  sig.signature = std::string(query_value(query, "X-Amz-Signature"));
  sig.amz_date = std::string(query_value(query, "X-Amz-Date"));
  long long expires = 0;
  if (parse_int64(query_value(query, "X-Amz-Expires"), expires)) sig.expires_seconds = expires;
  sig.security_token = std::string(query_value(query, "X-Amz-Security-Token"));
  if (sig.security_token.empty()) sig.security_token = std::string(header_or_empty(request, "x-amz-security-token"));
  return sig;
}

}  // namespace

SigV4Parse parse_sigv4(const HttpRequest& request) {
  const auto header = request.header("authorization");
  const auto query = decode_query(request.query());
  // Presence of the key alone counts ("/?X-Amz-Algorithm"): that is what selects query authentication.
  const bool query_auth = find_query_param(query, "X-Amz-Algorithm") != nullptr;
  if (header && query_auth) {
    return AuthProblem{AuthProblemKind::kInvalidSignature,
                       "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header."};
  }
  if (header) return parse_header_form(request, *header);
  if (query_auth) return parse_query_form(request, query);
  return Unsigned{};
}

}  // namespace chokepoint
