#include "auth/identity_resolver.hpp"

#include "auth/account_resolver.hpp"
#include "auth/auth_errors.hpp"

namespace chokepoint {

namespace {

AuthFailure failure_for(AuthProblemKind kind) {
  switch (kind) {
    case AuthProblemKind::kMissing:
      return AuthFailure::kMissing;
    case AuthProblemKind::kIncomplete:
      return AuthFailure::kIncomplete;
    case AuthProblemKind::kInvalidSignature:
      return AuthFailure::kInvalidSignatureFormat;
  }
  return AuthFailure::kMissing;
}

std::optional<ApiError> verify(const Config& config, const SigV4Signature& sig, std::string_view secret_key,
                               const HttpRequest& request, Protocol protocol, TimePoint now) {
  const auto skew = std::chrono::seconds{config.auth.max_clock_skew_seconds};
  // AWS refuses a request outside its time window before it looks the access key up: an expired request
  // with an unknown key answers "Signature expired".
  const VerifyResult timing = sigv4_check_time(sig, now, skew);
  const bool out_of_window = timing == VerifyResult::kExpired || timing == VerifyResult::kSkewed;
  if (!out_of_window && secret_key.empty()) return auth_error(AuthFailure::kUnknownAccessKey, protocol);
  switch (out_of_window ? timing : sigv4_verify(request, sig, secret_key, now, skew)) {
    case VerifyResult::kOk:
      return std::nullopt;
    case VerifyResult::kExpired:
      return auth_error(AuthFailure::kExpired, protocol, sigv4_time_message(sig, now, skew));
    case VerifyResult::kSkewed:
      return auth_error(AuthFailure::kSkewed, protocol, sigv4_time_message(sig, now, skew));
    case VerifyResult::kBadDate:
      return auth_error(AuthFailure::kInvalidSignatureFormat, protocol, sigv4_bad_date_message(sig));
    case VerifyResult::kMismatch:
      break;
  }
  return auth_error(AuthFailure::kSignatureMismatch, protocol);
}

// A request signed with temporary credentials: the session token must be the session's, and the session alive.
Result<Identity> session_identity(const Config& config, const SessionCredential& session, const SigV4Signature& sig,
                                  const HttpRequest& request, Protocol protocol, RequestTimes at) {
  if (sig.security_token != session.session_token) return auth_error(AuthFailure::kUnknownAccessKey, protocol);
  if (at.emulated >= session.expires) return auth_error(AuthFailure::kExpiredToken, protocol);
  if (config.auth.require_signature) {
    if (auto error = verify(config, sig, session.secret_key, request, protocol, at.wall)) return *error;
  }
  Identity identity;
  identity.access_key = sig.scope.access_key;
  identity.account_id = session.account_id;
  identity.region = sig.scope.region.empty() ? config.default_region : sig.scope.region;
  identity.signed_request = true;
  identity.principal_arn = session.arn;
  identity.principal_id = session.user_id;
  identity.session = true;
  identity.role_session = session.from_role;
  return identity;
}

}  // namespace

Result<Identity> resolve_identity(const Config& config, const SessionCredentials& sessions, const SigV4Parse& signature,
                                  const HttpRequest& request, Protocol protocol, RequestTimes at,
                                  bool unsigned_allowed) {
  if (const auto* problem = std::get_if<AuthProblem>(&signature)) {
    return auth_error(failure_for(problem->kind), protocol, problem->message);
  }
  if (std::holds_alternative<Unsigned>(signature)) {
    if (!unsigned_allowed && (config.auth.require_signature || !config.auth.allow_unsigned)) {
      return auth_error(AuthFailure::kMissing, protocol);
    }
    Identity anonymous;
    anonymous.account_id = config.default_account;
    anonymous.region = config.default_region;
    return anonymous;
  }
  const auto& sig = std::get<SigV4Signature>(signature);
  if (sig.scope.access_key.starts_with("ASIA")) {
    if (auto session = sessions.find(sig.scope.access_key)) {
      return session_identity(config, *session, sig, request, protocol, at);
    }
  }
  if (config.auth.require_signature) {
    const AccountEntry* entry = config.find_account(sig.scope.access_key);
    if (auto error = verify(config, sig, entry ? entry->secret_key : "", request, protocol, at.wall)) return *error;
  }
  Identity identity;
  identity.access_key = sig.scope.access_key;
  identity.account_id = resolve_account_id(config, sig.scope.access_key);
  identity.region = sig.scope.region.empty() ? config.default_region : sig.scope.region;
  identity.signed_request = true;
  return identity;
}

}  // namespace chokepoint
