#include "services/ec2/ec2_tags.hpp"

#include <algorithm>
#include <tuple>

#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_pagination.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"

namespace chokepoint {

namespace {

constexpr size_t kMaxTagsPerResource = 50;
constexpr size_t kMaxKeyLength = 128;
constexpr size_t kMaxValueLength = 256;

std::optional<ApiError> check_tag(const std::string& key, const std::string& value) {
  if (key.empty()) return ec2_error("InvalidParameterValue", "Tag key must not be empty");
  if (key.size() > kMaxKeyLength) {
    return ec2_error("InvalidParameterValue", "Tag key exceeds the maximum length of 128 characters");
  }
  if (value.size() > kMaxValueLength) {
    return ec2_error("InvalidParameterValue", "Tag value exceeds the maximum length of 256 characters");
  }
  if (key.rfind("aws:", 0) == 0) {
    return ec2_error("InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use");
  }
  return std::nullopt;
}

struct TagRow {
  std::string resource_id;
  std::string resource_type;
  std::string key;
  std::string value;
};

std::vector<TagRow> all_tags(Ec2RegionState& state) {
  std::vector<TagRow> rows;
  for (const auto& [_, instance] : state.instances) {
    for (const auto& [key, value] : instance.tags) rows.push_back({instance.id, "instance", key, value});
  }
  for (const auto& [id, tags] : state.resource_tags) {
    for (const auto& [key, value] : tags) rows.push_back({id, resource_type_of(id), key, value});
  }
  std::sort(rows.begin(), rows.end(), [](const TagRow& a, const TagRow& b) {
    return std::tie(a.resource_id, a.key) < std::tie(b.resource_id, b.key);
  });
  return rows;
}

std::vector<std::string> tag_row_values(const TagRow& row, const std::string& name) {
  if (name == "key") return {row.key};
  if (name == "value") return {row.value};
  if (name == "resource-id") return {row.resource_id};
  if (name == "resource-type") return {row.resource_type};
  if (name.substr(4) == row.key) return {row.value};  // tag:<key>
  return {};
}

}  // namespace

Result<Ec2TagList> read_tag_list(const nlohmann::json& owner) {
  Ec2TagList tags;
  if (const auto* list = param_list(owner, "Tag")) {
    for (const auto& entry : *list) {
      std::string key = param_string(entry, "Key").value_or("");
      std::string value = param_string(entry, "Value").value_or("");
      if (auto e = check_tag(key, value)) return *e;
      tags.emplace_back(std::move(key), std::move(value));
    }
  }
  return tags;
}

Result<Ec2TagList> read_tag_specifications(const nlohmann::json& params, std::string_view resource_type) {
  Ec2TagList tags;
  const auto* specs = param_list(params, "TagSpecification");
  if (!specs) return tags;
  for (const auto& entry : *specs) {
    const std::string type = param_string(entry, "ResourceType").value_or("");
    if (type != resource_type) {
      return ec2_error("InvalidParameterValue",
                       "'" + type + "' is not a valid taggable resource type for this operation.");
    }
    auto listed = read_tag_list(entry);
    if (!listed) return listed.error();
    for (auto& tag : *listed) tags.push_back(std::move(tag));
  }
  if (auto e = check_tag_count({}, tags)) return *e;
  return tags;
}

std::optional<ApiError> check_tag_count(const Ec2Tags& existing, const Ec2TagList& tags) {
  Ec2Tags merged = existing;
  for (const auto& [key, value] : tags) merged[key] = value;
  if (merged.size() <= kMaxTagsPerResource) return std::nullopt;
  return ec2_error("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
}

nlohmann::json tag_set_json(const Ec2Tags& tags) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [key, value] : tags) out.push_back({{"key", key}, {"value", value}});
  return out;
}

ApiResult create_tags(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto resources = distinct_param_strings(request.params, "ResourceId");
  if (resources.empty()) return ec2_missing_parameter("ResourceId");
  if (!param_list(request.params, "Tag")) return ec2_missing_parameter("Tag");
  auto parsed = read_tag_list(request.params);
  if (!parsed) return parsed.error();
  const auto& tags = *parsed;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, ctx.config.ec2,
                           [&](Ec2RegionState& state) -> ApiResult {
                             for (const auto& id : resources) {
                               auto type = taggable_resource_type(state, scope, id);
                               if (!type) return type.error();
                             }
                             for (const auto& id : resources) {
                               if (auto e = check_tag_count(tags_of(state, id), tags)) return *e;
                             }
                             if (auto e = check_dry_run(request.params)) return *e;
                             for (const auto& id : resources) {
                               Ec2Tags& target = tags_of(state, id);
                               for (const auto& [key, value] : tags) target[key] = value;
                             }
                             return ec2_returned_true();
                           });
}

ApiResult delete_tags(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto resources = distinct_param_strings(request.params, "ResourceId");
  if (resources.empty()) return ec2_missing_parameter("ResourceId");
  // Tag.N.Key alone deletes the key; with Tag.N.Value (even empty) only when the value matches.
  std::vector<std::pair<std::string, std::optional<std::string>>> wanted;
  if (const auto* list = param_list(request.params, "Tag")) {
    for (const auto& entry : *list) {
      auto key = param_string(entry, "Key").value_or("");
      if (key.empty()) return ec2_error("InvalidParameterValue", "Tag key must not be empty");
      wanted.emplace_back(std::move(key), param_string(entry, "Value"));
    }
  }
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, ctx.config.ec2,
                           [&](Ec2RegionState& state) -> ApiResult {
                             for (const auto& id : resources) {
                               auto type = taggable_resource_type(state, scope, id);
                               if (!type) return type.error();
                             }
                             if (auto e = check_dry_run(request.params)) return *e;
                             for (const auto& id : resources) {
                               Ec2Tags& target = tags_of(state, id);
                               if (wanted.empty()) target.clear();
                               for (const auto& [key, value] : wanted) {
                                 const auto it = target.find(key);
                                 if (it != target.end() && (!value || *value == it->second)) target.erase(it);
                               }
                               if (target.empty()) state.resource_tags.erase(id);
                             }
                             return ec2_returned_true();
                           });
}

ApiResult describe_tags(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto filters = read_filters(request.params, [](std::string_view name) {
    return name == "key" || name == "value" || name == "resource-id" || name == "resource-type" ||
           (name.size() > 4 && name.substr(0, 4) == "tag:");
  });
  if (!filters) return filters.error();
  auto page = read_page(request.params, 5, 1000);
  if (!page) return page.error();
  if (auto e = check_dry_run(request.params)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  const auto rows = store.with_region(scope.account, scope.region.name, ctx.now, ctx.config.ec2, all_tags);
  ApiResponse response;
  auto& out = response.body["tagSet"] = nlohmann::json::array();
  const std::string next = paginate(
      *page, rows, [&](const TagRow& row) { return static_cast<uint64_t>(&row - rows.data()); },
      [&](const TagRow& row) {
        return filters_match(*filters, [&](const std::string& name) { return tag_row_values(row, name); });
      },
      [&](const TagRow& row) {
        out.push_back({{"resourceId", row.resource_id},
                       {"resourceType", row.resource_type},
                       {"key", row.key},
                       {"value", row.value}});
      });
  if (!next.empty()) response.body["nextToken"] = next;
  return response;
}

}  // namespace chokepoint
