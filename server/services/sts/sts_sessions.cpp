// AssumeRole, AssumeRoleWithWebIdentity, GetSessionToken, GetAccessKeyInfo and DecodeAuthorizationMessage:
// temporary credentials, and whose an access key is. Chokepoint has no IAM and no identity providers: any role ARN of a well-formed account can be
// assumed; policies, tags, external ids and MFA codes are accepted without effect; a web identity token must be a
// well-formed, unexpired JWT, whose signature is not checked. Durations and names are checked as STS checks them.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <string>

#include "auth/account_resolver.hpp"
#include "common/base64.hpp"
#include "common/json_parser.hpp"
#include "common/strings.hpp"
#include "common/time_format.hpp"
#include "protocol/params.hpp"
#include "protocol/result.hpp"
#include "services/sts/sts_call.hpp"

namespace chokepoint {

namespace {

// [STSAPI] https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html and
// API_GetSessionToken.html: DurationSeconds ranges and defaults.
constexpr long long kMinDuration = 900;
constexpr long long kAssumeRoleDefault = 3600, kAssumeRoleMax = 43200;
constexpr long long kSessionTokenDefault = 43200, kSessionTokenMax = 129600;
constexpr long long kRoleChainingMax = 3600;  // a role assumed with a role's credentials: at most an hour

ApiError sts_validation(const std::string& field, const std::optional<std::string>& value,
                        const std::string& constraint) {
  const std::string shown = value ? "'" + *value + "'" : "null";
  return make_error("ValidationError", "1 validation error detected: Value " + shown + " at '" + field +
                                           "' failed to satisfy constraint: " + constraint);
}

// A required or optional string member of `min`..`max` characters whose characters satisfy `allowed`.
Result<std::optional<std::string>> read_text(const ApiRequest& request, const char* member, const std::string& field,
                                             bool required, size_t min, size_t max, bool (*allowed)(char),
                                             const char* pattern) {
  auto value = param_string(request.params, member);
  if (!value) {
    if (required) return sts_validation(field, std::nullopt, "Member must not be null");
    return std::optional<std::string>();
  }
  if (value->size() < min) {
    return sts_validation(field, value, "Member must have length greater than or equal to " + std::to_string(min));
  }
  if (value->size() > max) {
    return sts_validation(field, value, "Member must have length less than or equal to " + std::to_string(max));
  }
  if (allowed && !std::all_of(value->begin(), value->end(), allowed)) {
    return sts_validation(field, value, std::string("Member must satisfy regular expression pattern: ") + pattern);
  }
  return value;
}

bool any_char(char c) {
  return static_cast<unsigned char>(c) >= 0x09;
}
bool session_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_+=,.@-").find(c) != std::string_view::npos;
}
bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

Result<long long> read_duration(const ApiRequest& request, long long fallback, long long max) {
  const auto text = param_string(request.params, "DurationSeconds");
  if (!text) return fallback;
  long long seconds = 0;
  if (!parse_int64(*text, seconds)) return sts_validation("durationSeconds", text, "Member must be a number");
  if (seconds < kMinDuration) {
    return sts_validation("durationSeconds", text,
                          "Member must have value greater than or equal to " + std::to_string(kMinDuration));
  }
  if (seconds > max) {
    return sts_validation("durationSeconds", text,
                          "Member must have value less than or equal to " + std::to_string(max));
  }
  return seconds;
}

// The account and role name of "arn:PARTITION:iam::ACCOUNT:role/PATH/NAME"; nullopt for anything else.
struct RoleName {
  std::string account, name;
};
std::optional<RoleName> parse_role_arn(std::string_view arn) {
  const auto parts = split(arn, ':');
  if (parts.size() != 6 || parts[0] != "arn" || parts[2] != "iam" || !parts[3].empty()) return std::nullopt;
  const std::string_view account = parts[4], resource = parts[5];
  if (account.size() != 12 || !std::all_of(account.begin(), account.end(), ::isdigit)) return std::nullopt;
  if (!resource.starts_with("role/") || resource.back() == '/') return std::nullopt;
  return RoleName{std::string(account), std::string(resource.substr(resource.rfind('/') + 1))};
}

// New credentials in the format AWS issues (ASIA keys, 40-character secrets, long opaque session tokens).
SessionCredential new_credentials(const CallContext& ctx, long long seconds) {
  SessionCredential c;
  c.access_key = "ASIA" + ctx.ids.upper_alnum(16);
  c.secret_key = ctx.ids.upper_alnum(20) + ctx.ids.lower_hex(20);
  c.session_token = "IQoJb3JpZ2luX2VjE" + ctx.ids.upper_alnum(64) + ctx.ids.lower_hex(256);
  c.expires = ctx.now + std::chrono::seconds(seconds);
  return c;
}

// The claims of a JWT's payload (its middle, base64url-encoded part); nullopt when `token` is not a JWT.
std::optional<nlohmann::json> jwt_claims(std::string_view token) {
  const auto parts = split(token, '.');
  if (parts.size() != 3 || parts[1].empty()) return std::nullopt;
  std::string payload(parts[1]);
  for (char& c : payload) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  payload.append((4 - payload.size() % 4) % 4, '=');
  std::string text;
  nlohmann::json claims;
  if (!base64_decode(payload, text) || !parse_json(text, claims) || !claims.is_object()) return std::nullopt;
  return claims;
}

std::string claim_text(const nlohmann::json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array() && !it->empty() && it->front().is_string()) return it->front().get<std::string>();  // aud
  return {};
}

