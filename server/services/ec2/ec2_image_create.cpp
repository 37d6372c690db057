// Name rules and errors from the EC2 API reference (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/
// API_CreateImage.html: 3-128 characters of letters, numbers, ( ) [ ] space . / - ' @ _) and the messages EC2
// answers (InvalidAMIName.Duplicate "AMI name x is already in use by AMI ami-y", quoted in
// https://github.com/hashicorp/packer/issues/11165).
#include "services/ec2/ec2_image_create.hpp"

#include <algorithm>
#include <cctype>

#include "common/time_format.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_instance_ids.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_tags.hpp"

namespace chokepoint {

namespace {

constexpr size_t kMinImageNameLength = 3;
constexpr size_t kMaxImageNameLength = 128;
constexpr size_t kMaxImageDescriptionLength = 255;

bool is_image_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("()[] ./-'@_").find(c) != std::string_view::npos;
}

Result<std::string> read_image_name(const nlohmann::json& params) {
  const auto name = param_string(params, "Name");
  if (!name) return ec2_missing_parameter("Name");
  if (name->size() < kMinImageNameLength || name->size() > kMaxImageNameLength ||
      !std::all_of(name->begin(), name->end(), is_image_name_char)) {
    return ec2_error("InvalidAMIName.Malformed",
                     "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', "
                     "')', '.', '-', '/' and '_'");
  }
  return *name;
}

// TagSpecification.N for the image ("image") and its snapshots ("snapshot"); only the image's are kept, the
// snapshots being no resource of their own here.
Result<Ec2TagList> read_image_tags(const nlohmann::json& params) {
  Ec2TagList tags;
  const auto* specs = param_list(params, "TagSpecification");
  if (!specs) return tags;
  for (const auto& entry : *specs) {
    const std::string type = param_string(entry, "ResourceType").value_or("");
    if (type != "image" && type != "snapshot") {
      return ec2_error("InvalidParameterValue",
                       "'" + type + "' is not a valid taggable resource type for this operation.");
    }
    auto listed = read_tag_list(entry);
    if (!listed) return listed.error();
    if (type == "image") tags.insert(tags.end(), listed->begin(), listed->end());
  }
  if (auto e = check_tag_count({}, tags)) return *e;
  return tags;
}

std::optional<ApiError> check_imageable(const Ec2Instance& i) {
  if (i.state == Ec2InstanceState::kRunning || i.state == Ec2InstanceState::kStopped) return std::nullopt;
  return ec2_error("IncorrectInstanceState",
                   "The instance '" + i.id + "' is not in a state from which it can be imaged.");
}

Ec2Image image_of(const Ec2Instance& i, const std::string& name, const std::string& description, CallContext& ctx,
                  uint64_t seq) {
  Ec2Image image;
  image.seq = seq;
  image.source_instance_id = i.id;
  image.created = ctx.now;
  Ec2ImageEntry& e = image.entry;
  e.id = new_resource_id(ctx, "ami");
  e.name = name;
  e.description = description;
  e.architecture = i.architecture;
  e.platform = i.platform;
  e.platform_details = i.platform_details;
  e.owner_id = i.owner_id;
  e.owner_alias.clear();
  e.is_public = false;
  e.creation_date = iso8601_millis(ctx.now);
  e.root_device_name = i.root_device_name;
  return image;
}

}  // namespace

const Ec2Image* find_created_image(const Ec2RegionState& state, const std::string& id) {
  const auto it = state.images.find(id);
  return it == state.images.end() ? nullptr : &it->second;
}

ApiResult create_image(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto id = param_string(request.params, "InstanceId");
  if (!id) return ec2_missing_parameter("InstanceId");
  if (!is_ec2_resource_id(*id, "i")) return malformed_instance_id(*id);
  auto name = read_image_name(request.params);
  if (!name) return name.error();
  const std::string description = param_string(request.params, "Description").value_or("");
  if (description.size() > kMaxImageDescriptionLength) return ec2_invalid_value("Description", description);
  bool no_reboot = false;  // a reboot changes nothing an emulated instance shows
  if (auto e = read_flag(request.params, "NoReboot", no_reboot)) return *e;
  auto tags = read_image_tags(request.params);
  if (!tags) return tags.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        const Ec2Instance* instance = state.find(*id);
        if (!instance) return instances_not_found({*id});
        for (const auto& [image_id, image] : state.images) {
          if (image.entry.name == *name) {
            return ec2_error("InvalidAMIName.Duplicate", "AMI name " + *name + " is already in use by AMI " + image_id);
          }
        }
        if (auto e = check_imageable(*instance)) return *e;
        if (auto e = check_dry_run(request.params)) return *e;
        uint64_t seq = 1;
        for (const auto& [_, image] : state.images) seq = std::max(seq, image.seq + 1);
        Ec2Image image = image_of(*instance, *name, description, ctx, seq);
        if (!tags->empty()) {
          Ec2Tags& image_tags = tags_of(state, image.entry.id);
          for (const auto& [k, v] : *tags) image_tags[k] = v;
        }
        ApiResponse response;
        response.body["imageId"] = image.entry.id;
        state.images.emplace(image.entry.id, std::move(image));
        return response;
      });
}

ApiResult deregister_image(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto id = param_string(request.params, "ImageId");
  if (!id) return ec2_missing_parameter("ImageId");
  if (!is_ec2_resource_id(*id, "ami")) {
    return ec2_error("InvalidAMIID.Malformed", "Invalid id: \"" + *id + "\" (expecting \"ami-...\")");
  }
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             if (!state.images.count(*id)) {
                               if (scope.settings.find_image(*id)) {
                                 return ec2_error("AuthFailure", "Not authorized for image:" + *id);
                               }
                               return ec2_error("InvalidAMIID.NotFound", "The image id '[" + *id + "]' does not exist");
                             }
                             if (auto e = check_dry_run(request.params)) return *e;
                             state.images.erase(*id);
                             state.resource_tags.erase(*id);
                             ApiResponse response;
                             response.body["return"] = true;
                             return response;
                           });
}

Result<std::optional<Ec2Settings>> settings_with_created_image(const Ec2RegionState& state,
                                                               const std::string& image_id, TimePoint now,
                                                               const Ec2Settings& settings) {
  const Ec2Image* image = find_created_image(state, image_id);
  if (!image) return std::optional<Ec2Settings>{};
  if (image_state(*image, now, settings) != "available") {
    return ec2_error("InvalidAMIID.Unavailable", "AMI '" + image_id + "' is pending, and cannot be run");
  }
  Ec2Settings with_image = settings;
  with_image.images.push_back(image->entry);
  return std::optional<Ec2Settings>(std::move(with_image));
}

}  // namespace chokepoint
