#pragma once
// STS, as far as clients need it to learn who they are: GetCallerIdentity.
#include "services/service.hpp"

namespace chokepoint {

using StsHandler = ApiResult (*)(const ApiRequest& request, const CallContext& ctx);
// Every STS operation the service answers, one entry each.
std::vector<OperationTable<StsHandler>::Entry> sts_operations();

class StsService final : public Service {
 public:
  StsService();
  const ServiceDescriptor& descriptor() const override { return descriptor_; }
  const OperationDirectory& operations() const override { return operations_; }
  ApiResult handle(const ApiRequest& request, CallContext& ctx) override;

 private:
  ServiceDescriptor descriptor_;
  OperationTable<StsHandler> operations_;
};

}  // namespace chokepoint
