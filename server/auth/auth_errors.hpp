#pragma once
// Authentication failures -> each protocol family's real error (reference 6.3), in one table so the
// families stay consistent. Pure functions; thread-safe.
#include <chrono>
#include <string>
#include <string_view>

#include "auth/sigv4.hpp"
#include "common/clock.hpp"
#include "protocol/api_types.hpp"

namespace chokepoint {

enum class AuthFailure {
  kMissing,                 // no usable Authorization header / presigned parameters
  kIncomplete,              // parameters missing (AuthProblemKind::kIncomplete)
  kInvalidSignatureFormat,  // malformed (AuthProblemKind::kInvalidSignature, VerifyResult::kBadDate)
  kUnknownAccessKey,        // access key not known when signatures are required
  kSignatureMismatch,       // VerifyResult::kMismatch
  kExpired,                 // VerifyResult::kExpired (presigned URL past X-Amz-Expires)
  kSkewed,                  // VerifyResult::kSkewed (outside the allowed clock skew)
  kExpiredToken,            // temporary credentials past their expiry (emulated time)
};

// `message` overrides the default text where the failure carries one: kIncomplete and
// kInvalidSignatureFormat (JSON and query), kExpired/kSkewed (JSON and query; EC2 always says
// "Request has expired."). For JSON a detail that does not already start with "Signature " is
// prefixed with "Signature expired: ". Every error has origin ErrorOrigin::kAuth.
ApiError auth_error(AuthFailure failure, Protocol protocol, std::string_view message = {});

// AWS's wording for a request outside its time window, to pass to auth_error(kExpired/kSkewed):
// "Signature expired: 20261121T000000Z is now earlier than 20261121T001500Z (20261121T003000Z - 15 min.)",
// or "Signature not yet current: ... is still later than ... (... + 15 min.)" for a future date. For a
// presigned URL past its expiry the window is X-Amz-Expires.
std::string sigv4_time_message(const SigV4Signature& sig, TimePoint now, std::chrono::seconds max_skew);

// Modelled on AWS's wording for VerifyResult::kBadDate (pass with kInvalidSignatureFormat): an
// unparseable date, or a credential scope date that is not the request's date.
std::string sigv4_bad_date_message(const SigV4Signature& sig);

}  // namespace chokepoint
