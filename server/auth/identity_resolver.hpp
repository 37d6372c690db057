#pragma once
// Fills a request's identity (access key, account, region) from its SigV4 signature, verifying it when
// `auth.require_signature` is on, or refuses it with the service's real auth error. Temporary credentials
// that STS issued act as their session's principal and account, with their session token, until they expire.
#include <variant>

#include "auth/session_credentials.hpp"
#include "auth/sigv4.hpp"
#include "config/config.hpp"
#include "protocol/api_types.hpp"
#include "protocol/result.hpp"

namespace chokepoint {

// `at.wall` checks the signature's time (clients sign with real time); `at.emulated` a session's expiry.
// `unsigned_allowed`: the operation is one AWS serves without a signature.
Result<Identity> resolve_identity(const Config& config, const SessionCredentials& sessions, const SigV4Parse& signature,
                                  const HttpRequest& request, Protocol protocol, RequestTimes at,
                                  bool unsigned_allowed = false);

}  // namespace chokepoint
