#include "services/ec2/ec2_account_attributes.hpp"

#include <algorithm>

#include "config/count_quotas.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"

namespace chokepoint {

namespace {

// Five groups per network interface is AWS's default quota
// (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups).
constexpr int kSecurityGroupsPerInterface = 5;

}  // namespace

ApiResult describe_account_attributes(Ec2Store&, const ApiRequest& request, CallContext& ctx) {
  const auto wanted = distinct_param_strings(request.params, "AttributeName");
  if (auto e = check_dry_run(request.params)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  const auto elastic_ips =
      static_cast<long long>(count_quota_in_force(ctx, scope.account, scope.region.name, "ec2", kElasticIpsQuota,
                                                  static_cast<double>(scope.settings.max_elastic_ips)));
  const std::vector<std::pair<std::string, std::string>> attributes = {
      {"supported-platforms", "VPC"},
      {"default-vpc", default_vpc_id(scope.account, scope.region.name)},
      {"max-instances", std::to_string(scope.settings.max_instances)},
      {"vpc-max-security-groups-per-interface", std::to_string(kSecurityGroupsPerInterface)},
      {"max-elastic-ips", std::to_string(elastic_ips)},
      {"vpc-max-elastic-ips", std::to_string(elastic_ips)},
  };
  for (const auto& name : wanted) {
    if (std::none_of(attributes.begin(), attributes.end(), [&](const auto& a) { return a.first == name; })) {
      return ec2_invalid_value("AttributeName", name);
    }
  }
  ApiResponse response;
  auto& out = response.body["accountAttributeSet"] = nlohmann::json::array();
  for (const auto& [name, value] : attributes) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), name) == wanted.end()) continue;
    out.push_back({{"attributeName", name}, {"attributeValueSet", {{{"attributeValue", value}}}}});
  }
  return response;
}

}  // namespace chokepoint
