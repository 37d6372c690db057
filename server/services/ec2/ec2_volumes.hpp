#pragma once
// EBS volumes: CreateVolume, DescribeVolumes, DeleteVolume and DescribeVolumeStatus (ec2_volumes.cpp),
// AttachVolume and DetachVolume (ec2_volume_attachments.cpp), ModifyVolume and DescribeVolumesModifications
// (ec2_volume_modifications.cpp). Errors are those of the EC2 API reference's error list
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult create_volume(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_volumes(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult delete_volume(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_volume_status(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult attach_volume(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult detach_volume(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult modify_volume(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_volumes_modifications(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
