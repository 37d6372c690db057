#include "services/ssm/parameter_filters.hpp"

#include <algorithm>
#include <set>

#include "config/ssm_parameter_names.hpp"
#include "services/ssm/ssm_errors.hpp"
#include "services/ssm/ssm_params.hpp"

namespace chokepoint {

namespace {

using Strings = std::vector<std::string>;

bool contains(const Strings& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string joined(const Strings& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool is_tag_key(std::string_view key) {
  return key.size() > 4 && key.rfind("tag:", 0) == 0;
}

// The model's member constraints on one filter, reported at "parameterFilters.N.member.*".
std::optional<ApiError> read_members(const nlohmann::json& item, const std::string& path, StringFilter& out) {
  SsmParams params(item);
  out.key = params.required_string("Key");
  auto option = params.string("Option");
  auto values = params.string_list("Values");
  if (!params.ok()) return params.error();
  params.check_length(out.key, path + "key", 1, 132);
  const Strings known = {"Name", "Type", "KeyId", "Path", "Label", "Tier", "DataType"};
  if (params.ok() && !is_tag_key(out.key) && !contains(known, out.key)) {
    params.fail(constraint_error(out.key, path + "key",
                                 "Member must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|"
                                 "Tier|DataType"));
  }
  if (option && params.ok()) params.check_length(*option, path + "option", 1, 10);
  if (values && params.ok()) {
    params.check_count(values->size(), path + "values", bracket_list(*values), 1, 50);
    for (const auto& v : *values) {
      if (params.ok()) params.check_length(v, path + "values", 1, 1024);
    }
  }
  if (!params.ok()) return params.error();
  out.option = option.value_or(out.key == "Path" ? "OneLevel" : "Equals");
  if (values) out.values = std::move(*values);
  return std::nullopt;
}

std::optional<ApiError> check_key_in_scope(const StringFilter& f, FilterScope scope) {
  if (scope == FilterScope::kDescribeParameters && f.key == "Label") {
    return ssm_error("InvalidFilterKey",
                     "The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, "
                     "KeyId, Tier, DataType, tag:key].");
  }
  if (scope == FilterScope::kGetParametersByPath && f.key != "Type" && f.key != "KeyId" && f.key != "Label") {
    return ssm_error("InvalidFilterKey", "The following filter key is not valid: " + f.key +
                                             ". Valid filter keys include: [Type, KeyId, Label].");
  }
  return std::nullopt;
}

std::optional<ApiError> check_option(const StringFilter& f) {
  Strings allowed = {"BeginsWith", "Equals"};
  if (f.key == "Path") allowed = {"Recursive", "OneLevel"};
  if (f.key == "Label") allowed = {"Equals"};
  if (f.key == "Name") allowed.push_back("Contains");
  if (contains(allowed, f.option)) return std::nullopt;
  return ssm_error("InvalidFilterOption", "The following filter option is not valid: " + f.option +
                                              ". Valid options include: [" + joined(allowed) + "].");
}

std::optional<ApiError> check_values(const StringFilter& f) {
  if (f.values.empty() && !is_tag_key(f.key)) {
    return ssm_error("InvalidFilterValue",
                     "The following filter values are missing : null for filter key " + f.key + ".");
  }
  Strings allowed;
  if (f.key == "Type") allowed = {"String", "StringList", "SecureString"};
  if (f.key == "Tier") allowed = {"Standard", "Advanced", "Intelligent-Tiering"};
  for (const auto& v : f.values) {
    if (!allowed.empty() && !contains(allowed, v)) {
      return ssm_error("InvalidFilterValue", "The following filter value is not valid: " + v +
                                                 ". Valid values include: [" + joined(allowed) + "].");
    }
    if (f.key == "Path") {
      if (auto error = check_path(v)) return error;
    }
  }
  return std::nullopt;
}

bool text_matches(std::string_view text, const StringFilter& f) {
  return std::any_of(f.values.begin(), f.values.end(), [&](const std::string& v) {
    if (f.option == "BeginsWith") return text.rfind(v, 0) == 0;
    if (f.option == "Contains") return text.find(v) != std::string_view::npos;
    return text == v;
  });
}

bool name_matches(const StoredParameter& p, const StringFilter& f) {
  if (f.option == "Contains") return text_matches(p.name, f);
  StringFilter keyed = f;
  for (auto& v : keyed.values) v = name_key(v);
  return text_matches(name_key(p.name), keyed);
}

bool path_matches(const StoredParameter& p, const StringFilter& f) {
  const std::string key = name_key(p.name);
  return std::any_of(f.values.begin(), f.values.end(), [&](std::string v) {
    if (v.size() > 1 && v.back() == '/') v.pop_back();
    if (f.option == "OneLevel") return parent_path(key) == v;
    return v == "/" || key.rfind(v + "/", 0) == 0;
  });
}

bool tag_matches(const StoredParameter& p, const StringFilter& f) {
  const auto it = p.tags.find(f.key.substr(4));
  return it != p.tags.end() && (f.values.empty() || text_matches(it->second, f));
}

bool filter_matches(const StoredParameter& p, const ParameterVersion& v, const StringFilter& f) {
  if (f.key == "Name") return name_matches(p, f);
  if (f.key == "Path") return path_matches(p, f);
  if (f.key == "Type") return text_matches(v.type, f);
  if (f.key == "KeyId") return !v.key_id.empty() && text_matches(v.key_id, f);
  if (f.key == "Tier") return text_matches(v.tier, f);
  if (f.key == "DataType") return text_matches(v.data_type, f);
  if (f.key == "Label") return true;  // chooses the version; see labelled_version
  return tag_matches(p, f);
}

}  // namespace

Result<std::vector<StringFilter>> read_string_filters(const nlohmann::json* list, FilterScope scope) {
  std::vector<StringFilter> filters;
  if (!list) return filters;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    StringFilter f;
    const std::string path = "parameterFilters." + std::to_string(i + 1) + ".member.";
    if (auto error = read_members((*list)[i], path, f)) return std::move(*error);
    if (auto error = check_key_in_scope(f, scope)) return std::move(*error);
    if (auto error = check_values(f)) return std::move(*error);
    if (!seen.insert(f.key).second) {
      return ssm_error("InvalidFilterKey", "The following filter is duplicated in the request: " + f.key +
                                               ". A request can contain only one occurrence of a specific filter.");
    }
    if (auto error = check_option(f)) return std::move(*error);
    filters.push_back(std::move(f));
  }
  return filters;
}

Result<std::vector<StringFilter>> read_legacy_filters(const nlohmann::json* list) {
  std::vector<StringFilter> filters;
  if (!list) return filters;
  for (std::size_t i = 0; i < list->size(); ++i) {
    SsmParams params((*list)[i]);
    const std::string path = "filters." + std::to_string(i + 1) + ".member.";
    StringFilter f;
    f.key = params.required_string("Key");
    auto values = params.string_list("Values", true);
    if (params.ok() && f.key != "Name" && f.key != "Type" && f.key != "KeyId") {
      params.fail(constraint_error(f.key, path + "key", "Member must satisfy enum value set: [Name, Type, KeyId]"));
    }
    if (params.ok()) params.check_count(values->size(), path + "values", bracket_list(*values), 1, 50);
    if (!params.ok()) return params.error();
    f.option = f.key == "Name" ? "BeginsWith" : "Equals";
    f.values = std::move(*values);
    filters.push_back(std::move(f));
  }
  return filters;
}

bool matches_filters(const StoredParameter& p, const ParameterVersion& v, const std::vector<StringFilter>& filters) {
  return std::all_of(filters.begin(), filters.end(), [&](const StringFilter& f) { return filter_matches(p, v, f); });
}

const StringFilter* label_filter(const std::vector<StringFilter>& filters) {
  for (const auto& f : filters) {
    if (f.key == "Label") return &f;
  }
  return nullptr;
}

const ParameterVersion* labelled_version(const StoredParameter& p, const StringFilter& filter, std::string& selector) {
  for (const auto& label : filter.values) {
    if (const auto* v = p.find_label(label)) {
      selector = ":" + label;
      return v;
    }
  }
  return nullptr;
}

}  // namespace chokepoint
