// Creating, modifying and deleting launch templates and versions. Constraints from the EC2 API reference
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html): names of 3-128
// characters of [a-zA-Z0-9().-/_], version descriptions up to 255 characters; DeleteLaunchTemplateVersions takes
// up to 200 versions (API_DeleteLaunchTemplateVersions.html).
#include <algorithm>
#include <cctype>

#include "common/strings.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_launch_template_lookup.hpp"
#include "services/ec2/ec2_launch_templates.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_tags.hpp"

namespace chokepoint {

namespace {

constexpr size_t kMinTemplateNameLength = 3;
constexpr size_t kMaxTemplateNameLength = 128;
constexpr size_t kMaxVersionDescriptionLength = 255;
constexpr size_t kMaxVersionsPerDelete = 200;

bool is_template_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("().-/_").find(c) != std::string_view::npos;
}

Result<std::string> read_template_name(const nlohmann::json& params) {
  const auto name = param_string(params, "LaunchTemplateName");
  if (!name) return ec2_missing_parameter("LaunchTemplateName");
  if (name->size() < kMinTemplateNameLength || name->size() > kMaxTemplateNameLength ||
      !std::all_of(name->begin(), name->end(), is_template_name_char)) {
    return ec2_error("InvalidLaunchTemplateName.MalformedException",
                     "A launch template name must be between 3 and 128 characters, and may contain letters, "
                     "numbers, and the following characters: - ( ) . / _.");
  }
  return *name;
}

Result<std::string> read_version_description(const nlohmann::json& params) {
  const std::string description = param_string(params, "VersionDescription").value_or("");
  if (description.size() > kMaxVersionDescriptionLength) return ec2_invalid_value("VersionDescription", description);
  return description;
}

// LaunchTemplateData: required by CreateLaunchTemplate (the message CloudFormation relays,
// https://github.com/awsdocs/aws-cloudformation-user-guide/pull/453); optional with a SourceVersion.
Result<nlohmann::json> read_launch_data(const nlohmann::json& params, bool required) {
  const auto* data = param(params, "LaunchTemplateData");
  if (!data && required) {
    return ec2_error("MissingParameter",
                     "No launch template data was provided. Launch template data is required to create a launch "
                     "template.");
  }
  if (!data) return nlohmann::json::object();
  if (!data->is_object()) return ec2_invalid_value("LaunchTemplateData", data->dump());
  return *data;
}

std::string creator_arn(const ApiRequest& request) {
  if (!request.identity.principal_arn.empty()) return request.identity.principal_arn;
  return "arn:aws:iam::" + request.identity.account_id + ":root";
}

ApiResponse template_response(const Ec2RegionState& state, const Ec2LaunchTemplate& t) {
  ApiResponse response;
  auto& out = response.body["launchTemplate"] = launch_template_json(t);
  const Ec2Tags& tags = existing_tags(state, t.id);
  if (!tags.empty()) out["tagSet"] = tag_set_json(tags);
  return response;
}

// The inputs CreateLaunchTemplate validates before it looks at the region.
struct NewTemplate {
  std::string name;
  std::string description;
  nlohmann::json data;
  Ec2TagList tags;
};

Result<NewTemplate> read_new_template(const nlohmann::json& params) {
  auto name = read_template_name(params);
  if (!name) return name.error();
  auto description = read_version_description(params);
  if (!description) return description.error();
  auto data = read_launch_data(params, true);
  if (!data) return data.error();
  auto tags = chokepoint::read_tag_specifications(params, "launch-template");
  if (!tags) return tags.error();
  return NewTemplate{std::move(*name), std::move(*description), std::move(*data), std::move(*tags)};
}

}  // namespace

ApiResult create_launch_template(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto input = read_new_template(request.params);
  if (!input) return input.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             if (find_launch_template_by_name(state, input->name)) {
                               return ec2_error("InvalidLaunchTemplateName.AlreadyExistsException",
                                                "Launch template name already in use.");
                             }
                             if (auto e = check_dry_run(request.params)) return *e;
                             Ec2LaunchTemplate t;
                             t.seq = state.launch_templates.empty() ? 1 : state.launch_templates.rbegin()->first + 1;
                             t.id = new_resource_id(ctx, "lt");
                             t.name = input->name;
                             t.created_by = creator_arn(request);
                             t.created = ctx.now;
                             t.versions[1] = Ec2LaunchTemplateVersion{1, input->description, input->data, ctx.now};
                             if (!input->tags.empty()) {
                               Ec2Tags& tags = tags_of(state, t.id);
                               for (const auto& [k, v] : input->tags) tags[k] = v;
                             }
                             const auto& added = state.launch_templates.emplace(t.seq, std::move(t)).first->second;
                             return template_response(state, added);
                           });
}

