#pragma once
// The size, IOPS and throughput rules of EBS volume types, which CreateVolume and ModifyVolume share (botocore's
// ec2 model, CreateVolume's Size, Iops and Throughput documentation:
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVolume.html).
#include <variant>

#include "protocol/api_types.hpp"
#include "protocol/result.hpp"
#include "services/ec2/ec2_volume.hpp"

namespace chokepoint {

// The shape that VolumeType, Size, Iops, Throughput and MultiAttachEnabled in `params` give a volume that
// has `base` (CreateVolume: type gp2 and the snapshot's size, or 0 without a snapshot). Values the call leaves
// out keep the base's when the type stays, else take the new type's defaults (gp3: 3,000 IOPS, 125 MiB/s; gp2:
// its baseline IOPS). Any rule broken is EC2's error.
Result<Ec2VolumeShape> volume_shape_of(const nlohmann::json& params, const Ec2VolumeShape& base);

}  // namespace chokepoint
