#pragma once
// The interface every emulated service implements. Handlers run on plain values: they never see HTTP,
// XML or the clock; `CallContext::now` is the time the dispatcher read once for this request.
#include <memory>
#include <string>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "config/config.hpp"
#include "protocol/api_types.hpp"
#include "protocol/service_descriptor.hpp"
#include "throttle/rate_limiter.hpp"

namespace chokepoint {

class ApiCaller;
class MetricSink;

struct CallContext {
  TimePoint now;
  const Config& config;
  RateLimiter& limiter;
  IdGenerator& ids;
  // For services that call other services through the normal admission path (CloudFormation).
  ApiCaller* caller = nullptr;
  // Where services report CloudWatch metrics (DynamoDB's consumed capacity, throttle events); see
  // metrics/metric_sink.hpp. Null when metrics are not wired (unit tests).
  MetricSink* metrics = nullptr;
};

class Service {
 public:
  virtual ~Service() = default;

  virtual const ServiceDescriptor& descriptor() const = 0;
  virtual ApiResult handle(const ApiRequest& request, CallContext& ctx) = 0;

  // A call's rate-limit variant: EC2 answers "unfiltered" for Describe calls with neither filter nor
  // pagination, SSM "high_throughput" once the account enabled it. Empty for the ordinary bucket.
  virtual std::string rate_variant(const ApiRequest& /*request*/, const CallContext& /*ctx*/) const { return {}; }
  // The error a throttled call gets. Rate buckets and fault rules both use it, so injected throttling is
  // byte-identical to the real thing; a service whose throttling error depends on the call (EC2's message names
  // the account and action) overrides it.
  virtual ApiError throttle_error(const ApiRequest& /*request*/, const CallContext& /*ctx*/) const {
    return descriptor().throttle_error;
  }
  // The resource a call addresses (table, parameter, stack name), for fault rules. Empty when none.
  virtual std::string resource_of(const ApiRequest& /*request*/) const { return {}; }
  // Drops all state (POST /_chokepoint/reset).
  virtual void reset() {}
};

// Makes an API call as a client would, through admission and the service's handler (no HTTP).
class ApiCaller {
 public:
  virtual ~ApiCaller() = default;
  virtual ApiResult call(ApiRequest request, TimePoint now) = 0;
};

}  // namespace chokepoint
