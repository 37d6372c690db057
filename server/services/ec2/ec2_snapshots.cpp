#include "services/ec2/ec2_snapshots.hpp"

#include <unordered_set>

#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_pagination.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_tags.hpp"
#include "services/ec2/ec2_volume_state.hpp"

namespace chokepoint {

namespace {

// The volume id AWS gives a copied snapshot: it was not made from a volume of the account.
constexpr const char* kCopiedVolumeId = "vol-ffffffff";

bool is_snapshot_filter(std::string_view name) {
  static const std::unordered_set<std::string_view> kNames = {
      "description", "encrypted", "owner-alias",  "owner-id",      "progress",  "snapshot-id",
      "start-time",  "status",    "storage-tier", "transfer-type", "volume-id", "volume-size"};
  return kNames.count(name) != 0 || is_tag_filter(name);
}

std::vector<std::string> snapshot_filter_values(const nlohmann::json& s, const Ec2Tags& tags, const std::string& name) {
  static const std::pair<const char*, const char*> kFields[] = {
      {"description", "description"}, {"encrypted", "encrypted"},      {"owner-id", "ownerId"},
      {"progress", "progress"},       {"snapshot-id", "snapshotId"},   {"start-time", "startTime"},
      {"status", "status"},           {"storage-tier", "storageTier"}, {"volume-id", "volumeId"},
      {"volume-size", "volumeSize"}};
  for (const auto& [filter, field] : kFields) {
    if (name != filter) continue;
    const auto& value = s[field];
    return {value.is_string() ? value.get<std::string>() : value.dump()};
  }
  return tag_filter_values(tags, name);
}

// OwnerIds and RestorableByUserIds: which of the account's own snapshots the call asks for. Every snapshot here is
// the caller's and private, so "self" and the account's id select them, and "amazon" or "all" (public) do not.
bool names_caller(const std::vector<std::string>& who, const std::string& account) {
  if (who.empty()) return true;
  for (const auto& w : who) {
    if (w == "self" || w == account) return true;
  }
  return false;
}

// Stores `snapshot` under a new id with its tags, and returns that id.
std::string add_snapshot(Ec2RegionState& state, Ec2Snapshot snapshot, const Ec2TagList& tags, CallContext& ctx) {
  snapshot.seq = next_snapshot_seq(state);
  snapshot.id = new_resource_id(ctx, "snap");
  snapshot.state = "pending";
  snapshot.start_time = ctx.now;
  snapshot.since = ctx.now;
  if (!tags.empty()) {
    Ec2Tags& target = tags_of(state, snapshot.id);
    for (const auto& [key, value] : tags) target[key] = value;
  }
  const std::string id = snapshot.id;
  state.snapshots.emplace(id, std::move(snapshot));
  return id;
}

}  // namespace

ApiResult create_snapshot(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto volume_id = read_required_string(request.params, "VolumeId");
  if (!volume_id) return volume_id.error();
  auto tags = read_tag_specifications(request.params, "snapshot");
  if (!tags) return tags.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        settle_volumes(state, scope, ctx.now);
        auto volume = find_volume(state, *volume_id);
        if (!volume) return volume.error();
        if (auto e = check_dry_run(request.params)) return *e;
        const Ec2Volume& v = **volume;
        Ec2Snapshot snapshot;
        snapshot.volume_id = v.id;
        snapshot.owner_id = scope.account;
        snapshot.description = param_string(request.params, "Description").value_or("");
        snapshot.volume_size_gib = v.shape.size_gib;
        snapshot.encrypted = v.encrypted;
        snapshot.kms_key_id = v.kms_key_id;
        const std::string id = add_snapshot(state, std::move(snapshot), *tags, ctx);
        ApiResponse response;
        response.body =
            snapshot_json(state.snapshots.at(id), existing_tags(state, id), ctx.now, ebs_delay(scope.settings));
        return response;
      });
}

