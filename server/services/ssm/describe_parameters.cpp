// DescribeParameters: metadata of the latest versions, filtered by ParameterFilters or the deprecated
// Filters, in name order, paged by NextToken.
#include "services/ssm/parameter_filters.hpp"
#include "services/ssm/parameter_view.hpp"
#include "services/ssm/ssm_call.hpp"
#include "services/ssm/ssm_encoding.hpp"
#include "services/ssm/ssm_errors.hpp"
#include "services/ssm/ssm_params.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kListing = "DescribeParameters";

Result<std::vector<StringFilter>> read_filters(SsmParams& params) {
  const nlohmann::json* legacy = params.object_list("Filters");
  const nlohmann::json* filters = params.object_list("ParameterFilters");
  if (!params.ok()) return params.error();
  if (legacy && filters) return validation_error("You can use either Filters or ParameterFilters in a single request.");
  return legacy ? read_legacy_filters(legacy) : read_string_filters(filters, FilterScope::kDescribeParameters);
}

}  // namespace

ApiResult describe_parameters(SsmCall& call) {
  SsmParams params(call.request.params);
  const auto max_results = params.bounded("MaxResults", 1, 50).value_or(10);
  const auto token = params.string("NextToken");
  // Parameters shared with this account through RAM: the emulator has no sharing, so there are none.
  const bool shared = params.boolean("Shared").value_or(false);
  auto filters = read_filters(params);
  if (!params.ok()) return params.error();
  if (!filters) return std::move(filters).error();
  const auto& list = *filters;
  std::string after;
  if (token) {
    auto position = read_page_token(*token, kListing);
    if (!position) return invalid_next_token();
    after = std::move(*position);
  }
  nlohmann::json page = nlohmann::json::array();
  std::string last_key;
  bool more = false;
  const auto& all = call.store.parameters();
  for (auto it = after.empty() ? all.begin() : all.upper_bound(after); !shared && it != all.end(); ++it) {
    if (!matches_filters(it->second, it->second.latest(), list)) continue;
    if (page.size() == static_cast<std::size_t>(max_results)) {
      more = true;
      break;
    }
    page.push_back(metadata_json(it->second, ViewScope{call.account(), call.region()}));
    last_key = it->first;
  }
  ApiResponse response;
  response.body["Parameters"] = std::move(page);
  if (more) response.body["NextToken"] = make_page_token(kListing, last_key);
  return response;
}

}  // namespace chokepoint