nlohmann::json credentials_json(const SessionCredential& c) {
  return {{"AccessKeyId", c.access_key},
          {"SecretAccessKey", c.secret_key},
          {"SessionToken", c.session_token},
          {"Expiration", iso8601_seconds(c.expires)}};
}

// What every AssumeRole* call names: the role, the session, and for how long.
struct RoleRequest {
  std::string arn;
  std::optional<RoleName> name;  // nullopt: the ARN is not a role's
  std::string session_name;
  long long duration = 0;
};

Result<RoleRequest> read_role_request(const ApiRequest& request) {
  auto role_arn = read_text(request, "RoleArn", "roleArn", true, 20, 2048, any_char, "");
  if (!role_arn) return std::move(role_arn).error();
  auto session_name =
      read_text(request, "RoleSessionName", "roleSessionName", true, 2, 64, session_name_char, "[\\w+=,.@-]*");
  if (!session_name) return std::move(session_name).error();
  auto duration = read_duration(request, kAssumeRoleDefault, kAssumeRoleMax);
  if (!duration) return std::move(duration).error();
  return RoleRequest{**role_arn, parse_role_arn(**role_arn), **session_name, *duration};
}

// Issues the role session's credentials and puts them, with the assumed-role user, in `response`.
void start_role_session(StsCall& call, const RoleRequest& role, ApiResponse& response) {
  SessionCredential session = new_credentials(call.ctx, role.duration);
  session.account_id = role.name->account;
  session.arn = "arn:aws:sts::" + role.name->account + ":assumed-role/" + role.name->name + "/" + role.session_name;
  session.user_id = iam_unique_id("AROA", role.arn) + ":" + role.session_name;
  session.from_role = true;
  response.body["Credentials"] = credentials_json(session);
  response.body["AssumedRoleUser"] = {{"AssumedRoleId", session.user_id}, {"Arn", session.arn}};
  call.sessions.add(std::move(session), call.ctx.now);
}

}  // namespace

ApiResult assume_role(StsCall& call) {
  const ApiRequest& request = call.request;
  auto role = read_role_request(request);
  if (!role) return std::move(role).error();
  if (request.identity.role_session && role->duration > kRoleChainingMax) {
    return make_error("ValidationError",
                      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role "
                      "chaining.");
  }
  if (!role->name) {
    return make_error("AccessDenied",
                      "User: " + caller_principal(request, call.ctx).arn +
                          " is not authorized to perform: sts:AssumeRole on resource: " + role->arn,
                      403);
  }
  ApiResponse response;
  start_role_session(call, *role, response);
  return response;
}

