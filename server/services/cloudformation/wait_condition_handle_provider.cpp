// AWS::CloudFormation::WaitConditionHandle: nothing to call; its Ref is a presigned-looking URL that names
// the stack and the handle.
#include <memory>

#include "common/strings.hpp"
#include "services/cloudformation/builtin_providers.hpp"

namespace chokepoint {

namespace {

class ImmediateTask final : public ResourceTask {
 public:
  explicit ImmediateTask(std::string physical_id) : physical_id_(std::move(physical_id)) {}
  ProviderStep next(const CallOutcome*) override { return ProviderStep::succeeded(physical_id_); }

 private:
  std::string physical_id_;
};

class WaitConditionHandleProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::CloudFormation::WaitConditionHandle"; }
  bool has_attribute(const std::string&) const override { return false; }
  std::string requires_recreation(const std::string&) const override { return "Never"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest r) const override {
    const std::string host = "cloudformation-waitcondition-" + r.region + ".s3.amazonaws.com";
    std::string url = "https://" + host + "/" + uri_encode(r.stack_id) + "/" + uri_encode(r.logical_id) +
                      "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=86399&X-Amz-SignedHeaders=host&X-Amz-Signature=";
    url += r.ids ? r.ids->lower_hex(64) : std::string(64, '0');
    return std::make_unique<ImmediateTask>(url);
  }
  std::unique_ptr<ResourceTask> update(ResourceRequest r) const override {
    return std::make_unique<ImmediateTask>(r.physical_id);
  }
  std::unique_ptr<ResourceTask> remove(ResourceRequest r) const override {
    return std::make_unique<ImmediateTask>(r.physical_id);
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_wait_condition_handle_provider() {
  return std::make_unique<WaitConditionHandleProvider>();
}

}  // namespace chokepoint
