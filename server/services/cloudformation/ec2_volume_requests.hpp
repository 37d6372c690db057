#pragma once
// EC2 API requests for AWS::EC2::Volume and AWS::EC2::VolumeAttachment, in the EC2 query form the emulated
// service decodes (values as text), and a link that polls DescribeVolumes until a volume settles.
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "services/cloudformation/chain_task.hpp"

namespace chokepoint {

nlohmann::json create_volume_request(const nlohmann::json& props, const std::string& client_token);
// ModifyVolume for an update that changes the size, type, IOPS, throughput or Multi-Attach; null when none does.
nlohmann::json modify_volume_request(const std::string& volume_id, const nlohmann::json& before,
                                     const nlohmann::json& after);

struct VolumeWatch {
  std::string volume_id;
  int polls = 0;
};

// What a poll reads from the volume as DescribeVolumes shows it (its status, or one attachment's status).
using VolumeReading = std::function<std::string(const nlohmann::json& volume)>;

// DescribeVolumes until `read` gives `target`; `gone_ok`: a volume that no longer exists counts as reached.
void wait_for_volume(ChainTask& task, std::shared_ptr<VolumeWatch> watch, VolumeReading read, std::string target,
                     bool gone_ok, const std::string& token);

}  // namespace chokepoint
