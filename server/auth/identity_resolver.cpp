#include "auth/identity_resolver.hpp"

#include "auth/account_resolver.hpp"
#include "auth/auth_errors.hpp"

namespace chokepoint {

namespace {

AuthFailure failure_for(AuthProblemKind kind) {
  switch (kind) {
    case AuthProblemKind::kMissing: return AuthFailure::kMissing;
    case AuthProblemKind::kIncomplete: return AuthFailure::kIncomplete;
    case AuthProblemKind::kInvalidSignature: return AuthFailure::kInvalidSignatureFormat;
  }
  return AuthFailure::kMissing;
}

std::optional<ApiError> verify(const Config& config, const SigV4Signature& sig, const HttpRequest& request,
                               Protocol protocol, TimePoint now) {
  const AccountEntry* entry = config.find_account(sig.scope.access_key);
  if (!entry || entry->secret_key.empty()) return auth_error(AuthFailure::kUnknownAccessKey, protocol);
  const auto skew = std::chrono::seconds{config.auth.max_clock_skew_seconds};
  switch (sigv4_verify(request, sig, entry->secret_key, now, skew)) {
    case VerifyResult::kOk: return std::nullopt;
    case VerifyResult::kExpired: return auth_error(AuthFailure::kExpired, protocol, sigv4_time_message(sig, now, skew));
    case VerifyResult::kSkewed: return auth_error(AuthFailure::kSkewed, protocol, sigv4_time_message(sig, now, skew));
    case VerifyResult::kBadDate:
      return auth_error(AuthFailure::kInvalidSignatureFormat, protocol, sigv4_bad_date_message(sig));
    case VerifyResult::kMismatch: break;
  }
  return auth_error(AuthFailure::kSignatureMismatch, protocol);
}

}  // namespace

Result<Identity> resolve_identity(const Config& config, const SigV4Parse& signature, const HttpRequest& request,
                                  Protocol protocol, TimePoint now) {
  if (const auto* problem = std::get_if<AuthProblem>(&signature)) {
    return auth_error(failure_for(problem->kind), protocol, problem->message);
  }
  if (std::holds_alternative<Unsigned>(signature)) {
    if (config.auth.require_signature || !config.auth.allow_unsigned) {
      return auth_error(AuthFailure::kMissing, protocol);
    }
    return Identity{"", config.default_account, config.default_region, false};
  }
  const auto& sig = std::get<SigV4Signature>(signature);
  if (config.auth.require_signature) {
    if (auto error = verify(config, sig, request, protocol, now)) return *error;
  }
  Identity identity;
  identity.access_key = sig.scope.access_key;
  identity.account_id = resolve_account_id(config, sig.scope.access_key);
  identity.region = sig.scope.region.empty() ? config.default_region : sig.scope.region;
  identity.signed_request = true;
  return identity;
}

}  // namespace chokepoint