ApiResult create_launch_template_version(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto description = read_version_description(request.params);
  if (!description) return description.error();
  const auto source = param_string(request.params, "SourceVersion");
  auto data = read_launch_data(request.params, !source);
  if (!data) return data.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto t = named_launch_template(state, request.params);
        if (!t) return t.error();
        nlohmann::json version_data = *data;
        if (source) {
          auto base = launch_template_version(**t, *source);
          if (!base) return base.error();
          version_data = overlay_launch_data((*base)->data, *data);
        }
        if (auto e = check_dry_run(request.params)) return *e;
        Ec2LaunchTemplate& target = **t;
        const long long number = target.latest_version + 1;
        target.latest_version = number;
        const auto& added =
            target.versions.emplace(number, Ec2LaunchTemplateVersion{number, *description, version_data, ctx.now})
                .first->second;
        ApiResponse response;
        response.body["launchTemplateVersion"] = launch_template_version_json(target, added);
        return response;
      });
}

ApiResult modify_launch_template(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto version = param_string(request.params, "SetDefaultVersion");
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             auto t = named_launch_template(state, request.params);
                             if (!t) return t.error();
                             const Ec2LaunchTemplateVersion* chosen = nullptr;
                             if (version) {
                               auto found = launch_template_version(**t, *version);
                               if (!found) return found.error();
                               chosen = *found;
                             }
                             if (auto e = check_dry_run(request.params)) return *e;
                             if (chosen) (*t)->default_version = chosen->number;
                             return template_response(state, **t);
                           });
}

ApiResult delete_launch_template(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             auto t = named_launch_template(state, request.params);
                             if (!t) return t.error();
                             if (auto e = check_dry_run(request.params)) return *e;
                             ApiResponse response;
                             response.body["launchTemplate"] = launch_template_json(**t);
                             state.resource_tags.erase((*t)->id);
                             const uint64_t seq = (*t)->seq;  // erase must not be handed the key it destroys
                             state.launch_templates.erase(seq);
                             return response;
                           });
}

namespace {

nlohmann::json version_outcome(const Ec2LaunchTemplate& t, const std::string& version, const char* code,
                               const std::string& message) {
  long long number = 0;
  nlohmann::json j = {{"launchTemplateId", t.id}, {"launchTemplateName", t.name}};
  if (parse_int64(version, number)) j["versionNumber"] = number;
  if (code) j["responseError"] = {{"code", code}, {"message", message}};
  return j;
}

}  // namespace

// Each version is deleted or reported on its own, as EC2 does; the default version is refused (only
// DeleteLaunchTemplate removes it).
ApiResult delete_launch_template_versions(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto versions = distinct_param_strings(request.params, "LaunchTemplateVersion");
  if (versions.empty()) return ec2_missing_parameter("LaunchTemplateVersion");
  if (versions.size() > kMaxVersionsPerDelete) {
    return ec2_error("InvalidParameterValue", "You can specify up to 200 launch template versions per request.");
  }
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto t = named_launch_template(state, request.params);
        if (!t) return t.error();
        if (auto e = check_dry_run(request.params)) return *e;
        Ec2LaunchTemplate& target = **t;
        ApiResponse response;
        auto& deleted = response.body["successfullyDeletedLaunchTemplateVersionSet"] = nlohmann::json::array();
        auto& failed = response.body["unsuccessfullyDeletedLaunchTemplateVersionSet"] = nlohmann::json::array();
        for (const auto& version : versions) {
          long long number = 0;
          const bool exists = parse_int64(version, number) && target.versions.count(number);
          if (!exists) {
            failed.push_back(version_outcome(target, version, "launchTemplateVersionDoesNotExist",
                                             "The specified launch template version does not exist."));
          } else if (number == target.default_version) {
            failed.push_back(version_outcome(target, version, "unexpectedError",
                                             "Cannot delete the default version of a launch template. Delete the "
                                             "launch template instead."));
          } else {
            target.versions.erase(number);
            deleted.push_back(version_outcome(target, version, nullptr, ""));
          }
        }
        target.latest_version = target.versions.rbegin()->first;
        return response;
      });
}

}  // namespace chokepoint
