#include "auth/auth_errors.hpp"

#include <algorithm>
#include <array>

#include "auth/sigv4_support.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kMissingToken = "Request is missing Authentication Token";
constexpr std::string_view kNonConforming = "The request signature does not conform to AWS standards.";
constexpr std::string_view kInvalidToken = "The security token included in the request is invalid.";
constexpr std::string_view kMismatch =
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
    "Access Key and signing method. Consult the service documentation for details.";
constexpr std::string_view kEc2AuthFailure = "AWS was not able to validate the provided access credentials";
constexpr std::string_view kRequestExpired = "Request has expired.";
// Caps X-Amz-Expires in the message arithmetic so an absurd value cannot overflow a time point.
constexpr long long kMaxWindowSeconds = 10LL * 365 * 24 * 3600;

// One family's answer. `detailed`: the caller's message replaces the default.
struct Answer {
  std::string_view code;
  int status;
  std::string_view message;
  bool detailed;
};

struct Row {
  AuthFailure failure;
  Answer json;   // DynamoDB (JSON 1.0), SSM (JSON 1.1)
  Answer ec2;    // EC2 query
  Answer query;  // CloudFormation, STS
};

constexpr Answer kEc2Denied{"AuthFailure", 401, kEc2AuthFailure, false};
constexpr Answer kJsonExpired{"InvalidSignatureException", 400, "Signature expired.", true};
constexpr Answer kEc2Expired{"RequestExpired", 400, kRequestExpired, false};
constexpr Answer kQueryExpired{"RequestExpired", 400, kRequestExpired, true};

constexpr std::string_view kTokenExpired = "The security token included in the request is expired";

constexpr std::array<Row, 8> kTable = {{
    {AuthFailure::kMissing,
     {"MissingAuthenticationTokenException", 400, kMissingToken, false},
     {"MissingAuthenticationToken", 401, "The request must contain valid credentials.", false},
     {"MissingAuthenticationToken", 403, kMissingToken, false}},
    {AuthFailure::kIncomplete,
     {"IncompleteSignatureException", 400, kNonConforming, true},
     kEc2Denied,
     {"IncompleteSignature", 400, kNonConforming, true}},
    {AuthFailure::kInvalidSignatureFormat,
     {"InvalidSignatureException", 400, kNonConforming, true},
     kEc2Denied,
     {"IncompleteSignature", 400, kNonConforming, true}},
    {AuthFailure::kUnknownAccessKey,
     {"UnrecognizedClientException", 400, kInvalidToken, false},
     kEc2Denied,
     {"InvalidClientTokenId", 403, kInvalidToken, false}},
    {AuthFailure::kSignatureMismatch,
     {"InvalidSignatureException", 400, kMismatch, false},
     kEc2Denied,
     {"SignatureDoesNotMatch", 403, kMismatch, false}},
    {AuthFailure::kExpired, kJsonExpired, kEc2Expired, kQueryExpired},
    {AuthFailure::kSkewed, kJsonExpired, kEc2Expired, kQueryExpired},
    // EC2 answers expired session credentials as an expired request.
    {AuthFailure::kExpiredToken,
     {"ExpiredTokenException", 400, kTokenExpired, false},
     kEc2Expired,
     {"ExpiredToken", 403, kTokenExpired, false}},
}};

const Answer& answer_for(AuthFailure failure, Protocol protocol) {
  const Row* row = &kTable[0];
  for (const auto& r : kTable) {
    if (r.failure == failure) row = &r;
  }
  if (is_json(protocol)) return row->json;
  return protocol == Protocol::kEc2 ? row->ec2 : row->query;
}

std::string message_for(AuthFailure failure, Protocol protocol, const Answer& answer, std::string_view message) {
  if (!answer.detailed || message.empty()) return std::string(answer.message);
  const bool time_failure = failure == AuthFailure::kExpired || failure == AuthFailure::kSkewed;
  if (time_failure && is_json(protocol) && !message.starts_with("Signature ")) {
    return "Signature expired: " + std::string(message);
  }
  return std::string(message);
}

// "15 min." for whole minutes, else "90 sec.".
std::string window_text(std::chrono::seconds window) {
  if (window.count() % 60 == 0) return std::to_string(window.count() / 60) + " min.";
  return std::to_string(window.count()) + " sec.";
}

}  // namespace

ApiError auth_error(AuthFailure failure, Protocol protocol, std::string_view message) {
  const Answer& answer = answer_for(failure, protocol);
  ApiError error;
  error.code = std::string(answer.code);
  error.http_status = answer.status;
  error.message = message_for(failure, protocol, answer, message);
  // JSON 1.0 (DynamoDB) names coral's namespace in __type; JSON 1.1 sends the bare code.
  if (protocol == Protocol::kJson10) error.json_type = "com.amazon.coral.service#" + error.code;
  if (protocol == Protocol::kQuery) error.fault_type = "Sender";
  error.origin = ErrorOrigin::kAuth;
  return error;
}

std::string sigv4_time_message(const SigV4Signature& sig, TimePoint now, std::chrono::seconds max_skew) {
  const auto signed_at = parse_signing_time(sig.amz_date);
  const std::string date = signed_at ? format_amz_date(*signed_at) : sig.amz_date;
  const std::string now_text = format_amz_date(now);
  const bool future = signed_at ? *signed_at > now : far_signing_time_side(sig.amz_date) > 0;
  if (future) {
    return "Signature not yet current: " + date + " is still later than " + format_amz_date(now + max_skew) + " (" +
           now_text + " + " + window_text(max_skew) + ")";
  }
  const std::chrono::seconds window = sig.presigned && sig.expires_seconds
                                          ? std::chrono::seconds{std::min(*sig.expires_seconds, kMaxWindowSeconds)}
                                          : max_skew;
  return "Signature expired: " + date + " is now earlier than " + format_amz_date(now - window) + " (" + now_text +
         " - " + window_text(window) + ")";
}

std::string sigv4_bad_date_message(const SigV4Signature& sig) {
  const auto signed_at = parse_signing_time(sig.amz_date);
  if (!signed_at) {
    return "Date must be in ISO-8601 'basic format'. Got '" + sig.amz_date +
           "'. See http://en.wikipedia.org/wiki/ISO_8601";
  }
  const std::string basic = format_amz_date(*signed_at);
  return "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" +
         sig.scope.date + "' != '" + basic.substr(0, 8) + "', from '" + sig.amz_date + "'.";
}

}  // namespace chokepoint