ApiResult describe_snapshots(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto& params = request.params;
  const auto ids = distinct_param_strings(params, "SnapshotId");
  for (const auto& id : ids) {
    if (auto e = check_snapshot_id(id)) return *e;
  }
  const auto owners = param_strings(params, "Owner");
  const auto restorable_by = param_strings(params, "RestorableBy");
  auto filters = read_filters(params, is_snapshot_filter);
  if (!filters) return filters.error();
  auto page = read_page(params, 5, 1000);
  if (!page) return page.error();
  if (!ids.empty() && param(params, "MaxResults")) {
    return ec2_error("InvalidParameterCombination",
                     "The parameter snapshotSet cannot be used with the parameter maxResults");
  }
  if (auto e = check_dry_run(params)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  const bool visible = names_caller(owners, scope.account) && names_caller(restorable_by, scope.account);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             settle_volumes(state, scope, ctx.now);
                             for (const auto& id : ids) {
                               auto found = find_snapshot(state, id);
                               if (!found) return found.error();
                             }
                             const Duration delay = ebs_delay(scope.settings);
                             std::vector<const Ec2Snapshot*> ordered;
                             for (const auto& entry : state.snapshots) {
                               const Ec2Snapshot& s = entry.second;
                               if (ids.empty() || std::find(ids.begin(), ids.end(), s.id) != ids.end())
                                 ordered.push_back(&s);
                             }
                             std::sort(ordered.begin(), ordered.end(),
                                       [](const Ec2Snapshot* a, const Ec2Snapshot* b) { return a->seq < b->seq; });
                             nlohmann::json out = nlohmann::json::array();
                             const std::string next = paginate(
                                 *page, ordered, [](const Ec2Snapshot* s) { return s->seq; },
                                 [&](const Ec2Snapshot* s) {
                                   const Ec2Tags& tags = existing_tags(state, s->id);
                                   const nlohmann::json j = snapshot_json(*s, tags, ctx.now, delay);
                                   return visible && filters_match(*filters, [&](const std::string& name) {
                                            return snapshot_filter_values(j, tags, name);
                                          });
                                 },
                                 [&](const Ec2Snapshot* s) {
                                   out.push_back(snapshot_json(*s, existing_tags(state, s->id), ctx.now, delay));
                                 });
                             ApiResponse response;
                             response.body["snapshotSet"] = std::move(out);
                             if (!next.empty()) response.body["nextToken"] = next;
                             return response;
                           });
}

ApiResult delete_snapshot(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto id = read_required_string(request.params, "SnapshotId");
  if (!id) return id.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             settle_volumes(state, scope, ctx.now);
                             auto found = find_snapshot(state, *id);
                             if (!found) return found.error();
                             if (auto e = check_dry_run(request.params)) return *e;
                             state.resource_tags.erase(*id);
                             state.snapshots.erase(*id);
                             ApiResponse response;
                             response.body["return"] = true;
                             return response;
                           });
}

ApiResult copy_snapshot(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto& params = request.params;
  auto source_id = read_required_string(params, "SourceSnapshotId");
  if (!source_id) return source_id.error();
  auto source_region_name = read_required_string(params, "SourceRegion");
  if (!source_region_name) return source_region_name.error();
  const RegionEntry* source_region = ctx.config.find_region(*source_region_name);
  if (!source_region) return ec2_invalid_value("SourceRegion", *source_region_name);
  bool encrypted = false;
  if (auto e = read_flag(params, "Encrypted", encrypted)) return *e;
  auto tags = read_tag_specifications(params, "snapshot");
  if (!tags) return tags.error();
  const Ec2Scope scope = scope_of(request, ctx);
  const Ec2Scope source_scope{scope.account, *source_region, scope.settings};
  // The source is read under its own region's lock, then the copy is added under the destination's.
  auto source = store.with_region(
      scope.account, source_region->name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> Result<Ec2Snapshot> {
        settle_volumes(state, source_scope, ctx.now);
        auto found = find_snapshot(state, *source_id);
        if (!found) return found.error();
        if ((*found)->state != "completed") {
          return ec2_error("IncorrectState", "Snapshot '" + *source_id + "' is in the 'pending' state.");
        }
        return **found;
      });
  if (!source) return source.error();
  const auto kms_key = param_string(params, "KmsKeyId");
  if (kms_key && !encrypted && !source->encrypted) {
    return ec2_error("InvalidParameterDependency",
                     "The parameter KmsKeyId requires the parameter Encrypted to be set.");
  }
  if (auto e = check_dry_run(params)) return *e;
  Ec2Snapshot copy = *source;
  copy.volume_id = kCopiedVolumeId;
  copy.description = param_string(params, "Description").value_or("");
  copy.encrypted = encrypted || source->encrypted;
  if (kms_key) {
    copy.kms_key_id = ebs_kms_key_arn(scope, *kms_key);
  } else if (copy.encrypted && (!source->encrypted || source_region->name != scope.region.name)) {
    // A key belongs to its region: a copy to another region, or a newly encrypted one, gets the default key.
    copy.kms_key_id = ebs_kms_key_arn(scope, "");
  }
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             const std::string id = add_snapshot(state, std::move(copy), *tags, ctx);
                             ApiResponse response;
                             response.body["snapshotId"] = id;
                             if (!tags->empty()) response.body["tagSet"] = tag_set_json(existing_tags(state, id));
                             return response;
                           });
}

}  // namespace chokepoint
