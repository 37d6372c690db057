#include "services/ec2/ec2_filters.hpp"

#include <algorithm>

#include "common/strings.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_params.hpp"

namespace chokepoint {

Result<std::vector<Ec2Filter>> read_filters(const nlohmann::json& params,
                                            const std::function<bool(std::string_view)>& known) {
  std::vector<Ec2Filter> out;
  const auto* filters = param_list(params, "Filter");
  if (!filters) return out;
  for (const auto& f : *filters) {
    Ec2Filter filter;
    filter.name = param_string(f, "Name").value_or("");
    if (filter.name.empty()) return ec2_missing_parameter("Filter.Name");
    if (!known(filter.name)) return ec2_error("InvalidParameterValue", "The filter '" + filter.name + "' is invalid");
    filter.values = param_strings(f, "Value");
    if (filter.values.empty()) {
      return ec2_error("InvalidParameterValue", "The filter '" + filter.name + "' requires at least one value");
    }
    out.push_back(std::move(filter));
  }
  return out;
}

Result<std::vector<Ec2Filter>> read_filters(const nlohmann::json& params,
                                            std::initializer_list<std::string_view> known) {
  return read_filters(
      params, [&](std::string_view name) { return std::find(known.begin(), known.end(), name) != known.end(); });
}

bool filters_match(const std::vector<Ec2Filter>& filters, const Ec2FieldValues& field) {
  for (const auto& filter : filters) {
    const auto actual = field(filter.name);
    const bool any = std::any_of(filter.values.begin(), filter.values.end(), [&](const std::string& pattern) {
      return std::any_of(actual.begin(), actual.end(), [&](const std::string& a) { return glob_match(pattern, a); });
    });
    if (!any) return false;
  }
  return true;
}

bool is_tag_filter(std::string_view name) {
  return name == "tag-key" || name == "tag-value" || (name.size() > 4 && name.substr(0, 4) == "tag:");
}

std::vector<std::string> tag_filter_values(const Ec2Tags& tags, std::string_view name) {
  std::vector<std::string> out;
  if (name == "tag-key" || name == "tag-value") {
    for (const auto& [key, value] : tags) out.push_back(name == "tag-key" ? key : value);
  } else if (name.size() > 4 && name.substr(0, 4) == "tag:") {
    const auto it = tags.find(std::string(name.substr(4)));
    if (it != tags.end()) out.push_back(it->second);
  }
  return out;
}

}  // namespace chokepoint
