#pragma once
// One request, one direction: decode -> identity -> admission -> handler -> encode, then report the
// decision once. The clocks are read once per request: the emulated one for admission, handlers and the
// control API, the wall one for signatures, the Date header and how long the request took. Thread-safe: called
// concurrently from every I/O thread.
#include <memory>
#include <vector>

#include "auth/session_credentials.hpp"
#include "common/clock.hpp"
#include "common/ids.hpp"
#include "common/request_handler.hpp"
#include "config/config_holder.hpp"
#include "dispatch/control_handler.hpp"
#include "protocol/request_decoder.hpp"
#include "protocol/request_record.hpp"
#include "services/service_registry.hpp"
#include "throttle/fault_engine.hpp"
#include "throttle/rate_limiter.hpp"

namespace spdlog {
class logger;
}

namespace chokepoint {

class Dispatcher final : public RequestHandler, public ApiCaller {
 public:
  // `sessions`: the temporary credentials STS issued, which signed requests may use.
  Dispatcher(ConfigHolder& config, ServiceRegistry& services, RateLimiter& limiter, FaultEngine& faults, Clocks clocks,
             const SessionCredentials& sessions, IdGenerator& ids, ControlHandler& admin,
             std::shared_ptr<spdlog::logger> logger);

  HandlerResult handle(HttpRequest& request) override;
  // Internal calls (e.g. CloudFormation provisioning) take the same admission path as client calls.
  ApiResult call(ApiRequest request, TimePoint now) override;

  void add_observer(RequestObserver* observer) { observers_.push_back(observer); }
  // Where services report metrics (CallContext::metrics); set once at start-up.
  void set_metric_sink(MetricSink* sink) { metric_sink_ = sink; }

 private:
  // What admission and the handler decided besides the result.
  struct Decision {
    std::string decided_by;              // the bucket or fault rule that rejected, when one did
    std::chrono::milliseconds delay{0};  // what latency faults ask for
    double consumed_read_units = 0, consumed_write_units = 0;
    std::string table;  // the DynamoDB table consumed from
  };

  HandlerResult handle_api(HttpRequest& request, RequestTimes at);
  HttpResponse reject_undecodable(const DecodeResult& decoded, const ApiError& error, TimePoint wall_now);
  // Fault rules first, then the rate buckets, then the handler.
  ApiResult admit_and_run(Service& service, const ApiRequest& request, const Config& config, TimePoint now,
                          Decision& decision);
  ApiResult admit_and_run(Service& service, const ApiRequest& request, CallContext& ctx, Decision& decision);
  std::string new_request_id(const ServiceDescriptor& service);
  void report(const ApiRequest& request, const ApiResult& result, int status, const Decision& decision,
              RequestTimes start);

  ConfigHolder& config_;
  ServiceRegistry& services_;
  RateLimiter& limiter_;
  FaultEngine& faults_;
  Clocks clocks_;
  const SessionCredentials& sessions_;
  IdGenerator& ids_;
  ControlHandler& admin_;
  std::shared_ptr<spdlog::logger> logger_;
  std::vector<RequestObserver*> observers_;
  MetricSink* metric_sink_ = nullptr;
  ServiceDescriptor front_end_;  // answers requests that match no service, DynamoDB-style
};

}  // namespace chokepoint
