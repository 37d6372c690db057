#pragma once
// Reading CloudFormation request parameters into the values the lifecycle works with, and the context
// shared by the API handlers.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "protocol/result.hpp"
#include "services/cloudformation/stack_lifecycle.hpp"
#include "services/service.hpp"

namespace chokepoint {

// What every handler can reach.
struct CfnApi {
  StackLifecycle& lifecycle;
  StackStore& store;
  IdGenerator& ids;
};

// The call's scope; its settings carry the account-region's stack limit in force (stack_limit_in_force).
RequestScope request_scope(const ApiRequest& request, const CallContext& ctx);
// cloudformation.account_limits.stack_limit, or an approved Service Quotas increase of Stack count (L-0485CB21).
long long stack_limit_in_force(const ApiRequest& request, const CallContext& ctx);
std::shared_ptr<const ZoneMap> configured_zones(const Config& config);
std::shared_ptr<RegionStacks> region_of(CfnApi& api, const ApiRequest& request);

// CreateStack / UpdateStack / CreateChangeSet inputs. `updating`: UsePreviousTemplate allowed, absent tags kept.
Result<StackInputs> read_stack_inputs(const nlohmann::json& params, bool updating);
// A required string parameter; ValidationError naming it when missing.
Result<std::string> required_string(const nlohmann::json& params, const std::string& key);
std::vector<std::string> string_list(const nlohmann::json& params, const std::string& key);

// Pages over a list: `token` is the offset the previous page stopped at. Sets `next` when more remain.
struct Page {
  size_t begin = 0;
  size_t end = 0;
  std::optional<std::string> next;
};
Result<Page> page_of(const nlohmann::json& params, size_t total, size_t page_size);

}  // namespace chokepoint
