// DescribeLaunchTemplates, DescribeLaunchTemplateVersions and GetLaunchTemplateData. Filters are those the EC2
// API reference documents for each call (API_DescribeLaunchTemplates.html, API_DescribeLaunchTemplateVersions.html);
// MaxResults is 1-200 for both.
#include <algorithm>
#include <limits>

#include "common/strings.hpp"
#include "common/time_format.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_launch_template_lookup.hpp"
#include "services/ec2/ec2_launch_templates.hpp"
#include "services/ec2/ec2_pagination.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_tags.hpp"

namespace chokepoint {

namespace {

constexpr long long kMinTemplateResults = 1;
constexpr long long kMaxTemplateResults = 200;

using Values = std::vector<std::string>;

Values template_filter_values(const Ec2LaunchTemplate& t, const Ec2Tags& tags, const std::string& name) {
  if (name == "create-time") return {iso8601_millis(t.created)};
  if (name == "launch-template-name") return {t.name};
  return tag_filter_values(tags, name);
}

// A string member of the stored launch data, or of a structure in it.
Values data_value(const nlohmann::json& data, std::string_view key, std::string_view member = {}) {
  const nlohmann::json& owner = member.empty() ? data : data.value(std::string(key), nlohmann::json::object());
  const auto value = param_string(owner, member.empty() ? key : member);
  return value ? Values{*value} : Values{};
}

// A string member of every structure in a list of the stored launch data.
Values data_list_values(const nlohmann::json& data, std::string_view list, std::string_view member) {
  Values out;
  const auto* items = param_list(data, list);
  if (!items) return out;
  for (const auto& item : *items) {
    if (auto value = param_string(item, member)) out.push_back(*value);
  }
  return out;
}

Values version_filter_values(const Ec2LaunchTemplate& t, const Ec2LaunchTemplateVersion& v, const std::string& name) {
  const auto& d = v.data;
  if (name == "create-time") return {iso8601_millis(v.created)};
  if (name == "is-default-version") return {v.number == t.default_version ? "true" : "false"};
  if (name == "ebs-optimized") return {param_string(d, "EbsOptimized").value_or("false")};
  if (name == "image-id") return data_value(d, "ImageId");
  if (name == "instance-type") return data_value(d, "InstanceType");
  if (name == "kernel-id") return data_value(d, "KernelId");
  if (name == "ram-disk-id") return data_value(d, "RamDiskId");
  if (name == "iam-instance-profile") {
    Values out = data_value(d, "IamInstanceProfile", "Arn");
    for (auto& n : data_value(d, "IamInstanceProfile", "Name")) out.push_back(n);
    return out;
  }
  if (name == "http-endpoint") return data_value(d, "MetadataOptions", "HttpEndpoint");
  if (name == "http-protocol-ipv4") return data_value(d, "MetadataOptions", "HttpProtocolIpv4");
  if (name == "http-tokens") return data_value(d, "MetadataOptions", "HttpTokens");
  if (name == "host-resource-group-arn") return data_value(d, "Placement", "HostResourceGroupArn");
  if (name == "license-configuration-arn") return data_list_values(d, "LicenseSpecification", "LicenseConfigurationArn");
  if (name == "network-card-index") return data_list_values(d, "NetworkInterface", "NetworkCardIndex");
  return {};
}

bool is_version_filter(std::string_view name) {
  for (std::string_view known : {"create-time", "ebs-optimized", "http-endpoint", "http-protocol-ipv4",
                                 "host-resource-group-arn", "http-tokens", "iam-instance-profile", "image-id",
                                 "instance-type", "is-default-version", "kernel-id", "license-configuration-arn",
                                 "network-card-index", "ram-disk-id"}) {
    if (name == known) return true;
  }
  return false;
}

bool is_version_alias(const std::string& v) { return v == "$Latest" || v == "$Default"; }

// The version bounds MinVersion and MaxVersion give; unset ends are open.
struct VersionRange {
  long long min = 1;
  long long max = std::numeric_limits<long long>::max();
};

Result<VersionRange> read_version_range(const nlohmann::json& params) {
  VersionRange range;
  for (auto [key, bound] : {std::pair<const char*, long long*>{"MinVersion", &range.min}, {"MaxVersion", &range.max}}) {
    const auto text = param_string(params, key);
    if (text && !parse_int64(*text, *bound)) return ec2_invalid_value(key, *text);
  }
  return range;
}

// One version to list, with its pagination cursor: the version number within one template, the template's
// creation order when the call spans all templates.
struct ListedVersion {
  uint64_t cursor;
  const Ec2LaunchTemplate* owner;
  const Ec2LaunchTemplateVersion* version;
};

// The versions a call names: Versions (numbers and aliases), or all within MinVersion-MaxVersion.
Result<std::vector<ListedVersion>> versions_of(const Ec2LaunchTemplate& t, const std::vector<std::string>& wanted,
                                               const VersionRange& range) {
  std::vector<ListedVersion> out;
  for (const auto& name : wanted) {
    auto v = launch_template_version(t, name);
    if (!v) return v.error();
    const auto number = static_cast<uint64_t>((*v)->number);
    const bool seen = std::any_of(out.begin(), out.end(), [&](const ListedVersion& l) { return l.cursor == number; });
    if (!seen) out.push_back({number, &t, *v});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.cursor < b.cursor; });
  if (!wanted.empty()) return out;
  for (const auto& [number, v] : t.versions) {
    if (number >= range.min && number <= range.max) out.push_back({static_cast<uint64_t>(number), &t, &v});
  }
  return out;
}

// Without a template, only $Latest and $Default may be asked for: of every template (API reference).
Result<std::vector<ListedVersion>> listed_versions(Ec2RegionState& state, const nlohmann::json& params,
                                                   const std::vector<std::string>& wanted, const VersionRange& range) {
  const bool named = param(params, "LaunchTemplateId") || param(params, "LaunchTemplateName");
  if (named) {
    auto t = named_launch_template(state, params);
    if (!t) return t.error();
    return versions_of(**t, wanted, range);
  }
  if (wanted.empty() || !std::all_of(wanted.begin(), wanted.end(), is_version_alias)) {
    return ec2_missing_parameter("LaunchTemplateId or LaunchTemplateName");
  }
  std::vector<ListedVersion> out;
  for (const auto& [seq, t] : state.launch_templates) {
    for (const auto& name : wanted) {
      auto v = launch_template_version(t, name);
      if (!v) continue;
      const Ec2LaunchTemplateVersion* found = *v;
      const bool seen = std::any_of(out.begin(), out.end(), [&](const ListedVersion& l) { return l.version == found; });
      if (!seen) out.push_back({seq, &t, found});
    }
  }
  return out;
}

}  // namespace

