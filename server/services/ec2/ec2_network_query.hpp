#pragma once
// What the network Describe calls share: ids the call names (each must exist), AWS's filters, MaxResults/NextToken
// and DryRun, answered over NetworkItems (ec2_vpc_json.hpp).
#include <string>
#include <string_view>
#include <vector>

#include "protocol/result.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_pagination.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_store.hpp"
#include "services/ec2/ec2_vpc_json.hpp"
#include "services/service.hpp"

namespace chokepoint {

struct NetworkQuery {
  std::vector<std::string> ids;
  std::vector<Ec2Filter> filters;
  Ec2Page page;
};

// Reads `id_param`.N, Filter.N (the `names` and the tag filters), paging and DryRun.
Result<NetworkQuery> read_network_query(const ApiRequest& request, const char* id_param,
                                        const std::vector<std::string_view>& names);

// The items the query keeps, one page of them, under `set_name`; `not_found_code` names the first id that matches
// nothing ("The vpc ID 'vpc-1' does not exist").
ApiResult answer_network_query(const NetworkQuery& q, std::vector<NetworkItem> items, const char* set_name,
                               const char* not_found_code, const std::string& not_found_noun);

// The items of `make(value, scope, state)` for every value `all(state, scope)` lists, under the store's lock.
template <typename All, typename Make>
std::vector<NetworkItem> network_items(Ec2Store& store, const Ec2Scope& scope, const CallContext& ctx, All all,
                                       Make make) {
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) {
    std::vector<NetworkItem> items;
    for (const auto& value : all(state, scope)) items.push_back(make(value, scope, state));
    return items;
  });
}

}  // namespace chokepoint
