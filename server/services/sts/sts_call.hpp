#pragma once
// What an STS handler works with: the request, its context, and the temporary credentials STS issues.
#include "auth/session_credentials.hpp"
#include "services/service.hpp"

namespace chokepoint {

struct StsCall {
  const ApiRequest& request;
  const CallContext& ctx;
  SessionCredentials& sessions;
};

using StsHandler = ApiResult (*)(StsCall& call);

// A stable IAM-style unique id: `prefix` ("AIDA" for users, "AROA" for roles) and 17 characters derived from `seed`.
std::string iam_unique_id(std::string_view prefix, std::string_view seed);

// GetCallerIdentity's Arn and UserId for the request's caller.
struct CallerPrincipal {
  std::string arn, user_id;
};
CallerPrincipal caller_principal(const ApiRequest& request, const CallContext& ctx);

ApiResult assume_role(StsCall& call);
ApiResult assume_role_with_web_identity(StsCall& call);
ApiResult get_session_token(StsCall& call);
ApiResult get_access_key_info(StsCall& call);
ApiResult decode_authorization_message(StsCall& call);

}  // namespace chokepoint