ApiResult assume_role_with_web_identity(StsCall& call) {
  const ApiRequest& request = call.request;
  auto role = read_role_request(request);
  if (!role) return std::move(role).error();
  auto token = read_text(request, "WebIdentityToken", "webIdentityToken", true, 4, 20000, any_char, "");
  if (!token) return std::move(token).error();
  auto provider_id = read_text(request, "ProviderId", "providerId", false, 4, 2048, any_char, "");
  if (!provider_id) return std::move(provider_id).error();
  if (!role->name) return make_error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 403);
  const auto claims = jwt_claims(**token);
  const std::string subject = claims ? claim_text(*claims, "sub") : std::string();
  if (subject.empty()) {
    return make_error("InvalidIdentityToken", "The web identity token is not a well-formed JWT with a subject", 400);
  }
  if (const auto exp = claims->find("exp"); exp != claims->end() && exp->is_number()) {
    const long long expires = exp->get<long long>();
    const long long now = std::chrono::duration_cast<std::chrono::seconds>(call.ctx.now.time_since_epoch()).count();
    if (now >= expires) {
      // STS's wording, with its missing space before the second time.
      return make_error("ExpiredTokenException", "Token expired: current date/time " + std::to_string(now) +
                                                     " must be before the expiration date/time" + std::to_string(expires),
                        400);
    }
  }
  ApiResponse response;
  start_role_session(call, *role, response);
  response.body["SubjectFromWebIdentityToken"] = subject;
  response.body["Provider"] = *provider_id ? **provider_id : claim_text(*claims, "iss");
  response.body["Audience"] = claim_text(*claims, "aud");
  return response;
}

ApiResult get_session_token(StsCall& call) {
  const ApiRequest& request = call.request;
  if (request.identity.session)
    return make_error("AccessDenied", "Cannot call GetSessionToken with session credentials", 403);
  auto duration = read_duration(request, kSessionTokenDefault, kSessionTokenMax);
  if (!duration) return std::move(duration).error();
  if (auto serial = read_text(request, "SerialNumber", "serialNumber", false, 9, 256, any_char, ""); !serial) {
    return std::move(serial).error();
  }
  if (auto code = read_text(request, "TokenCode", "tokenCode", false, 6, 6, word_char, "[\\d]*"); !code) {
    return std::move(code).error();
  }
  const CallerPrincipal principal = caller_principal(request, call.ctx);
  SessionCredential session = new_credentials(call.ctx, *duration);
  session.account_id = request.identity.account_id;
  session.arn = principal.arn;
  session.user_id = principal.user_id;

  ApiResponse response;
  response.body["Credentials"] = credentials_json(session);
  call.sessions.add(std::move(session), call.ctx.now);
  return response;
}

ApiResult get_access_key_info(StsCall& call) {
  auto key = read_text(call.request, "AccessKeyId", "accessKeyId", true, 16, 128, word_char, "[\\w]*");
  if (!key) return std::move(key).error();
  const auto session = call.sessions.find(**key);
  ApiResponse response;
  response.body["Account"] = session ? session->account_id : resolve_account_id(call.ctx.config, **key);
  return response;
}

// Chokepoint evaluates no IAM policies, so it never answers with an encoded authorization message (the
// EncodedMessage of an UnauthorizedOperation): none given back to it can be one it issued, and each gets the
// error STS gives a message it cannot decode ([STSAPI] API_DecodeAuthorizationMessage.html).
ApiResult decode_authorization_message(StsCall& call) {
  auto message = read_text(call.request, "EncodedMessage", "encodedMessage", true, 1, 10240, nullptr, "");
  if (!message) return std::move(message).error();
  return make_error("InvalidAuthorizationMessageException",
                    "The message is not an encoded authorization message that this endpoint issued.", 400);
}

}  // namespace chokepoint
