// DescribeImages over the configured AMI catalog and the images the account made with CreateImage, with this
// account's tags on each image.
#include <algorithm>
#include <map>
#include <unordered_set>

#include "config/sections.hpp"
#include "protocol/result.hpp"
#include "services/ec2/ec2_catalogs.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_pagination.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_tags.hpp"

namespace chokepoint {

namespace {

using Values = std::vector<std::string>;

// One image to list: a catalog entry (always available), or a created image with its state and source.
struct ListedImage {
  const Ec2ImageEntry* entry;
  std::string state = "available";
  std::string source_instance_id;
};

std::string image_location(const Ec2ImageEntry& image) {
  return (image.owner_alias.empty() ? image.owner_id : image.owner_alias) + "/" + image.name;
}

bool is_image_filter(std::string_view name) {
  static const std::unordered_set<std::string_view> kNames = {"architecture",
                                                              "block-device-mapping.delete-on-termination",
                                                              "block-device-mapping.device-name",
                                                              "block-device-mapping.snapshot-id",
                                                              "block-device-mapping.volume-size",
                                                              "block-device-mapping.volume-type",
                                                              "block-device-mapping.encrypted",
                                                              "creation-date",
                                                              "description",
                                                              "ena-support",
                                                              "free-tier-eligible",
                                                              "hypervisor",
                                                              "image-allowed",
                                                              "image-id",
                                                              "image-type",
                                                              "is-public",
                                                              "kernel-id",
                                                              "manifest-location",
                                                              "name",
                                                              "owner-alias",
                                                              "owner-id",
                                                              "platform",
                                                              "product-code",
                                                              "product-code.type",
                                                              "ramdisk-id",
                                                              "root-device-name",
                                                              "root-device-type",
                                                              "source-image-id",
                                                              "source-image-region",
                                                              "source-instance-id",
                                                              "state",
                                                              "state-reason-code",
                                                              "state-reason-message",
                                                              "sriov-net-support",
                                                              "virtualization-type"};
  return is_tag_filter(name) || kNames.count(name) != 0;
}

Values image_filter_values(const ListedImage& listed, const Ec2Tags& tags, const std::string& name) {
  const Ec2ImageEntry& image = *listed.entry;
  if (name == "state") return {listed.state};
  if (name == "source-instance-id") {
    return listed.source_instance_id.empty() ? Values{} : Values{listed.source_instance_id};
  }
  auto yes_no = [](bool b) { return Values{b ? "true" : "false"}; };
  if (is_tag_filter(name)) return tag_filter_values(tags, name);
  if (name == "architecture") return {image.architecture};
  if (name == "block-device-mapping.delete-on-termination") return {"true"};
  if (name == "block-device-mapping.device-name") return {image.root_device_name};
  if (name == "block-device-mapping.snapshot-id") return {derived_id("snap", image.id)};
  if (name == "block-device-mapping.volume-size") return {std::to_string(root_volume_gib(image))};
  if (name == "block-device-mapping.volume-type") return {"gp3"};
  if (name == "block-device-mapping.encrypted") return {"false"};
  if (name == "creation-date") return {image.creation_date};
  if (name == "description") return image.description.empty() ? Values{} : Values{image.description};
  if (name == "ena-support") return yes_no(image.ena_support);
  if (name == "hypervisor") return {"xen"};
  if (name == "image-allowed") return {"true"};
  if (name == "image-id") return {image.id};
  if (name == "image-type") return {"machine"};
  if (name == "is-public") return yes_no(image.is_public);
  if (name == "manifest-location") return {image_location(image)};
  if (name == "name") return {image.name};
  if (name == "owner-alias") return image.owner_alias.empty() ? Values{} : Values{image.owner_alias};
  if (name == "owner-id") return {image.owner_id};
  if (name == "platform") return image.platform.empty() ? Values{} : Values{image.platform};
  if (name == "root-device-name") return {image.root_device_name};
  if (name == "root-device-type") return {image.root_device_type};
  if (name == "sriov-net-support") return {"simple"};
  if (name == "virtualization-type") return {image.virtualization_type};
  return {};
}

nlohmann::json image_json(const ListedImage& listed, const Ec2Tags& tags) {
  const Ec2ImageEntry& image = *listed.entry;
  nlohmann::json j = {{"imageId", image.id},
                      {"imageLocation", image_location(image)},
                      {"imageState", listed.state},
                      {"imageOwnerId", image.owner_id},
                      {"creationDate", image.creation_date},
                      {"isPublic", image.is_public},
                      {"architecture", image.architecture},
                      {"imageType", "machine"},
                      {"name", image.name},
                      {"platformDetails", image.platform_details},
                      {"usageOperation", image.platform == "windows" ? "RunInstances:0002" : "RunInstances"},
                      {"rootDeviceType", image.root_device_type},
                      {"rootDeviceName", image.root_device_name},
                      {"virtualizationType", image.virtualization_type},
                      {"hypervisor", "xen"},
                      {"enaSupport", image.ena_support},
                      {"sriovNetSupport", "simple"}};
  j["blockDeviceMapping"] = nlohmann::json::array({{{"deviceName", image.root_device_name},
                                                    {"ebs",
                                                     {{"deleteOnTermination", true},
                                                      {"snapshotId", derived_id("snap", image.id)},
                                                      {"volumeSize", root_volume_gib(image)},
                                                      {"volumeType", "gp3"},
                                                      {"encrypted", false}}}}});
  if (!image.description.empty()) j["description"] = image.description;
  if (!image.owner_alias.empty()) j["imageOwnerAlias"] = image.owner_alias;
  if (!image.platform.empty()) j["platform"] = image.platform;
  if (!tags.empty()) j["tagSet"] = tag_set_json(tags);
  if (!listed.source_instance_id.empty()) j["sourceInstanceId"] = listed.source_instance_id;
  return j;
}

// Owner.N: self, an alias (amazon, aws-marketplace, aws-backup-vault) or an account id.
Result<std::vector<std::string>> read_owners(const nlohmann::json& params, const std::string& self) {
  auto owners = distinct_param_strings(params, "Owner");
  for (auto& owner : owners) {
    if (owner == "self") owner = self;
    const bool alias = owner == "amazon" || owner == "aws-marketplace" || owner == "aws-backup-vault";
    if (!alias && !is_account_id(owner))
      return ec2_error("InvalidUserID.Malformed", "Invalid user id: \"" + owner + "\"");
  }
  for (const auto& user : param_strings(params, "ExecutableBy")) {
    if (user != "all" && user != "self" && !is_account_id(user)) {
      return ec2_error("InvalidUserID.Malformed", "Invalid user id: \"" + user + "\"");
    }
  }
  return owners;
}

std::optional<ApiError> check_image_ids(const std::vector<std::string>& ids, const Ec2Settings& settings,
                                        const std::map<std::string, Ec2Image>& created) {
  std::vector<std::string> missing;
  for (const auto& id : ids) {
    if (!is_ec2_resource_id(id, "ami")) {
      return ec2_error("InvalidAMIID.Malformed", "Invalid id: \"" + id + "\" (expecting \"ami-...\")");
    }
    if (!settings.find_image(id) && !created.count(id)) missing.push_back(id);
  }
  if (missing.empty()) return std::nullopt;
  std::string joined;
  for (const auto& id : missing) joined += (joined.empty() ? "" : ", ") + id;
  if (missing.size() == 1) return ec2_error("InvalidAMIID.NotFound", "The image id '[" + joined + "]' does not exist");
  return ec2_error("InvalidAMIID.NotFound", "The image ids '[" + joined + "]' do not exist");
}

}  // namespace

int root_volume_gib(const Ec2ImageEntry& image) {
  return image.platform == "windows" ? 30 : 8;
}

ApiResult describe_images(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const Ec2Settings& settings = ctx.config.ec2;
  const auto ids = distinct_param_strings(request.params, "ImageId");
  auto owners = read_owners(request.params, request.identity.account_id);
  if (!owners) return owners.error();
  auto filters = read_filters(request.params, is_image_filter);
  if (!filters) return filters.error();
  auto page = read_page(request.params, 5, 1000);
  if (!page) return page.error();
  bool ignored = false;
  if (auto e = read_flag(request.params, "IncludeDeprecated", ignored)) return *e;
  if (auto e = read_flag(request.params, "IncludeDisabled", ignored)) return *e;
  if (auto e = check_dry_run(request.params)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  // Copies, so that the listing runs without the lock.
  const auto copied =
      store.with_region(scope.account, scope.region.name, ctx.now, settings,
                        [](Ec2RegionState& state) { return std::make_pair(state.resource_tags, state.images); });
  const auto& tags = copied.first;
  const auto& created = copied.second;
  if (auto e = check_image_ids(ids, settings, created)) return *e;
  std::vector<ListedImage> images;
  for (const auto& entry : settings.images) images.push_back({&entry, "available", ""});
  std::vector<const Ec2Image*> by_age;
  for (const auto& [_, image] : created) by_age.push_back(&image);
  std::sort(by_age.begin(), by_age.end(), [](const auto* a, const auto* b) { return a->seq < b->seq; });
  for (const auto* image : by_age) {
    images.push_back({&image->entry, image_state(*image, ctx.now, settings), image->source_instance_id});
  }
  const auto& wanted_owners = *owners;
  ApiResponse response;
  auto& out = response.body["imagesSet"] = nlohmann::json::array();
  const auto tags_for = [&](const Ec2ImageEntry& image) {
    const auto it = tags.find(image.id);
    return it == tags.end() ? Ec2Tags{} : it->second;
  };
  const std::string next = paginate(
      *page, images, [&](const ListedImage& listed) { return static_cast<uint64_t>(&listed - images.data()); },
      [&](const ListedImage& listed) {
        const Ec2ImageEntry& image = *listed.entry;
        if (!ids.empty() && std::find(ids.begin(), ids.end(), image.id) == ids.end()) return false;
        if (!wanted_owners.empty() && std::none_of(wanted_owners.begin(), wanted_owners.end(), [&](const auto& o) {
              return o == image.owner_id || o == image.owner_alias;
            })) {
          return false;
        }
        const Ec2Tags image_tags = tags_for(image);
        return filters_match(*filters,
                             [&](const std::string& name) { return image_filter_values(listed, image_tags, name); });
      },
      [&](const ListedImage& listed) { out.push_back(image_json(listed, tags_for(*listed.entry))); });
  if (!next.empty()) response.body["nextToken"] = next;
  return response;
}

}  // namespace chokepoint
