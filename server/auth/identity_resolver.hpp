#pragma once
// Fills a request's identity (access key, account, region) from its SigV4 signature, verifying it when
// `auth.require_signature` is on, or refuses it with the service's real auth error.
#include <variant>

#include "auth/sigv4.hpp"
#include "config/config.hpp"
#include "protocol/api_types.hpp"
#include "protocol/result.hpp"

namespace chokepoint {

Result<Identity> resolve_identity(const Config& config, const SigV4Parse& signature, const HttpRequest& request,
                                  Protocol protocol, TimePoint now);

}  // namespace chokepoint
