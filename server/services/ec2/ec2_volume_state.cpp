#include "services/ec2/ec2_volume_state.hpp"

#include <algorithm>

#include "common/time_format.hpp"
#include "services/ec2/ec2_catalogs.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_network.hpp"

namespace chokepoint {

namespace {

// gp3 is the root volume type of the catalog's images (DescribeImages' blockDeviceMapping says so).
Ec2Volume root_volume_of(const Ec2Instance& instance, const Ec2Scope& scope, uint64_t seq) {
  Ec2Volume v;
  v.seq = seq;
  v.id = instance.root_volume_id;
  v.zone = instance.zone;
  v.zone_id = instance.zone_id;
  const Ec2ImageEntry* image = scope.settings.find_image(instance.image_id);
  v.snapshot_id = derived_id("snap", instance.image_id);
  v.state = "in-use";
  v.create_time = instance.launch_time;
  v.shape = Ec2VolumeShape{image ? root_volume_gib(*image) : 8, "gp3", 3000, 125, false};
  v.root = true;
  v.attachments.push_back(
      {instance.id, instance.root_device_name, "attached", instance.launch_time, instance.launch_time, true});
  return v;
}

void add_root_volumes(Ec2RegionState& state, const Ec2Scope& scope) {
  for (const auto& [_, instance] : state.instances) {
    if (instance.state == Ec2InstanceState::kTerminated || instance.root_volume_id.empty()) continue;
    if (state.volumes.count(instance.root_volume_id)) continue;
    state.volumes.emplace(instance.root_volume_id, root_volume_of(instance, scope, next_volume_seq(state)));
  }
}

// A terminated instance's volumes: deleted when the attachment says so, else detached.
void release_terminated(Ec2RegionState& state) {
  const auto gone = [&](const Ec2VolumeAttachment& a) {
    const Ec2Instance* instance = state.find(a.instance_id);
    return !instance || instance->state == Ec2InstanceState::kTerminated;
  };
  for (auto it = state.volumes.begin(); it != state.volumes.end();) {
    Ec2Volume& volume = it->second;
    const bool deleted = std::any_of(volume.attachments.begin(), volume.attachments.end(),
                                     [&](const Ec2VolumeAttachment& a) { return gone(a) && a.delete_on_termination; });
    if (deleted) {
      state.resource_tags.erase(it->first);
      it = state.volumes.erase(it);
      continue;
    }
    if (std::erase_if(volume.attachments, gone) != 0 && volume.attachments.empty()) volume.state = "available";
    ++it;
  }
}

template <typename Map>
uint64_t next_seq(const Map& items) {
  uint64_t largest = 0;
  for (const auto& [_, item] : items) largest = std::max(largest, item.seq);
  return largest + 1;
}

}  // namespace

Duration ebs_delay(const Ec2Settings& settings) {
  return settings.pending_delay;
}

void settle_volumes(Ec2RegionState& state, const Ec2Scope& scope, TimePoint now) {
  add_root_volumes(state, scope);
  release_terminated(state);
  const Duration delay = ebs_delay(scope.settings);
  for (auto& [_, volume] : state.volumes) advance_volume(volume, now, delay);
  for (auto& [_, snapshot] : state.snapshots) advance_snapshot(snapshot, now, delay);
}

uint64_t next_volume_seq(const Ec2RegionState& state) {
  return next_seq(state.volumes);
}

uint64_t next_snapshot_seq(const Ec2RegionState& state) {
  return next_seq(state.snapshots);
}

std::optional<ApiError> check_volume_id(const std::string& id) {
  if (is_ec2_resource_id(id, "vol")) return std::nullopt;
  return ec2_error("InvalidVolumeID.Malformed", "Invalid id: \"" + id + "\" (expecting \"vol-...\")");
}

std::optional<ApiError> check_snapshot_id(const std::string& id) {
  if (is_ec2_resource_id(id, "snap")) return std::nullopt;
  return ec2_error("InvalidSnapshotID.Malformed", "Invalid id: \"" + id + "\" (expecting \"snap-...\")");
}

Result<Ec2Volume*> find_volume(Ec2RegionState& state, const std::string& id) {
  if (auto e = check_volume_id(id)) return *e;
  const auto it = state.volumes.find(id);
  if (it == state.volumes.end()) {
    return ec2_error("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
  }
  return &it->second;
}

Result<Ec2Snapshot*> find_snapshot(Ec2RegionState& state, const std::string& id) {
  if (auto e = check_snapshot_id(id)) return *e;
  const auto it = state.snapshots.find(id);
  if (it == state.snapshots.end()) {
    return ec2_error("InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
  }
  return &it->second;
}

std::string ebs_kms_key_arn(const Ec2Scope& scope, const std::string& kms_key_id) {
  const std::string prefix = "arn:aws:kms:" + scope.region.name + ":" + scope.account + ":";
  if (kms_key_id.rfind("arn:", 0) == 0) return kms_key_id;
  if (kms_key_id.rfind("alias/", 0) == 0) return prefix + kms_key_id;
  if (!kms_key_id.empty()) return prefix + "key/" + kms_key_id;
  // The default key is the account's and region's own; a key id is a UUID: 8-4-4-4-12 hex digits.
  const std::string seed = scope.account + "/" + scope.region.name + "/aws/ebs";
  const std::string hex = derived_id("k", seed).substr(3) + derived_id("k", seed + "/2").substr(3);
  return prefix + "key/" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

void add_attached_volumes(nlohmann::json& instance, const Ec2RegionState& state, const std::string& instance_id) {
  for (const auto& [id, volume] : state.volumes) {
    const Ec2VolumeAttachment* a = volume.root ? nullptr : attachment_to(volume, instance_id);
    if (!a) continue;
    instance["blockDeviceMapping"].push_back({{"deviceName", a->device},
                                              {"ebs",
                                               {{"volumeId", id},
                                                {"status", a->status},
                                                {"attachTime", iso8601_millis(a->attach_time)},
                                                {"deleteOnTermination", a->delete_on_termination}}}});
  }
}

}  // namespace chokepoint
