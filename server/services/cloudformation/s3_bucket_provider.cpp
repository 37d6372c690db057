// AWS::S3::Bucket through the upstream: CreateBucket (with a LocationConstraint outside us-east-1) and DeleteBucket,
// as CloudFormation's resource handler makes them. Ref is the bucket name; the attributes are derived from it and
// the region, as AWS derives them. Properties beyond the name (versioning, encryption, tags) are accepted and not
// applied.
#include <memory>

#include "common/strings.hpp"
#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/chain_task.hpp"
#include "services/cloudformation/forwarded_support.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

json s3_bucket_attributes(const std::string& bucket, const std::string& region) {
  return {{"Arn", "arn:aws:s3:::" + bucket},
          {"DomainName", bucket + ".s3.amazonaws.com"},
          {"RegionalDomainName", bucket + ".s3." + region + ".amazonaws.com"},
          {"DualStackDomainName", bucket + ".s3.dualstack." + region + ".amazonaws.com"},
          {"WebsiteURL", "http://" + bucket + ".s3-website-" + region + ".amazonaws.com"}};
}

class S3BucketProvider final : public ResourceProvider {
 public:
  std::string type() const override { return "AWS::S3::Bucket"; }
  std::string upstream_service() const override { return "s3"; }
  bool has_attribute(const std::string& attribute) const override {
    return attribute == "Arn" || attribute == "DomainName" || attribute == "RegionalDomainName" ||
           attribute == "DualStackDomainName" || attribute == "WebsiteURL";
  }
  std::string requires_recreation(const std::string& property) const override {
    return property == "BucketName" || property == "ObjectLockEnabled" ? "Always" : "Never";
  }
  std::string name_property() const override { return "BucketName"; }

  std::unique_ptr<ResourceTask> create(ResourceRequest request) const override {
    // Bucket names are lower case: CloudFormation lowers the generated one.
    const std::string bucket =
        prop_string(request.properties, "BucketName").value_or(to_lower(generated_name(request, 63)));
    json params = {{"Bucket", bucket}};
    if (request.region != "us-east-1") {
      params["CreateBucketConfiguration"] = {{"LocationConstraint", request.region}};
    }
    auto task = std::make_unique<ChainTask>(request.poll_interval, [bucket, region = request.region] {
      return ProviderStep::succeeded(bucket, s3_bucket_attributes(bucket, region));
    });
    task->then([params] { return ProviderStep::call("s3", "CreateBucket", params); },
               fail_on_error(request.request_token));
    return task;
  }

  std::unique_ptr<ResourceTask> update(ResourceRequest request) const override {
    const std::string bucket = request.physical_id;
    return std::make_unique<ChainTask>(request.poll_interval, [bucket, region = request.region] {
      return ProviderStep::succeeded(bucket, s3_bucket_attributes(bucket, region));
    });
  }

  std::unique_ptr<ResourceTask> remove(ResourceRequest request) const override {
    return one_call_delete(request, "s3", "DeleteBucket", {{"Bucket", request.physical_id}}, {"NoSuchBucket"});
  }
};

}  // namespace

std::unique_ptr<ResourceProvider> make_s3_bucket_provider() {
  return std::make_unique<S3BucketProvider>();
}

}  // namespace chokepoint
