#pragma once
// STS, as far as clients need it to learn who they are: GetCallerIdentity.
#include "services/service.hpp"

namespace chokepoint {

class StsService final : public Service {
 public:
  StsService();
  const ServiceDescriptor& descriptor() const override { return descriptor_; }
  ApiResult handle(const ApiRequest& request, CallContext& ctx) override;

 private:
  ServiceDescriptor descriptor_;
};

}  // namespace chokepoint
