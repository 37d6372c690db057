// Creating, describing and deleting volumes, and their status checks.
#include "services/ec2/ec2_volumes.hpp"

#include <unordered_set>

#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_pagination.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_regions.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_tags.hpp"
#include "services/ec2/ec2_volume_rules.hpp"
#include "services/ec2/ec2_volume_state.hpp"

namespace chokepoint {

namespace {

struct Zone {
  std::string name;
  std::string id;
};

// AvailabilityZone or AvailabilityZoneId: one of the region's zones.
Result<Zone> volume_zone(const nlohmann::json& params, const Ec2Scope& scope) {
  const auto name = param_string(params, "AvailabilityZone");
  const auto id = param_string(params, "AvailabilityZoneId");
  if (!name && !id) return ec2_missing_parameter("AvailabilityZone");
  for (size_t i = 0; i < scope.region.zones.size(); ++i) {
    Zone zone{scope.region.zones[i], zone_id(scope.region.name, i)};
    if ((name && *name == zone.name) || (!name && *id == zone.id)) return zone;
  }
  return ec2_error("InvalidParameterValue", "Invalid availability zone: [" + (name ? *name : *id) + "]");
}

// The parameters that make two CreateVolume calls the same request, for ClientToken.
std::string create_fingerprint(const nlohmann::json& params) {
  nlohmann::json copy = params;
  copy.erase("ClientToken");
  copy.erase("DryRun");
  return copy.dump();
}

Ec2Volume* volume_of_token(Ec2RegionState& state, const std::string& token) {
  if (token.empty()) return nullptr;
  for (auto& [_, volume] : state.volumes) {
    if (volume.client_token == token) return &volume;
  }
  return nullptr;
}

// The volume CreateVolume describes, without its id and time: zone, snapshot, shape and encryption.
Result<Ec2Volume> volume_of_call(Ec2RegionState& state, const ApiRequest& request, const Ec2Scope& scope) {
  const auto& params = request.params;
  auto zone = volume_zone(params, scope);
  if (!zone) return zone.error();
  Ec2Volume v;
  v.zone = zone->name;
  v.zone_id = zone->id;
  Ec2VolumeShape base{0, "gp2", std::nullopt, std::nullopt, false};
  const Ec2Snapshot* snapshot = nullptr;
  if (const auto snapshot_id = param_string(params, "SnapshotId")) {
    auto found = find_snapshot(state, *snapshot_id);
    if (!found) return found.error();
    snapshot = *found;
    v.snapshot_id = snapshot->id;
    base.size_gib = snapshot->volume_size_gib;
  }
  auto shape = volume_shape_of(params, base);
  if (!shape) return shape.error();
  if (snapshot && shape->size_gib < snapshot->volume_size_gib) {
    return ec2_error("InvalidParameterValue",
                     "Volume of " + std::to_string(shape->size_gib) + "GiB is smaller than snapshot '" + snapshot->id +
                         "', expect size >= " + std::to_string(snapshot->volume_size_gib) + "GiB");
  }
  v.shape = *shape;
  if (auto e = read_flag(params, "Encrypted", v.encrypted)) return *e;
  const auto kms_key = param_string(params, "KmsKeyId");
  if (kms_key && !v.encrypted && !(snapshot && snapshot->encrypted)) {
    return ec2_error("InvalidParameterDependency",
                     "The parameter KmsKeyId requires the parameter Encrypted to be set.");
  }
  // A volume restored from an encrypted snapshot is encrypted, with the snapshot's key unless the call names one.
  if (snapshot && snapshot->encrypted) {
    v.encrypted = true;
    v.kms_key_id = kms_key ? ebs_kms_key_arn(scope, *kms_key) : snapshot->kms_key_id;
  } else if (v.encrypted) {
    v.kms_key_id = ebs_kms_key_arn(scope, kms_key.value_or(""));
  }
  v.client_token = param_string(params, "ClientToken").value_or("");
  v.fingerprint = create_fingerprint(params);
  return v;
}

bool is_volume_filter(std::string_view name) {
  static const std::unordered_set<std::string_view> kNames = {"attachment.attach-time",
                                                              "attachment.delete-on-termination",
                                                              "attachment.device",
                                                              "attachment.instance-id",
                                                              "attachment.status",
                                                              "availability-zone",
                                                              "availability-zone-id",
                                                              "create-time",
                                                              "encrypted",
                                                              "fast-restored",
                                                              "multi-attach-enabled",
                                                              "operator.managed",
                                                              "operator.principal",
                                                              "size",
                                                              "snapshot-id",
                                                              "status",
                                                              "volume-id",
                                                              "volume-type"};
  return kNames.count(name) != 0 || is_tag_filter(name);
}

std::string bool_text(bool value) {
  return value ? "true" : "false";
}

std::vector<std::string> volume_filter_values(const Ec2Volume& v, const Ec2Tags& tags, const std::string& name) {
  std::vector<std::string> out;
  if (name.rfind("attachment.", 0) == 0) {
    for (const auto& item : v.attachments) {
      const nlohmann::json a = volume_attachment_json(v.id, item);
      if (name == "attachment.attach-time") out.push_back(a["attachTime"]);
      if (name == "attachment.delete-on-termination") out.push_back(bool_text(item.delete_on_termination));
      if (name == "attachment.device") out.push_back(item.device);
      if (name == "attachment.instance-id") out.push_back(item.instance_id);
      if (name == "attachment.status") out.push_back(item.status);
    }
    return out;
  }
  const nlohmann::json j = volume_json(v, tags);
  if (name == "availability-zone") return {v.zone};
  if (name == "availability-zone-id") return {v.zone_id};
  if (name == "create-time") return {j["createTime"]};
  if (name == "encrypted") return {bool_text(v.encrypted)};
  if (name == "fast-restored") return {"false"};
  if (name == "multi-attach-enabled") return {bool_text(v.shape.multi_attach)};
  if (name == "operator.managed") return {"false"};
  if (name == "size") return {std::to_string(v.shape.size_gib)};
  if (name == "snapshot-id") return {v.snapshot_id};
  if (name == "status") return {v.state};
  if (name == "volume-id") return {v.id};
  if (name == "volume-type") return {v.shape.type};
  return tag_filter_values(tags, name);
}

// What DescribeVolumes and DescribeVolumeStatus read before they look at any volume.
struct VolumeQuery {
  std::vector<std::string> ids;
  std::vector<Ec2Filter> filters;
  Ec2Page page;
};

Result<VolumeQuery> read_volume_query(const nlohmann::json& params,
                                      const std::function<bool(std::string_view)>& known_filter, long long max_page) {
  VolumeQuery q;
  q.ids = distinct_param_strings(params, "VolumeId");
  for (const auto& id : q.ids) {
    if (auto e = check_volume_id(id)) return *e;
  }
  auto filters = read_filters(params, known_filter);
  if (!filters) return filters.error();
  q.filters = std::move(*filters);
  auto page = read_page(params, 5, max_page);
  if (!page) return page.error();
  q.page = *page;
  if (!q.ids.empty() && param(params, "MaxResults")) {
    return ec2_error("InvalidParameterCombination",
                     "The parameter volumeSet cannot be used with the parameter maxResults");
  }
  if (auto e = check_dry_run(params)) return *e;
  return q;
}

bool is_volume_status_filter(std::string_view name) {
  static const std::unordered_set<std::string_view> kNames = {"action.code",
                                                              "action.description",
                                                              "action.event-id",
                                                              "availability-zone",
                                                              "event.description",
                                                              "event.event-id",
                                                              "event.event-type",
                                                              "event.not-after",
                                                              "event.not-before",
                                                              "volume-status.details-name",
                                                              "volume-status.details-status",
                                                              "volume-status.status"};
  return kNames.count(name) != 0;
}

// Emulated volumes never fail their checks: I/O is enabled once the volume exists.
std::string volume_status_of(const Ec2Volume& v) {
  return v.state == "creating" ? "insufficient-data" : "ok";
}

std::vector<std::string> volume_status_filter_values(const Ec2Volume& v, const std::string& name) {
  if (name == "availability-zone") return {v.zone};
  if (name == "volume-status.status") return {volume_status_of(v)};
  if (name == "volume-status.details-name") return {"io-enabled", "io-performance"};
  if (name == "volume-status.details-status") return {"passed", "not-applicable"};
  return {};
}

nlohmann::json volume_status_json(const Ec2Volume& v) {
  const bool ready = v.state != "creating";
  nlohmann::json details =
      nlohmann::json::array({{{"name", "io-enabled"}, {"status", ready ? "passed" : "insufficient-data"}},
                             {{"name", "io-performance"}, {"status", "not-applicable"}}});
  return {{"volumeId", v.id},
          {"availabilityZone", v.zone},
          {"availabilityZoneId", v.zone_id},
          {"volumeStatus", {{"status", volume_status_of(v)}, {"details", std::move(details)}}},
          {"actionsSet", nlohmann::json::array()},
          {"eventsSet", nlohmann::json::array()}};
}

}  // namespace

ApiResult create_volume(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto tags = read_tag_specifications(request.params, "volume");
  if (!tags) return tags.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        settle_volumes(state, scope, ctx.now);
        auto volume = volume_of_call(state, request, scope);
        if (!volume) return volume.error();
        if (const Ec2Volume* earlier = volume_of_token(state, volume->client_token)) {
          if (earlier->fingerprint != volume->fingerprint) {
            return ec2_error("IdempotentParameterMismatch",
                             "Arguments on this idempotent request are inconsistent with arguments used in previous "
                             "request(s).");
          }
          if (auto e = check_dry_run(request.params)) return *e;
          ApiResponse response;
          response.body = volume_json(*earlier, existing_tags(state, earlier->id));
          return response;
        }
        if (auto e = check_dry_run(request.params)) return *e;
        volume->seq = next_volume_seq(state);
        volume->id = new_resource_id(ctx, "vol");
        volume->state = "creating";
        volume->create_time = ctx.now;
        if (!tags->empty()) {
          Ec2Tags& target = tags_of(state, volume->id);
          for (const auto& [key, value] : *tags) target[key] = value;
        }
        ApiResponse response;
        response.body = volume_json(*volume, existing_tags(state, volume->id));
        const std::string id = volume->id;
        state.volumes.emplace(id, std::move(*volume));
        return response;
      });
}

