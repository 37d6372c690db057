#pragma once
// One request, one direction: decode -> identity -> admission -> handler -> encode, then report the
// decision once. The clocks are read once per request: the emulated one for admission, handlers and the
// control API, the wall one for signatures, the Date header and how long the request took. Thread-safe: called
// concurrently from every I/O thread.
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "auth/session_credentials.hpp"
#include "auth/sigv4.hpp"
#include "common/clock.hpp"
#include "common/ids.hpp"
#include "common/request_handler.hpp"
#include "common/upstream_client.hpp"
#include "config/config_holder.hpp"
#include "dispatch/control_handler.hpp"
#include "protocol/aws_call_matcher.hpp"
#include "protocol/aws_catalog.hpp"
#include "protocol/request_decoder.hpp"
#include "protocol/request_record.hpp"
#include "services/service_registry.hpp"
#include "throttle/concurrency_limiter.hpp"
#include "throttle/fault_engine.hpp"
#include "throttle/rate_limiter.hpp"

namespace spdlog {
class logger;
}

namespace chokepoint {

class Dispatcher final : public RequestHandler, public ApiCaller {
 public:
  // `sessions`: the temporary credentials STS issued, which signed requests may use. `aws`: every AWS service and
  // operation, for the calls no emulated service answers.
  Dispatcher(ConfigHolder& config, ServiceRegistry& services, RateLimiter& limiter, FaultEngine& faults, Clocks clocks,
             const SessionCredentials& sessions, IdGenerator& ids, ControlHandler& admin, const AwsCatalog& aws,
             std::shared_ptr<spdlog::logger> logger);

  HandlerResult handle(HttpRequest& request) override;
  // A request too large to hold in memory: forwarded with its body streamed when it is a call for the upstream.
  std::optional<HandlerResult> handle_head(HttpRequest& head) override;
  // Internal calls (e.g. CloudFormation provisioning) take the same admission path as client calls.
  ApiResult call(ApiRequest request, TimePoint now) override;
  bool forwards(const std::string& service) const override;

  void add_observer(RequestObserver* observer) { observers_.push_back(observer); }
  // Where services report metrics (CallContext::metrics); set once at start-up.
  void set_metric_sink(MetricSink* sink) { metric_sink_ = sink; }
  // How internal calls reach the upstream (upstream_calls.cpp); set once at start-up. Without it they are refused.
  void set_upstream_client(UpstreamClient* client) { upstream_client_ = client; }

 private:
  // What admission and the handler decided besides the result.
  struct Decision {
    std::string decided_by;              // the bucket or fault rule that rejected, when one did
    std::chrono::milliseconds delay{0};  // what latency faults ask for
    double consumed_read_units = 0, consumed_write_units = 0;
    std::string table;  // the DynamoDB table consumed from
  };

  HandlerResult handle_api(HttpRequest& request, RequestTimes at);
  // Calls for AWS services or operations that no emulated service answers (unemulated_calls.cpp): admitted like
  // any other call, then forwarded to the upstream or refused with a "not emulated" error. nullopt: not an AWS call
  // Chokepoint recognises.
  std::optional<HandlerResult> handle_unemulated(HttpRequest& http, const SigV4Parse& signature,
                                                 const std::shared_ptr<const Config>& config, RequestTimes at);
  HandlerResult answer_unemulated(HttpRequest& http, const RecognisedCall& call, const SigV4Parse& signature,
                                  const std::shared_ptr<const Config>& config, RequestTimes at);
  // Fault rules, then the rate buckets, of a call no emulated service answers; the error when refused. `resource`:
  // what fault rules match; `bucket_key`: what keys per-resource buckets (S3's bucket).
  std::optional<ApiError> admit_unemulated(const ApiRequest& request, const std::string& resource,
                                           std::string_view bucket_key, const Config& config, TimePoint now,
                                           Decision& decision);
  // The fault rules of a call no emulated service answers; the error when one rejects. `resource`: what they match.
  std::optional<ApiError> unemulated_fault(const ApiRequest& request, const std::string& resource, TimePoint now,
                                           Decision& decision);
  // The throttling error of a call no emulated service answers that its API bucket refused; nullopt if admitted.
  static std::optional<ApiError> unemulated_throttled(const ApiRequest& request, const Admission& admission,
                                                      Decision& decision);
  // After admission: the concurrency limit, then the upstream, or the "not emulated" error.
  HandlerResult forward_unemulated(const HttpRequest& http, const AwsService& aws_service, ApiRequest request,
                                   Decision decision, const Config& config, RequestTimes at);
  // An internal call to a service Chokepoint does not emulate: admitted, then sent to the upstream and its answer
  // awaited (upstream_calls.cpp).
  ApiResult call_upstream(ApiRequest request, TimePoint now);
  // The catalog entry of a service Chokepoint does not emulate, by its key (endpoint prefix); null when unknown.
  const AwsService* unemulated_service(const std::string& name) const;
  // Admission (fault rules, then the rate buckets) of a call to an emulated service; the error when refused.
  std::optional<ApiError> admit(Service& service, const ApiRequest& request, CallContext& ctx, Decision& decision);
  std::optional<ApiError> admit_faults(Service& service, const ApiRequest& request, CallContext& ctx,
                                       Decision& decision);
  // The service's throttling error when its API bucket refused the call; nullopt when admitted.
  static std::optional<ApiError> throttled(Service& service, const ApiRequest& request, CallContext& ctx,
                                           Decision& decision, const Admission& admission);

