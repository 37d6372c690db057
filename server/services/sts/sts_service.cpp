#include "services/sts/sts_service.hpp"

#include <functional>

namespace chokepoint {

namespace {

ServiceDescriptor sts_descriptor() {
  ServiceDescriptor d;
  d.name = "sts";
  d.protocol = Protocol::kQuery;
  d.api_version = "2011-06-15";
  d.signing_name = "sts";
  d.xml_namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
  d.throttle_error = make_error("Throttling", "Rate exceeded", 400);
  // The token is the credential: botocore sends this call unsigned (the model's noAuth).
  d.unsigned_operations = {"AssumeRoleWithWebIdentity"};
  return d;
}

ApiResult get_caller_identity(StsCall& call) {
  const CallerPrincipal principal = caller_principal(call.request, call.ctx);
  ApiResponse response;
  response.body["Arn"] = principal.arn;
  response.body["UserId"] = principal.user_id;
  response.body["Account"] = call.request.identity.account_id;
  return response;
}

}  // namespace

std::string iam_unique_id(std::string_view prefix, std::string_view seed) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  uint64_t h = std::hash<std::string_view>{}(seed);
  std::string id(prefix);
  for (int i = 0; i < 17; ++i) {
    id.push_back(kAlphabet[h & 31]);
    h = (h >> 5) | (h << 59);
  }
  return id;
}

CallerPrincipal caller_principal(const ApiRequest& request, const CallContext& ctx) {
  const Identity& id = request.identity;
  if (id.session) return {id.principal_arn, id.principal_id};
  const AccountEntry* entry = ctx.config.find_account(id.access_key);
  if (entry && !entry->user_name.empty()) {
    return {"arn:aws:iam::" + id.account_id + ":user/" + entry->user_name, iam_unique_id("AIDA", id.access_key)};
  }
  return {"arn:aws:iam::" + id.account_id + ":root", id.account_id};
}

std::vector<OperationTable<StsHandler>::Entry> sts_operations() {
  return {
      // name, bucket (no group of `throttling.sts` in config/default.yaml), plane, changes durable state,
      // resource; handler
      {{"GetCallerIdentity", "Requests", Plane::kControl, false, nullptr}, get_caller_identity},
      {{"AssumeRole", "Requests", Plane::kControl, false, nullptr}, assume_role},
      {{"AssumeRoleWithWebIdentity", kDefaultBucket, Plane::kControl, false, nullptr}, assume_role_with_web_identity},
      {{"GetSessionToken", "Requests", Plane::kControl, false, nullptr}, get_session_token},
      {{"GetAccessKeyInfo", "Requests", Plane::kControl, false, nullptr}, get_access_key_info},
      {{"DecodeAuthorizationMessage", "Requests", Plane::kControl, false, nullptr}, decode_authorization_message},
  };
}

StsService::StsService(SessionCredentials& sessions)
    : descriptor_(sts_descriptor()), operations_(sts_operations()), sessions_(sessions) {
  list_operations(descriptor_, operations_);
}

ApiResult StsService::handle(const ApiRequest& request, CallContext& ctx) {
  const auto* operation = operations_.find(request.operation);
  if (!operation) return unknown_operation(request.operation);
  StsCall call{request, ctx, sessions_};
  return operation->handler(call);
}

}  // namespace chokepoint