ApiResult describe_launch_templates(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto ids = distinct_param_strings(request.params, "LaunchTemplateId");
  const auto names = distinct_param_strings(request.params, "LaunchTemplateName");
  auto filters = read_filters(request.params, [](std::string_view name) {
    return name == "create-time" || name == "launch-template-name" || is_tag_filter(name);
  });
  if (!filters) return filters.error();
  auto page = read_page(request.params, kMinTemplateResults, kMaxTemplateResults);
  if (!page) return page.error();
  if (auto e = check_dry_run(request.params)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        for (const auto& id : ids) {
          if (!find_launch_template(state, id)) return launch_template_id_not_found(id);
        }
        for (const auto& name : names) {
          if (!find_launch_template_by_name(state, name)) return launch_template_name_not_found(name);
        }
        ApiResponse response;
        auto& out = response.body["launchTemplates"] = nlohmann::json::array();
        const auto keep = [&](const auto& entry) {
          const Ec2LaunchTemplate& t = entry.second;
          const Ec2Tags& tags = existing_tags(state, t.id);
          const bool listed = ids.empty() || std::count(ids.begin(), ids.end(), t.id);
          const bool named = names.empty() || std::count(names.begin(), names.end(), t.name);
          return listed && named &&
                 filters_match(*filters, [&](const std::string& f) { return template_filter_values(t, tags, f); });
        };
        const auto emit = [&](const auto& entry) {
          nlohmann::json j = launch_template_json(entry.second);
          const Ec2Tags& tags = existing_tags(state, entry.second.id);
          if (!tags.empty()) j["tagSet"] = tag_set_json(tags);
          out.push_back(std::move(j));
        };
        const std::string next = paginate(
            *page, state.launch_templates, [](const auto& entry) { return entry.first; }, keep, emit);
        if (!next.empty()) response.body["nextToken"] = next;
        return response;
      });
}

ApiResult describe_launch_template_versions(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto wanted = distinct_param_strings(request.params, "LaunchTemplateVersion");
  auto range = read_version_range(request.params);
  if (!range) return range.error();
  auto filters = read_filters(request.params, is_version_filter);
  if (!filters) return filters.error();
  auto page = read_page(request.params, kMinTemplateResults, kMaxTemplateResults);
  if (!page) return page.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto listed = listed_versions(state, request.params, wanted, *range);
        if (!listed) return listed.error();
        if (auto e = check_dry_run(request.params)) return *e;
        ApiResponse response;
        auto& out = response.body["launchTemplateVersionSet"] = nlohmann::json::array();
        const auto keep = [&](const ListedVersion& l) {
          return filters_match(*filters,
                               [&](const std::string& f) { return version_filter_values(*l.owner, *l.version, f); });
        };
        const auto emit = [&](const ListedVersion& l) {
          out.push_back(launch_template_version_json(*l.owner, *l.version));
        };
        const std::string next = paginate(
            *page, *listed, [](const ListedVersion& l) { return l.cursor; }, keep, emit);
        if (!next.empty()) response.body["nextToken"] = next;
        return response;
      });
}

}  // namespace chokepoint
