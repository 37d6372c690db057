#include "services/cloudformation/ec2_volume_requests.hpp"

#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;
using Verdict = ChainTask::Verdict;

// The properties ModifyVolume changes in place.
constexpr const char* kModifiable[] = {"Size", "VolumeType", "Iops", "Throughput", "MultiAttachEnabled"};

}  // namespace

json create_volume_request(const json& props, const std::string& client_token) {
  json r = {{"ClientToken", client_token}};
  for (const char* key : {"AvailabilityZone", "Size", "SnapshotId", "VolumeType", "Iops", "Throughput", "Encrypted",
                          "KmsKeyId", "MultiAttachEnabled", "OutpostArn"}) {
    if (auto v = prop_string(props, key)) r[key] = *v;
  }
  if (props.contains("Tags") && !tag_list(props["Tags"]).empty()) {
    r["TagSpecification"] = json::array({{{"ResourceType", "volume"}, {"Tag", tag_list(props["Tags"])}}});
  }
  return r;
}

json modify_volume_request(const std::string& volume_id, const json& before, const json& after) {
  json r = {{"VolumeId", volume_id}};
  bool changed = false;
  for (const char* key : kModifiable) {
    const auto old_value = prop_string(before, key), new_value = prop_string(after, key);
    if (new_value) r[key] = *new_value;
    changed = changed || old_value != new_value;
  }
  return changed ? r : json();
}

void wait_for_volume(ChainTask& task, std::shared_ptr<VolumeWatch> watch, VolumeReading read, std::string target,
                     bool gone_ok, const std::string& token) {
  task.then(
      [watch] {
        return ProviderStep::call("ec2", "DescribeVolumes", {{"VolumeId", json::array({watch->volume_id})}});
      },
      [watch, read, target, gone_ok, token](const CallOutcome& outcome, std::string& reason) {
        const ApiError* e = error_of(outcome);
        if (e && e->code == "InvalidVolume.NotFound" && gone_ok) return Verdict::kNext;
        if (e) {
          reason = handler_failure_reason(outcome, token);
          return Verdict::kFail;
        }
        const json volumes = std::get<ApiResponse>(outcome.result).tree().value("volumeSet", json::array());
        const std::string current = volumes.empty() ? "" : read(volumes[0]);
        if (current == target || (gone_ok && volumes.empty())) return Verdict::kNext;
        if (++watch->polls < kMaxStatusPolls) return Verdict::kRepeat;
        reason = "Volume " + watch->volume_id + " failed to stabilize. Current state: " + current + ".";
        return Verdict::kFail;
      });
}

}  // namespace chokepoint
