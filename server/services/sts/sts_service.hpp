#pragma once
// STS: who the caller is (GetCallerIdentity, GetAccessKeyInfo) and temporary credentials (AssumeRole,
// GetSessionToken) that the server then recognises (auth/session_credentials.hpp).
#include "services/sts/sts_call.hpp"

namespace chokepoint {
// Every STS operation the service answers, one entry each.
std::vector<OperationTable<StsHandler>::Entry> sts_operations();

class StsService final : public Service {
 public:
  // `sessions` must outlive the service; a reset forgets every session.
  explicit StsService(SessionCredentials& sessions);
  const ServiceDescriptor& descriptor() const override { return descriptor_; }
  const OperationDirectory& operations() const override { return operations_; }
  ApiResult handle(const ApiRequest& request, CallContext& ctx) override;
  void reset() override { sessions_.clear(); }

 private:
  ServiceDescriptor descriptor_;
  OperationTable<StsHandler> operations_;
  SessionCredentials& sessions_;
};

}  // namespace chokepoint
