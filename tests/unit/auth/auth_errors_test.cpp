#include <catch2/catch.hpp>

#include "auth/auth_errors.hpp"
#include "common/time_format.hpp"

namespace chokepoint {
namespace {

constexpr const char* kMismatchText =
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
    "Access Key and signing method. Consult the service documentation for details.";
constexpr const char* kInvalidToken = "The security token included in the request is invalid.";

struct ErrorCase {
  AuthFailure failure;
  Protocol protocol;
  const char* code;
  int status;
  const char* message;
};

}  // namespace

TEST_CASE("auth_error: each protocol family's codes, statuses and default messages", "[auth][errors]") {
  using F = AuthFailure;
  using P = Protocol;
  const std::vector<ErrorCase> cases = {
      {F::kMissing, P::kJson10, "MissingAuthenticationTokenException", 400, "Request is missing Authentication Token"},
      {F::kIncomplete, P::kJson10, "IncompleteSignatureException", 400,
       "The request signature does not conform to AWS standards."},
      {F::kInvalidSignatureFormat, P::kJson10, "InvalidSignatureException", 400,
       "The request signature does not conform to AWS standards."},
      {F::kUnknownAccessKey, P::kJson10, "UnrecognizedClientException", 400, kInvalidToken},
      {F::kSignatureMismatch, P::kJson10, "InvalidSignatureException", 400, kMismatchText},
      {F::kExpired, P::kJson10, "InvalidSignatureException", 400, "Signature expired."},
      {F::kSkewed, P::kJson11, "InvalidSignatureException", 400, "Signature expired."},
      {F::kMissing, P::kJson11, "MissingAuthenticationTokenException", 400, "Request is missing Authentication Token"},
      {F::kUnknownAccessKey, P::kJson11, "UnrecognizedClientException", 400, kInvalidToken},
      {F::kSignatureMismatch, P::kJson11, "InvalidSignatureException", 400, kMismatchText},

      {F::kMissing, P::kEc2, "MissingAuthenticationToken", 401, "The request must contain valid credentials."},
      {F::kIncomplete, P::kEc2, "AuthFailure", 401, "AWS was not able to validate the provided access credentials"},
      {F::kInvalidSignatureFormat, P::kEc2, "AuthFailure", 401,
       "AWS was not able to validate the provided access credentials"},
      {F::kUnknownAccessKey, P::kEc2, "AuthFailure", 401,
       "AWS was not able to validate the provided access credentials"},
      {F::kSignatureMismatch, P::kEc2, "AuthFailure", 401,
       "AWS was not able to validate the provided access credentials"},
      {F::kExpired, P::kEc2, "RequestExpired", 400, "Request has expired."},
      {F::kSkewed, P::kEc2, "RequestExpired", 400, "Request has expired."},

      {F::kMissing, P::kQuery, "MissingAuthenticationToken", 403, "Request is missing Authentication Token"},
      {F::kIncomplete, P::kQuery, "IncompleteSignature", 400,
       "The request signature does not conform to AWS standards."},
      {F::kInvalidSignatureFormat, P::kQuery, "IncompleteSignature", 400,
       "The request signature does not conform to AWS standards."},
      {F::kUnknownAccessKey, P::kQuery, "InvalidClientTokenId", 403, kInvalidToken},
      {F::kSignatureMismatch, P::kQuery, "SignatureDoesNotMatch", 403, kMismatchText},
      {F::kExpired, P::kQuery, "RequestExpired", 400, "Request has expired."},
      {F::kSkewed, P::kQuery, "RequestExpired", 400, "Request has expired."},
  };
  for (const auto& c : cases) {
    INFO(c.code << " / protocol " << static_cast<int>(c.protocol));
    const ApiError e = auth_error(c.failure, c.protocol);
    CHECK(e.code == c.code);
    CHECK(e.http_status == c.status);
    CHECK(e.message == c.message);
    CHECK(e.origin == ErrorOrigin::kAuth);
    CHECK(e.json_type == (c.protocol == Protocol::kJson10 ? "com.amazon.coral.service#" + e.code : ""));
    CHECK(e.fault_type == (c.protocol == Protocol::kQuery ? "Sender" : ""));
  }
}

TEST_CASE("auth_error: messages override only where the failure carries one", "[auth][errors]") {
  CHECK(auth_error(AuthFailure::kIncomplete, Protocol::kJson10, "detail").message == "detail");
  CHECK(auth_error(AuthFailure::kInvalidSignatureFormat, Protocol::kJson11, "detail").message == "detail");
  CHECK(auth_error(AuthFailure::kIncomplete, Protocol::kQuery, "detail").message == "detail");
  CHECK(auth_error(AuthFailure::kInvalidSignatureFormat, Protocol::kQuery, "detail").message == "detail");
  CHECK(auth_error(AuthFailure::kIncomplete, Protocol::kEc2, "detail").message ==
        "AWS was not able to validate the provided access credentials");
  CHECK(auth_error(AuthFailure::kMissing, Protocol::kJson10, "detail").message ==
        "Request is missing Authentication Token");
  CHECK(auth_error(AuthFailure::kSignatureMismatch, Protocol::kQuery, "detail").message == kMismatchText);
  CHECK(auth_error(AuthFailure::kExpired, Protocol::kEc2, "detail").message == "Request has expired.");
  CHECK(auth_error(AuthFailure::kSkewed, Protocol::kQuery, "Signature expired: x").message == "Signature expired: x");
  CHECK(auth_error(AuthFailure::kSkewed, Protocol::kJson10, "Signature expired: x").message == "Signature expired: x");
  CHECK(auth_error(AuthFailure::kExpired, Protocol::kJson11, "20261121T000000Z is now earlier than ...").message ==
        "Signature expired: 20261121T000000Z is now earlier than ...");
}

TEST_CASE("sigv4_time_message: AWS's wording", "[auth][errors]") {
  const TimePoint now = *parse_amz_date("20261121T003000Z");
  SigV4Signature sig;
  sig.amz_date = "20261121T000000Z";
  CHECK(sigv4_time_message(sig, now, std::chrono::minutes{15}) ==
        "Signature expired: 20261121T000000Z is now earlier than 20261121T001500Z (20261121T003000Z - 15 min.)");
  sig.amz_date = "Sat, 21 Nov 2026 00:00:00 GMT";
  CHECK(sigv4_time_message(sig, now, std::chrono::minutes{15}) ==
        "Signature expired: 20261121T000000Z is now earlier than 20261121T001500Z (20261121T003000Z - 15 min.)");
  sig.amz_date = "20261121T010000Z";
  CHECK(sigv4_time_message(sig, now, std::chrono::minutes{15}) ==
        "Signature not yet current: 20261121T010000Z is still later than 20261121T004500Z (20261121T003000Z + 15 "
        "min.)");
  sig.amz_date = "30200101T010101Z";  // beyond the years a TimePoint holds
  CHECK(sigv4_time_message(sig, now, std::chrono::minutes{15}) ==
        "Signature not yet current: 30200101T010101Z is still later than 20261121T004500Z (20261121T003000Z + 15 "
        "min.)");
  sig.amz_date = "20261120T230000Z";
  sig.presigned = true;
  sig.expires_seconds = 3600;
  CHECK(sigv4_time_message(sig, now, std::chrono::minutes{15}) ==
        "Signature expired: 20261120T230000Z is now earlier than 20261120T233000Z (20261121T003000Z - 60 min.)");
  sig.expires_seconds = 90;
  CHECK(sigv4_time_message(sig, now, std::chrono::minutes{15}) ==
        "Signature expired: 20261120T230000Z is now earlier than 20261121T002830Z (20261121T003000Z - 90 sec.)");
}

TEST_CASE("sigv4_bad_date_message", "[auth][errors]") {
  SigV4Signature sig;
  sig.scope.date = "20261120";
  sig.amz_date = "20261121T202909Z";
  CHECK(sigv4_bad_date_message(sig) ==
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261120' != "
        "'20261121', from '20261121T202909Z'.");
  sig.amz_date = "yesterday";
  CHECK(sigv4_bad_date_message(sig) ==
        "Date must be in ISO-8601 'basic format'. Got 'yesterday'. See http://en.wikipedia.org/wiki/ISO_8601");
}

}  // namespace chokepoint
