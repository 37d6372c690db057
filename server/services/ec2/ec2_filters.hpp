#pragma once
// EC2 Filter.N parameters: every filter must match; within one filter any value may match; values take the
// wildcards '*' (any run) and '?' (one character). Each Describe action names the filters it knows.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "protocol/api_types.hpp"
#include "protocol/result.hpp"

namespace chokepoint {

struct Ec2Filter {
  std::string name;
  std::vector<std::string> values;
};

// The values a resource has for a filter name (several for list fields such as tag-key; none when unset).
using Ec2FieldValues = std::function<std::vector<std::string>(const std::string& name)>;

// Reads Filter.N. A name not accepted by `known` is InvalidParameterValue "The filter 'x' is invalid"; a
// filter without values is InvalidParameterValue too.
Result<std::vector<Ec2Filter>> read_filters(const nlohmann::json& params,
                                            const std::function<bool(std::string_view)>& known);
// read_filters for a fixed list of names.
Result<std::vector<Ec2Filter>> read_filters(const nlohmann::json& params,
                                            std::initializer_list<std::string_view> known);

bool filters_match(const std::vector<Ec2Filter>& filters, const Ec2FieldValues& field);

// Tags of a resource, by key.
using Ec2Tags = std::map<std::string, std::string>;

// True for the tag filters every taggable resource answers: tag:<key>, tag-key, tag-value.
bool is_tag_filter(std::string_view name);
// The values of a tag filter for `tags` (tag:<key> gives that tag's value, when present).
std::vector<std::string> tag_filter_values(const Ec2Tags& tags, std::string_view name);

}  // namespace chokepoint
