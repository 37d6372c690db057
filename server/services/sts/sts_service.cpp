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
  return d;
}

// A stable IAM-style unique id for a named user: "AIDA" + 17 characters derived from the access key.
std::string user_id_for(const std::string& access_key) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  uint64_t h = std::hash<std::string>{}(access_key);
  std::string id = "AIDA";
  for (int i = 0; i < 17; ++i) {
    id.push_back(kAlphabet[h & 31]);
    h = (h >> 5) | (h << 59);
  }
  return id;
}

ApiResult get_caller_identity(const ApiRequest& request, const CallContext& ctx) {
  const Identity& id = request.identity;
  const AccountEntry* entry = ctx.config.find_account(id.access_key);
  ApiResponse response;
  if (entry && !entry->user_name.empty()) {
    response.body["Arn"] = "arn:aws:iam::" + id.account_id + ":user/" + entry->user_name;
    response.body["UserId"] = user_id_for(id.access_key);
  } else {
    response.body["Arn"] = "arn:aws:iam::" + id.account_id + ":root";
    response.body["UserId"] = id.account_id;
  }
  response.body["Account"] = id.account_id;
  return response;
}

}  // namespace

std::vector<OperationTable<StsHandler>::Entry> sts_operations() {
  return {
      // name, bucket (no group of `throttling.sts` in config/default.yaml), plane, changes durable state,
      // resource; handler
      {{"GetCallerIdentity", kDefaultBucket, Plane::kControl, false, nullptr}, get_caller_identity},
  };
}

StsService::StsService() : descriptor_(sts_descriptor()), operations_(sts_operations()) {
  list_operations(descriptor_, operations_);
}

ApiResult StsService::handle(const ApiRequest& request, CallContext& ctx) {
  const auto* operation = operations_.find(request.operation);
  return operation ? operation->handler(request, ctx) : unknown_operation(request.operation);
}

}  // namespace chokepoint
