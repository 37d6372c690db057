// AWS::EC2::VolumeAttachment through EC2's AttachVolume / DetachVolume, waiting on DescribeVolumes until the
// attachment is attached, or gone. Every property replaces the attachment. The type documents no return values;
// its registry schema identifies it by VolumeId and InstanceId, so its physical id (Ref) is "VOLUME|INSTANCE"
// (unconfirmed against AWS).
#include <memory>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/ec2_volume_requests.hpp"
#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// The status of the volume's attachment to `instance_id`: "" when it has none.
VolumeReading attachment_status(std::string instance_id) {
  return [instance_id](const json& volume) {
    for (const auto& a : volume.value("attachmentSet", json::array())) {
      if (scalar_string(a.value("instanceId", json(""))).value_or("") == instance_id) {
        return scalar_string(a.value("status", json(""))).value_or("");
      }
    }
    return std::string();
  };
}

std::unique_ptr<ChainTask> attachment_task(const ResourceRequest& request, const std::string& physical_id) {
  auto task = std::make_unique<ChainTask>(request.poll_interval,
                                          [physical_id] { return ProviderStep::succeeded(physical_id); });
  task->report_physical_id([physical_id] { return physical_id; });
  return task;
}

class Ec2VolumeAttachmentProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::EC2::VolumeAttachment"; }
  bool has_attribute(const std::string&) const override { return false; }
  std::string requires_recreation(const std::string&) const override { return "Always"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    for (const char* key : {"InstanceId", "VolumeId"}) {
      if (!prop_string(request.properties, key)) {
        return failed_task(property_validation_failure(std::string("The property {/") + key + "} is required"));
      }
    }
    auto watch = std::make_shared<VolumeWatch>();
    watch->volume_id = *prop_string(request.properties, "VolumeId");
    const std::string instance_id = *prop_string(request.properties, "InstanceId");
    const std::string token = request.request_token;
    json attach = {{"VolumeId", watch->volume_id}, {"InstanceId", instance_id}};
    if (auto device = prop_string(request.properties, "Device")) attach["Device"] = *device;
    auto task = attachment_task(request, watch->volume_id + "|" + instance_id);
    task->then([attach] { return ProviderStep::call("ec2", "AttachVolume", attach); }, fail_on_error(token));
    wait_for_volume(*task, watch, attachment_status(instance_id), "attached", false, token);
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    return attachment_task(request, request.physical_id);  // every change replaces the attachment
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    const std::string physical_id = request.physical_id;
    const auto bar = physical_id.find('|');
    auto watch = std::make_shared<VolumeWatch>();
    watch->volume_id = physical_id.substr(0, bar);
    const std::string instance_id = bar == std::string::npos ? "" : physical_id.substr(bar + 1);
    const std::string token = request.request_token;
    auto task = attachment_task(request, physical_id);
    task->then(
        [watch, instance_id] {
          return ProviderStep::call("ec2", "DetachVolume",
                                    {{"VolumeId", watch->volume_id}, {"InstanceId", instance_id}});
        },
        // Already detached, or gone with its volume or instance: nothing left to detach.
        fail_on_error(token, {"InvalidVolume.NotFound", "IncorrectState", "InvalidAttachment.NotFound"}));
    wait_for_volume(*task, watch, attachment_status(instance_id), "", true, token);
    return task;
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_ec2_volume_attachment_provider() {
  return std::make_unique<Ec2VolumeAttachmentProvider>();
}

}  // namespace chokepoint