ApiResult describe_volumes(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto query = read_volume_query(request.params, is_volume_filter, 500);
  if (!query) return query.error();
  const VolumeQuery& q = *query;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        settle_volumes(state, scope, ctx.now);
        nlohmann::json volumes = nlohmann::json::array();
        const auto next = list_volumes(
            state, q.ids, q.page,
            [&](const Ec2Volume& v) {
              const Ec2Tags& tags = existing_tags(state, v.id);
              return filters_match(q.filters,
                                   [&](const std::string& name) { return volume_filter_values(v, tags, name); });
            },
            [&](const Ec2Volume& v) { volumes.push_back(volume_json(v, existing_tags(state, v.id))); });
        if (!next) return next.error();
        ApiResponse response;
        response.body["volumeSet"] = std::move(volumes);
        if (!next->empty()) response.body["nextToken"] = *next;
        return response;
      });
}

ApiResult delete_volume(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto id = param_string(request.params, "VolumeId");
  if (!id) return ec2_missing_parameter("VolumeId");
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             settle_volumes(state, scope, ctx.now);
                             auto found = find_volume(state, *id);
                             if (!found) return found.error();
                             const Ec2Volume& volume = **found;
                             if (!volume.attachments.empty()) {
                               return ec2_error("VolumeInUse", "Volume " + volume.id + " is currently attached to " +
                                                                   volume.attachments.front().instance_id);
                             }
                             if (auto e = check_dry_run(request.params)) return *e;
                             state.resource_tags.erase(*id);
                             state.volumes.erase(*id);
                             ApiResponse response;
                             response.body["return"] = true;
                             return response;
                           });
}

ApiResult describe_volume_status(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto query = read_volume_query(request.params, is_volume_status_filter, 1000);
  if (!query) return query.error();
  const VolumeQuery& q = *query;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        settle_volumes(state, scope, ctx.now);
        nlohmann::json statuses = nlohmann::json::array();
        const auto next = list_volumes(
            state, q.ids, q.page,
            [&](const Ec2Volume& v) {
              return filters_match(q.filters,
                                   [&](const std::string& name) { return volume_status_filter_values(v, name); });
            },
            [&](const Ec2Volume& v) { statuses.push_back(volume_status_json(v)); });
        if (!next) return next.error();
        ApiResponse response;
        response.body["volumeStatusSet"] = std::move(statuses);
        if (!next->empty()) response.body["nextToken"] = *next;
        return response;
      });
}

}  // namespace chokepoint
