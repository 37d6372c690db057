#include "services/sts/sts_service.hpp"

#include <functional>

namespace chokepoint {

namespace {

ServiceDescriptor make_descriptor() {
  ServiceDescriptor d;
  d.name = "sts";
  d.protocol = Protocol::kQuery;
  d.api_version = "2011-06-15";
  d.signing_name = "sts";
  d.xml_namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
  d.throttle_error = make_error("Throttling", "Rate exceeded", 400);
  d.operations = {"GetCallerIdentity"};
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

}  // namespace

StsService::StsService() : descriptor_(make_descriptor()) {}

ApiResult StsService::handle(const ApiRequest& request, CallContext& ctx) {
  // GetCallerIdentity is the only operation (the descriptor rejects others before we get here).
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

}  // namespace chokepoint
