#pragma once
// The interface every emulated service implements. Handlers run on plain values: they never see HTTP,
// XML or the clock; `CallContext::now` is the time the dispatcher read once for this request.
#include <memory>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "config/config.hpp"
#include "config/count_quotas.hpp"
#include "protocol/api_types.hpp"
#include "protocol/service_descriptor.hpp"
#include "services/operation_table.hpp"
#include "throttle/rate_limiter.hpp"

namespace chokepoint {

class ApiCaller;
class MetricSink;

// The DynamoDB capacity a call consumed (its tables and indexes), as the service counted it, for the request
// record; zero for other services.
struct ConsumedCapacity {
  double read_units = 0, write_units = 0;
  std::string table;  // the first table the call consumed capacity from; empty for none
};

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
  // Filled by the service as the call runs.
  ConsumedCapacity consumed = {};
};

class Service {
 public:
  virtual ~Service() = default;

  virtual const ServiceDescriptor& descriptor() const = 0;
  // Every operation the service answers, one declaration each (operation_table.hpp).
  virtual const OperationDirectory& operations() const = 0;
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
  // The resource a call addresses (table, parameter, stack name), as its operation's entry finds it, for fault
  // rules and throttling errors. Empty when none.
  std::string resource_of(const ApiRequest& request) const {
    const OperationTraits* op = operations().find_traits(request.operation);
    return op && op->resource ? op->resource(request.params) : std::string();
  }
  // Drops all state (POST /_chokepoint/reset).
  virtual void reset() {}
};

// The value in force for a count quota (config/count_quotas.hpp) of an account and region: an approved Service
// Quotas increase or a pre-applied value, else `configured` (the setting the quota reports).
inline double count_quota_in_force(const CallContext& ctx, std::string_view account, std::string_view region,
                                   std::string_view service, std::string_view code, double configured) {
  return ctx.limiter.quota_value(ctx.config, account, region, service, count_quota_key(code), configured);
}

// Lists the table's operations in the descriptor, which the protocol layer routes by.
inline void list_operations(ServiceDescriptor& descriptor, const OperationDirectory& operations) {
  for (const OperationTraits& op : operations.traits()) descriptor.operations.emplace(op.name);
}

// What a direct caller (not the decoder, which routes only listed operations) gets for an operation the service
// does not answer.
inline ApiError unknown_operation(const std::string& operation) {
  return make_error("UnknownOperationException", "Unknown operation " + operation);
}

// Makes `request` a call one service makes for an account (CloudFormation provisioning, auto scaling): signed as
// that account, in its region, with the calling service's principal (e.g. "cloudformation.amazonaws.com") as its
// user agent, as AWS's logs name such calls.
inline void act_for_account(ApiRequest& request, std::string account, std::string region, std::string_view caller) {
  request.identity.account_id = std::move(account);
  request.identity.region = std::move(region);
  request.identity.signed_request = true;
  request.user_agent = std::string(caller);
  request.internal = true;
}

// Makes an API call as a client would, through admission and the service's handler (no HTTP).
class ApiCaller {
 public:
  virtual ~ApiCaller() = default;
  virtual ApiResult call(ApiRequest request, TimePoint now) = 0;
  // True when calls to `service`, which no emulated service answers (S3, IAM, ...), reach an upstream emulator.
  virtual bool forwards(const std::string& /*service*/) const { return false; }
};

}  // namespace chokepoint
