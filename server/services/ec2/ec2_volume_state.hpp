#pragma once
// What every volume and snapshot call does to its region first, and the look-ups they share: the instances'
// root volumes become volume records, volumes of terminated instances are deleted (DeleteOnTermination) or
// detached, and transitions that fell due complete.
#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "protocol/result.hpp"
#include "services/ec2/ec2_pagination.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_store.hpp"

namespace chokepoint {

// How long each EBS transition takes on the emulated clock (creating, attaching, detaching, each step of a
// modification, a snapshot's pending state): as long as an instance's pending state, so `ec2.pending_seconds`
// sets both and tests that speed up instances speed up volumes too.
Duration ebs_delay(const Ec2Settings& settings);

void settle_volumes(Ec2RegionState& state, const Ec2Scope& scope, TimePoint now);

// The next creation sequence for a volume or a snapshot (one past the largest in use).
uint64_t next_volume_seq(const Ec2RegionState& state);
uint64_t next_snapshot_seq(const Ec2RegionState& state);

// InvalidVolumeID.Malformed for an id that is not vol-...; InvalidVolume.NotFound for one that does not exist.
Result<Ec2Volume*> find_volume(Ec2RegionState& state, const std::string& id);
Result<Ec2Snapshot*> find_snapshot(Ec2RegionState& state, const std::string& id);
// Only the malformed-id check, for lists of ids read before the region is locked.
std::optional<ApiError> check_volume_id(const std::string& id);
std::optional<ApiError> check_snapshot_id(const std::string& id);

// The ARN of the key KmsKeyId names (a key id, alias name, or ARN), or of the account's default EBS key (aws/ebs).
std::string ebs_kms_key_arn(const Ec2Scope& scope, const std::string& kms_key_id);

// Adds the volumes attached to `instance_id` other than its root volume (which instance_json shows) to an
// Instance's blockDeviceMapping.
void add_attached_volumes(nlohmann::json& instance, const Ec2RegionState& state, const std::string& instance_id);

}  // namespace chokepoint

namespace chokepoint {

// Lists volumes in creation order for a Describe call: every listed id must exist (else InvalidVolume.NotFound,
// for the first missing one); then the ids, `keep` and the page select what `emit` gets. Returns the NextToken.
template <typename Keep, typename Emit>
Result<std::string> list_volumes(Ec2RegionState& state, const std::vector<std::string>& ids, const Ec2Page& page,
                                 Keep keep, Emit emit) {
  for (const auto& id : ids) {
    auto found = find_volume(state, id);
    if (!found) return found.error();
  }
  std::vector<const Ec2Volume*> ordered;
  for (const auto& entry : state.volumes) {
    const Ec2Volume& volume = entry.second;
    if (ids.empty() || std::find(ids.begin(), ids.end(), volume.id) != ids.end()) ordered.push_back(&volume);
  }
  std::sort(ordered.begin(), ordered.end(), [](const Ec2Volume* a, const Ec2Volume* b) { return a->seq < b->seq; });
  return paginate(
      page, ordered, [](const Ec2Volume* v) { return v->seq; }, [&](const Ec2Volume* v) { return keep(*v); },
      [&](const Ec2Volume* v) { emit(*v); });
}

}  // namespace chokepoint
