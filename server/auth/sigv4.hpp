#pragma once
// AWS Signature Version 4 on the server side: parse the Authorization header or presigned query
// parameters, and compute/verify signatures. Pure functions of the request; thread-safe.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/clock.hpp"
#include "common/http_message.hpp"

namespace chokepoint {

struct SigV4Scope {
  std::string access_key;
  std::string date;     // YYYYMMDD
  std::string region;   // empty when the credential is not a full scope
  std::string service;  // signing name, e.g. "dynamodb"; empty when not a full scope
};

struct SigV4Signature {
  bool presigned = false;  // from X-Amz-* query parameters rather than the Authorization header
  SigV4Scope scope;
  std::vector<std::string> signed_headers;  // as listed by the client, lower case
  std::string signature;                    // hex as sent
  std::string amz_date;                     // X-Amz-Date (or the Date header, RFC 1123) as sent
  std::optional<long long> expires_seconds;  // presigned only
  std::string security_token;
};

// Why a request's authentication could not even be parsed, in the terms AWS front ends use.
enum class AuthProblemKind {
  kMissing,           // MissingAuthenticationToken(Exception)
  kIncomplete,        // IncompleteSignature(Exception); message lists what is missing
  kInvalidSignature,  // InvalidSignatureException-style format problem (e.g. both header and query)
};

struct AuthProblem {
  AuthProblemKind kind;
  std::string message;
};

struct Unsigned {};  // no Authorization header and no presigned parameters

using SigV4Parse = std::variant<Unsigned, SigV4Signature, AuthProblem>;

SigV4Parse parse_sigv4(const HttpRequest& request);

// Canonical request and string to sign, as in the AWS SigV4 specification.
std::string sigv4_canonical_request(const HttpRequest& request, const SigV4Signature& sig);
std::string sigv4_string_to_sign(const HttpRequest& request, const SigV4Signature& sig);
// Hex signature for the given secret.
std::string sigv4_compute(const HttpRequest& request, const SigV4Signature& sig, std::string_view secret_key);

enum class VerifyResult { kOk, kMismatch, kExpired, kSkewed, kBadDate };

// Only the request's time against `now`: kExpired/kSkewed outside the window (header skew, presigned
// expiry), kBadDate when X-Amz-Date cannot be read, else kOk.
VerifyResult sigv4_check_time(const SigV4Signature& sig, TimePoint now, std::chrono::seconds max_skew);
// Checks the time (first), that the scope date matches X-Amz-Date, and the signature (constant-time
// compare).
VerifyResult sigv4_verify(const HttpRequest& request, const SigV4Signature& sig, std::string_view secret_key,
                          TimePoint now, std::chrono::seconds max_skew);

}  // namespace chokepoint