  // Admission when the API buckets live in a shared store (shared_admission.cpp). The fault rules decide at once;
  // the bucket's take goes to the store, and what follows (handler or forwarding, answer, report) runs on its
  // answer: the HandlerResult says `later`. Internal calls (call()) keep the synchronous path.
  struct PendingCall;
  HandlerResult admit_emulated_later(Service& service, const ServiceDescriptor& descriptor, const HttpRequest& http,
                                     ApiRequest request, std::shared_ptr<const Config> config, RequestTimes at);
  HandlerResult finish_emulated(Service& service, const ServiceDescriptor& descriptor, const HttpRequest& http,
                                PendingCall& call, const Admission& admission);
  HandlerResult admit_unemulated_later(const HttpRequest& http, const AwsService& aws_service, std::string_view bucket_key,
                                       ApiRequest request, Decision decision, std::shared_ptr<const Config> config,
                                       RequestTimes at);
  // `later` results answer the browser's cross-origin requests too, once they come.
  static void with_cross_origin(const HttpRequest& request, HandlerResult& result);
  // Sends an admitted call to the upstream; `slot` holds its place among calls in flight until it ends.
  HandlerResult forward(const ServiceDescriptor& service, ApiRequest request, Decision decision, RequestTimes at,
                        const Config& config, std::shared_ptr<ConcurrencySlot> slot);
  HttpResponse answer(const ServiceDescriptor& service, const HttpRequest& http, const ApiRequest& request,
                      ApiResult result, const Decision& decision, RequestTimes at);
  HttpResponse reject_undecodable(const DecodeResult& decoded, const ApiError& error, TimePoint wall_now);
  // Fault rules first, then the rate buckets, then the handler.
  ApiResult admit_and_run(Service& service, const ApiRequest& request, const Config& config, TimePoint now,
                          Decision& decision);
  ApiResult admit_and_run(Service& service, const ApiRequest& request, CallContext& ctx, Decision& decision);
  std::string new_request_id(const ServiceDescriptor& service);
  // What an unexpected failure answers, in the protocol's words.
  static ApiError internal_error(Protocol protocol);
  // What a client's headers tell about the call: the fault tag and the SDK's invocation id, attempt and user agent.
  static void copy_client_headers(const HttpRequest& http, ApiRequest& request);
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
  UpstreamClient* upstream_client_ = nullptr;
  ServiceDescriptor front_end_;  // answers requests that match no service, DynamoDB-style
  const AwsCatalog& aws_;
  // Answering services Chokepoint does not emulate, by their catalog entry; built once, read-only afterwards.
  std::unordered_map<const AwsService*, ServiceDescriptor> unemulated_;
  ConcurrencyLimiter concurrency_;  // calls in flight, for services limited that way (Lambda Invoke)
};

}  // namespace chokepoint
