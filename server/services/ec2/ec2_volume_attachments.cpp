// Attaching volumes to instances and detaching them. An attachment is attaching, then attached, on the emulated
// clock; a detachment is detaching until the same delay has passed, then the volume is available.
#include <regex>

#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_instance_ids.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_volume_state.hpp"
#include "services/ec2/ec2_volumes.hpp"

namespace chokepoint {

namespace {

// Linux names (/dev/sdf, /dev/xvdba, /dev/sdf1) and Windows ones (xvdf).
bool is_device_name(const std::string& device) {
  static const std::regex kDevice(R"((/dev/)?(sd|xvd|hd)[a-z]{1,2}[0-9]{0,2})");
  return std::regex_match(device, kDevice);
}

bool device_in_use(const Ec2RegionState& state, const Ec2Instance& instance, const std::string& device) {
  if (device == instance.root_device_name) return true;
  for (const auto& [_, volume] : state.volumes) {
    const Ec2VolumeAttachment* a = attachment_to(volume, instance.id);
    if (a && a->device == device) return true;
  }
  return false;
}

std::optional<ApiError> check_attachable(const Ec2RegionState& state, const Ec2Volume& volume,
                                         const Ec2Instance& instance, const std::string& device) {
  if (instance.state != Ec2InstanceState::kRunning && instance.state != Ec2InstanceState::kStopped) {
    return ec2_error("IncorrectState", "Instance '" + instance.id + "' is not 'running'.");
  }
  if (volume.zone != instance.zone) {
    return ec2_error(
        "InvalidVolume.ZoneMismatch",
        "The volume '" + volume.id + "' is not in the same availability zone as instance '" + instance.id + "'");
  }
  if (volume.state == "creating") {
    return ec2_error("IncorrectState", "Volume '" + volume.id + "' is in the 'creating' state.");
  }
  if (!volume.attachments.empty() && (!volume.shape.multi_attach || attachment_to(volume, instance.id))) {
    return ec2_error("VolumeInUse", volume.id + " is already attached to an instance");
  }
  if (device_in_use(state, instance, device)) {
    return ec2_error("InvalidParameterValue", "Invalid value '" + device + "' for unixDevice. Attachment point " +
                                                  device + " is already in use");
  }
  return std::nullopt;
}

// The attachment DetachVolume names: the volume's only one, or the one to InstanceId (and Device, when given).
Result<Ec2VolumeAttachment*> attachment_of_call(Ec2Volume& volume, const nlohmann::json& params) {
  if (volume.attachments.empty()) {
    return ec2_error("IncorrectState", "Volume '" + volume.id + "' is in the '" + volume.state + "' state.");
  }
  const auto instance_id = param_string(params, "InstanceId");
  const auto device = param_string(params, "Device");
  for (auto& a : volume.attachments) {
    if ((!instance_id || *instance_id == a.instance_id) && (!device || *device == a.device)) return &a;
  }
  return ec2_error("InvalidAttachment.NotFound", "Volume '" + volume.id + "' can not be detached from '" +
                                                     instance_id.value_or(device.value_or("")) +
                                                     "' because it is not attached");
}

}  // namespace

ApiResult attach_volume(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto& params = request.params;
  auto device = read_required_string(params, "Device");
  if (!device) return device.error();
  auto instance_id = read_required_string(params, "InstanceId");
  if (!instance_id) return instance_id.error();
  auto volume_id = read_required_string(params, "VolumeId");
  if (!volume_id) return volume_id.error();
  if (!is_device_name(*device)) {
    return ec2_error("InvalidParameterValue", "Value (" + *device + ") for parameter device is invalid. " + *device +
                                                  " is not a valid EBS device name.");
  }
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             settle_volumes(state, scope, ctx.now);
                             auto volume = find_volume(state, *volume_id);
                             if (!volume) return volume.error();
                             auto instances = find_instances(state, {*instance_id});
                             if (!instances) return instances.error();
                             const Ec2Instance& instance = *instances->front();
                             if (auto e = check_attachable(state, **volume, instance, *device)) return *e;
                             if (auto e = check_dry_run(params)) return *e;
                             Ec2Volume& v = **volume;
                             v.attachments.push_back({instance.id, *device, "attaching", ctx.now, ctx.now, false});
                             v.state = "in-use";
                             ApiResponse response;
                             response.body = volume_attachment_json(v.id, v.attachments.back());
                             return response;
                           });
}

ApiResult detach_volume(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto& params = request.params;
  auto volume_id = read_required_string(params, "VolumeId");
  if (!volume_id) return volume_id.error();
  bool force = false;  // the emulated volume has no file system to flush: forced or not, it detaches alike
  if (auto e = read_flag(params, "Force", force)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        settle_volumes(state, scope, ctx.now);
        auto volume = find_volume(state, *volume_id);
        if (!volume) return volume.error();
        Ec2Volume& v = **volume;
        auto attachment = attachment_of_call(v, params);
        if (!attachment) return attachment.error();
        Ec2VolumeAttachment& a = **attachment;
        if (v.root) {
          return ec2_error("OperationNotPermitted",
                           "Unable to detach root volume '" + v.id + "' from instance '" + a.instance_id + "'");
        }
        if (auto e = check_dry_run(params)) return *e;
        if (a.status != "detaching") {
          a.status = "detaching";
          a.since = ctx.now;
        }
        ApiResponse response;
        response.body = volume_attachment_json(v.id, a);
        return response;
      });
}

}  // namespace chokepoint
