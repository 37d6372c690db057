#include "services/ec2/ec2_network_query.hpp"

#include <algorithm>

#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_params.hpp"

namespace chokepoint {

Result<NetworkQuery> read_network_query(const ApiRequest& request, const char* id_param,
                                        const std::vector<std::string_view>& names) {
  NetworkQuery q;
  q.ids = distinct_param_strings(request.params, id_param);
  auto filters = read_filters(request.params, [&](std::string_view name) {
    return is_tag_filter(name) || std::find(names.begin(), names.end(), name) != names.end();
  });
  if (!filters) return filters.error();
  q.filters = std::move(*filters);
  auto page = read_page(request.params, 5, 1000);
  if (!page) return page.error();
  q.page = *page;
  if (auto e = check_dry_run(request.params)) return *e;
  return q;
}

ApiResult answer_network_query(const NetworkQuery& q, std::vector<NetworkItem> items, const char* set_name,
                               const char* not_found_code, const std::string& not_found_noun) {
  for (const auto& id : q.ids) {
    if (std::none_of(items.begin(), items.end(), [&](const NetworkItem& i) { return i.id == id; })) {
      return ec2_error(not_found_code, "The " + not_found_noun + " '" + id + "' does not exist");
    }
  }
  ApiResponse response;
  auto& out = response.body[set_name] = nlohmann::json::array();
  const std::string next = paginate(
      q.page, items, [&](const NetworkItem& item) { return static_cast<uint64_t>(&item - items.data()); },
      [&](const NetworkItem& item) {
        if (!q.ids.empty() && std::find(q.ids.begin(), q.ids.end(), item.id) == q.ids.end()) return false;
        return filters_match(q.filters, [&](const std::string& name) {
          const auto it = item.fields.find(name);
          return it == item.fields.end() ? std::vector<std::string>{} : it->second;
        });
      },
      [&](const NetworkItem& item) { out.push_back(item.body); });
  if (!next.empty()) response.body["nextToken"] = next;
  return response;
}

}  // namespace chokepoint
