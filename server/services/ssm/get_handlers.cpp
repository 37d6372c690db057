// GetParameter, GetParameters, GetParametersByPath and GetParameterHistory.
#include <algorithm>

#include "common/json_text.hpp"
#include "common/strings.hpp"
#include "config/ssm_parameter_names.hpp"
#include "protocol/result.hpp"
#include "services/ssm/parameter_filters.hpp"
#include "services/ssm/parameter_view.hpp"
#include "services/ssm/ssm_call.hpp"
#include "services/ssm/ssm_encoding.hpp"
#include "services/ssm/ssm_errors.hpp"
#include "services/ssm/ssm_params.hpp"

namespace chokepoint {

namespace {

struct Found {
  const StoredParameter* parameter = nullptr;
  const ParameterVersion* version = nullptr;
};

// The parameter and version a reference names. Unknown names and labels are ParameterNotFound without a
// message (as GetParameter answers); an unknown version is ParameterVersionNotFound.
Result<Found> find_parameter(const ParameterStore& store, const ParameterRef& ref) {
  const StoredParameter* p = ref.foreign ? nullptr : store.find(ref.name);
  if (!p) return ssm_error("ParameterNotFound");
  if (ref.version) {
    const auto* v = p->find_version(*ref.version);
    if (!v) return version_not_found(ref.name, std::to_string(*ref.version));
    return Found{p, v};
  }
  if (!ref.label.empty()) {
    const auto* v = p->find_label(ref.label);
    if (!v) return ssm_error("ParameterNotFound");
    return Found{p, v};
  }
  return Found{p, &p->latest()};
}

ViewScope scope_of(const SsmCall& call) {
  return ViewScope{call.account(), call.region()};
}

// Keys under `path` in key order, starting after `after` (empty: from the start).
template <typename Visit>
void for_each_under(const ParameterStore& store, const std::string& path, bool recursive, const std::string& after,
                    Visit visit) {
  const std::string prefix = path == "/" ? "/" : path + "/";
  const auto& all = store.parameters();
  auto it = after < prefix ? all.lower_bound(prefix) : all.upper_bound(after);
  for (; it != all.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    if (!recursive && parent_path(it->first) != path) continue;
    if (!visit(it->first, it->second)) return;
  }
}

}  // namespace

ApiResult get_parameter(SsmCall& call) {
  SsmParams params(call.request.params);
  const std::string name = params.required_string("Name");
  const bool decrypt = params.boolean("WithDecryption").value_or(false);
  if (!params.ok()) return params.error();
  auto ref = parse_reference(name, call.account(), call.region());
  if (!ref) return std::move(ref).error();
  const ParameterRef& r = *ref;
  auto found = find_parameter(call.store, r);
  if (!found) return std::move(found).error();
  const auto& f = *found;
  ApiResponse response;
  JsonObjectWriter body(response.json_text);
  append_parameter_json(body.key("Parameter"), *f.parameter, *f.version, r.selector, decrypt, scope_of(call));
  body.close();
  return response;
}

ApiResult get_parameters(SsmCall& call) {
  SsmParams params(call.request.params);
  auto names = params.string_list("Names", true);
  const bool decrypt = params.boolean("WithDecryption").value_or(false);
  if (params.ok()) params.check_count(names->size(), "Names", bracket_list(*names), 1, 10);
  if (!params.ok()) return params.error();
  nlohmann::json found_list = nlohmann::json::array();
  nlohmann::json invalid = nlohmann::json::array();
  std::vector<std::string> seen;
  for (const auto& name : *names) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
    seen.push_back(name);
    auto ref = parse_reference(name, call.account(), call.region());
    if (!ref) return std::move(ref).error();
    const ParameterRef& r = *ref;
    auto found = find_parameter(call.store, r);
    if (!found) {
      invalid.push_back(name);
      continue;
    }
    const auto& f = *found;
    found_list.push_back(parameter_json(*f.parameter, *f.version, r.selector, decrypt, scope_of(call)));
  }
  ApiResponse response;
  response.body["Parameters"] = std::move(found_list);
  response.body["InvalidParameters"] = std::move(invalid);
  return response;
}

ApiResult get_parameters_by_path(SsmCall& call) {
  SsmParams params(call.request.params);
  std::string path(trim(params.required_string("Path")));
  const bool recursive = params.boolean("Recursive").value_or(false);
  const bool decrypt = params.boolean("WithDecryption").value_or(false);
  const auto max_results = params.bounded("MaxResults", 1, 10).value_or(10);
  const auto token = params.string("NextToken");
  const nlohmann::json* filter_list = params.object_list("ParameterFilters");
  if (!params.ok()) return params.error();
  if (auto error = check_path(path)) return std::move(*error);
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  auto filters = read_string_filters(filter_list, FilterScope::kGetParametersByPath);
  if (!filters) return std::move(filters).error();
  const auto& list = *filters;
  std::string after;
  if (token) {
    auto position = read_page_token(*token, "GetParametersByPath");
    if (!position) return invalid_next_token();
    after = std::move(*position);
  }
  const StringFilter* by_label = label_filter(list);
  nlohmann::json page = nlohmann::json::array();
  std::string last_key;
  bool more = false;
  for_each_under(call.store, path, recursive, after, [&](const std::string& key, const StoredParameter& p) {
    std::string selector;
    const ParameterVersion* v = by_label ? labelled_version(p, *by_label, selector) : &p.latest();
    if (!v || !matches_filters(p, *v, list)) return true;
    if (page.size() == static_cast<std::size_t>(max_results)) {
      more = true;
      return false;
    }
    page.push_back(parameter_json(p, *v, selector, decrypt, scope_of(call)));
    last_key = key;
    return true;
  });
  ApiResponse response;
  response.body["Parameters"] = std::move(page);
  if (more) response.body["NextToken"] = make_page_token("GetParametersByPath", last_key);
  return response;
}

ApiResult get_parameter_history(SsmCall& call) {
  SsmParams params(call.request.params);
  const std::string name = params.required_string("Name");
  const bool decrypt = params.boolean("WithDecryption").value_or(false);
  const auto max_results = params.bounded("MaxResults", 1, 50).value_or(50);
  const auto token = params.string("NextToken");
  if (!params.ok()) return params.error();
  auto ref = parse_reference(name, call.account(), call.region());
  if (!ref) return std::move(ref).error();
  const ParameterRef& r = *ref;
  const StoredParameter* p = r.foreign ? nullptr : call.store.find(r.name);
  if (!p) return parameter_not_found(r.name);
  long long after = 0;
  if (token) {
    auto position = read_page_token(*token, "GetParameterHistory " + name_key(r.name));
    if (!position || !parse_int64(*position, after)) return invalid_next_token();
  }
  nlohmann::json page = nlohmann::json::array();
  bool more = false;
  long long last = after;
  for (const auto& v : p->versions) {
    if (v.version <= after) continue;
    if (page.size() == static_cast<std::size_t>(max_results)) {
      more = true;
      break;
    }
    page.push_back(history_json(*p, v, decrypt));
    last = v.version;
  }
  ApiResponse response;
  response.body["Parameters"] = std::move(page);
  if (more)
    response.body["NextToken"] = make_page_token("GetParameterHistory " + name_key(r.name), std::to_string(last));
  return response;
}

}  // namespace chokepoint
