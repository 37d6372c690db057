// Elastic Volumes: ModifyVolume changes a volume's size, type, IOPS, throughput or Multi-Attach; the change is
// modifying, then optimizing (the volume has its new shape from here on), then completed, each step as long as
// the other EBS transitions on the emulated clock.
#include <unordered_set>

#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_volume_rules.hpp"
#include "services/ec2/ec2_volume_state.hpp"
#include "services/ec2/ec2_volumes.hpp"

namespace chokepoint {

namespace {

std::optional<ApiError> check_modifiable(const Ec2Volume& volume) {
  if (volume.state == "creating") {
    return ec2_error("IncorrectState", "Volume '" + volume.id + "' is in the 'creating' state.");
  }
  if (volume.modification && volume.modification->state != "completed") {
    return ec2_error("IncorrectModificationState", "Volume '" + volume.id + "' is already being modified.");
  }
  return std::nullopt;
}

bool is_modification_filter(std::string_view name) {
  static const std::unordered_set<std::string_view> kNames = {
      "modification-state", "original-iops", "original-size", "original-volume-type", "original-multi-attach-enabled",
      "start-time",         "target-iops",   "target-size",   "target-volume-type",   "target-multi-attach-enabled",
      "target-throughput",  "volume-id"};
  return kNames.count(name) != 0;
}

std::vector<std::string> modification_filter_values(const nlohmann::json& m, const std::string& name) {
  static const std::pair<const char*, const char*> kFields[] = {
      {"modification-state", "modificationState"},
      {"original-iops", "originalIops"},
      {"original-size", "originalSize"},
      {"original-volume-type", "originalVolumeType"},
      {"original-multi-attach-enabled", "originalMultiAttachEnabled"},
      {"start-time", "startTime"},
      {"target-iops", "targetIops"},
      {"target-size", "targetSize"},
      {"target-volume-type", "targetVolumeType"},
      {"target-multi-attach-enabled", "targetMultiAttachEnabled"},
      {"target-throughput", "targetThroughput"},
      {"volume-id", "volumeId"}};
  for (const auto& [filter, field] : kFields) {
    if (name != filter || !m.contains(field)) continue;
    const auto& value = m[field];
    return {value.is_string() ? value.get<std::string>() : value.dump()};
  }
  return {};
}

}  // namespace

ApiResult modify_volume(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto id = param_string(request.params, "VolumeId");
  if (!id) return ec2_missing_parameter("VolumeId");
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        settle_volumes(state, scope, ctx.now);
        auto found = find_volume(state, *id);
        if (!found) return found.error();
        Ec2Volume& volume = **found;
        if (auto e = check_modifiable(volume)) return *e;
        auto target = volume_shape_of(request.params, volume.shape);
        if (!target) return target.error();
        if (target->size_gib < volume.shape.size_gib) {
          return ec2_error("InvalidParameterValue", "New size cannot be smaller than existing size");
        }
        if (auto e = check_dry_run(request.params)) return *e;
        volume.modification = Ec2VolumeModification{"modifying", volume.shape, *target, ctx.now, ctx.now};
        ApiResponse response;
        response.body["volumeModification"] =
            volume_modification_json(volume.id, *volume.modification, ctx.now, ebs_delay(scope.settings));
        return response;
      });
}

ApiResult describe_volumes_modifications(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto ids = distinct_param_strings(request.params, "VolumeId");
  for (const auto& id : ids) {
    if (auto e = check_volume_id(id)) return *e;
  }
  auto filters = read_filters(request.params, is_modification_filter);
  if (!filters) return filters.error();
  auto page = read_page(request.params, 5, 500);
  if (!page) return page.error();
  if (auto e = check_dry_run(request.params)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        settle_volumes(state, scope, ctx.now);
        for (const auto& id : ids) {
          auto found = find_volume(state, id);
          if (!found) return found.error();
          if (!(*found)->modification) {
            return ec2_error("InvalidVolumeModification.NotFound",
                             "Modification for volume '" + id + "' does not exist.");
          }
        }
        const Duration delay = ebs_delay(scope.settings);
        nlohmann::json out = nlohmann::json::array();
        const auto next = list_volumes(
            state, ids, *page,
            [&](const Ec2Volume& v) {
              if (!v.modification) return false;
              const nlohmann::json m = volume_modification_json(v.id, *v.modification, ctx.now, delay);
              return filters_match(*filters,
                                   [&](const std::string& name) { return modification_filter_values(m, name); });
            },
            [&](const Ec2Volume& v) {
              out.push_back(volume_modification_json(v.id, *v.modification, ctx.now, delay));
            });
        if (!next) return next.error();
        ApiResponse response;
        response.body["volumeModificationSet"] = std::move(out);
        if (!next->empty()) response.body["nextToken"] = *next;
        return response;
      });
}

}  // namespace chokepoint
