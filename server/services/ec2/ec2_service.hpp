#pragma once
// EC2 (ec2 query protocol). Each action has its own request bucket sized by its category; Describe
// calls with neither filters nor pagination draw from the smaller "unfiltered" bucket.
#include <functional>
#include <unordered_map>

#include "services/service.hpp"

namespace chokepoint {

class Ec2Service final : public Service {
 public:
  Ec2Service();
  const ServiceDescriptor& descriptor() const override { return descriptor_; }
  ApiResult handle(const ApiRequest& request, CallContext& ctx) override;
  std::string rate_variant(const ApiRequest& request, const CallContext& ctx) const override;

 private:
  using Handler = std::function<ApiResult(const ApiRequest&, CallContext&)>;
  ServiceDescriptor descriptor_;
  std::unordered_map<std::string, Handler> handlers_;
};

}  // namespace chokepoint
