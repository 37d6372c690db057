// AWS::EC2::Volume through EC2's CreateVolume / DeleteVolume, waiting on DescribeVolumes until the volume is
// available. Tags change in place (CreateTags / DeleteTags), and so do the size, type, IOPS, throughput and
// Multi-Attach (ModifyVolume, as Elastic Volumes do); the zone, snapshot and encryption replace the volume.
// Ref is the volume id; Fn::GetAtt VolumeId is the same
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-volume.html).
#include <memory>
#include <set>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/ec2_volume_requests.hpp"
#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;
using Verdict = ChainTask::Verdict;

std::string volume_status(const json& volume) {
  return scalar_string(volume.value("status", json(""))).value_or("");
}

std::unique_ptr<ChainTask> volume_task(const ResourceRequest& request, std::shared_ptr<VolumeWatch> watch) {
  auto task = std::make_unique<ChainTask>(request.poll_interval, [watch] {
    return ProviderStep::succeeded(watch->volume_id, {{"VolumeId", watch->volume_id}});
  });
  task->report_physical_id([watch] { return watch->volume_id; });
  return task;
}

void add_volume_call(ChainTask& task, std::string operation, json request, const std::string& token,
                     std::vector<std::string> ok_codes = {}) {
  task.then(
      [operation, request]() -> std::optional<ProviderStep> {
        if (request.is_null()) return std::nullopt;
        return ProviderStep::call("ec2", operation, request);
      },
      fail_on_error(token, std::move(ok_codes)));
}

class Ec2VolumeProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::EC2::Volume"; }
  bool has_attribute(const std::string& attribute) const override { return attribute == "VolumeId"; }
  std::string requires_recreation(const std::string& property) const override {
    static const std::set<std::string> kInPlace = {
        "Tags", "Size", "VolumeType", "Iops", "Throughput", "MultiAttachEnabled", "AutoEnableIO"};
    return kInPlace.count(property) ? "Never" : "Always";
  }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    if (!prop_string(request.properties, "AvailabilityZone")) {
      return failed_task(property_validation_failure("The property {/AvailabilityZone} is required"));
    }
    auto watch = std::make_shared<VolumeWatch>();
    const std::string token = request.request_token;
    json props = request.properties;
    if (const json tags = creation_tags(props, request); !tags.empty()) props["Tags"] = tags;
    const json create = create_volume_request(props, token.substr(0, 64));
    auto task = volume_task(request, watch);
    task->then([create] { return ProviderStep::call("ec2", "CreateVolume", create); },
               [watch, token](const CallOutcome& outcome, std::string& reason) {
                 if (error_of(outcome)) {
                   reason = handler_failure_reason(outcome, token);
                   return Verdict::kFail;
                 }
                 const json volume = std::get<ApiResponse>(outcome.result).tree();
                 watch->volume_id = scalar_string(volume.value("volumeId", json(""))).value_or("");
                 if (!watch->volume_id.empty()) return Verdict::kNext;
                 reason = "CreateVolume returned no volume";
                 return Verdict::kFail;
               });
    wait_for_volume(*task, watch, volume_status, "available", false, token);
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    auto watch = std::make_shared<VolumeWatch>();
    watch->volume_id = request.physical_id;
    const std::string token = request.request_token;
    auto task = volume_task(request, watch);
    const TagChanges changes = tag_changes(request.previous_properties, request.properties);
    json removed = json::array();
    for (const auto& key : changes.removed) removed.push_back({{"Key", key}});
    const json ids = json::array({watch->volume_id});
    add_volume_call(*task, "CreateTags", changes.set.empty() ? json() : json{{"ResourceId", ids}, {"Tag", changes.set}},
                    token);
    add_volume_call(*task, "DeleteTags", removed.empty() ? json() : json{{"ResourceId", ids}, {"Tag", removed}}, token);
    add_volume_call(*task, "ModifyVolume",
                    modify_volume_request(watch->volume_id, request.previous_properties, request.properties), token);
    return task;
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    auto watch = std::make_shared<VolumeWatch>();
    watch->volume_id = request.physical_id;
    const std::string token = request.request_token;
    auto task = volume_task(request, watch);
    add_volume_call(*task, "DeleteVolume", {{"VolumeId", watch->volume_id}}, token, {"InvalidVolume.NotFound"});
    wait_for_volume(*task, watch, volume_status, "deleted", true, token);
    return task;
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_ec2_volume_provider() {
  return std::make_unique<Ec2VolumeProvider>();
}

}  // namespace chokepoint
