// Internal calls (CloudFormation provisioning) to services Chokepoint does not emulate: admitted like a client's
// call to them (fault rules, rate buckets), then written in the service's wire protocol, sent to the upstream and
// awaited. The wait blocks the calling thread: CloudFormation's tasks run where the emulated scheduler runs them (an
// I/O thread when its timer fires, or the control request that advances a manual clock). An exchange with a local
// emulator takes a few milliseconds, which is acceptable there and far simpler than resuming the task from a
// callback; a stuck upstream holds the thread at most `upstream.timeout_ms`.
#include <spdlog/spdlog.h>

#include "auth/sigv4_support.hpp"
#include "dispatch/dispatcher.hpp"
#include "dispatch/unemulated_answers.hpp"
#include "protocol/wire_request_encoder.hpp"
#include "protocol/wire_response_decoder.hpp"

namespace chokepoint {

namespace {

// What an internal call addresses, for fault rules and per-resource buckets: the first name-like parameter.
std::string upstream_call_resource(const ApiRequest& request) {
  for (const char* key : {"Bucket", "FunctionName", "QueueUrl", "QueueName", "RoleName", "PolicyName", "TopicArn",
                          "Name", "SecretId", "KeyId"}) {
    if (request.params.is_object() && request.params.contains(key) && request.params[key].is_string()) {
      return request.params[key].get<std::string>();
    }
  }
  return {};
}

}  // namespace

const AwsService* Dispatcher::unemulated_service(const std::string& name) const {
  if (const AwsService* service = aws_.by_name(name); service && service->endpoint_prefix == name) return service;
  for (const auto& [service, descriptor] : unemulated_) {
    if (descriptor.name == name) return service;
  }
  return nullptr;
}

bool Dispatcher::forwards(const std::string& service) const {
  return upstream_client_ && config_.get()->upstream.endpoint && !services_.find(service) &&
         unemulated_service(service);
}

ApiResult Dispatcher::call_upstream(ApiRequest request, TimePoint now) {
  const TimePoint wall_start = clocks_.wall.now();
  const AwsService& aws = *unemulated_service(request.service);
  const ServiceDescriptor& d = unemulated_.at(&aws);
  if (!aws.find_operation(request.operation)) {
    return make_error("InvalidAction", "Unknown operation " + request.service + "." + request.operation);
  }
  const WireProtocol protocol = wire_protocol_for(aws);
  request.protocol = answer_protocol(aws, protocol);
  if (request.request_id.empty()) request.request_id = new_request_id(d);
  const std::shared_ptr<const Config> config = config_.get();
  const std::string resource = upstream_call_resource(request);
  Decision decision;
  ApiResult result = [&]() -> ApiResult {
    const std::string_view bucket_key = request.service == "s3" ? std::string_view(resource) : std::string_view();
    if (auto refused = admit_unemulated(request, resource, bucket_key, *config, now, decision)) return *refused;
    if (!config->upstream.endpoint || !upstream_client_) {
      return not_emulated_error(aws, request.operation, request.protocol, false);
    }
    const UpstreamAddress& upstream = *config->upstream.endpoint;
    // The Host an SDK sends to AWS: answers that embed it (SQS's queue URLs) read as AWS's own, and the upstream
    // routes the call by it as it would a call addressed to AWS.
    const std::string host = aws.endpoint_prefix + "." + request.identity.region + ".amazonaws.com";
    auto http = encode_wire_request(aws, request, host, format_amz_date(clocks_.wall.now()));
    if (!http) return http.error();
    UpstreamAnswer answer =
        upstream_client_->exchange(*http, upstream, std::chrono::milliseconds(config->upstream.timeout_ms));
    if (const auto* failure = std::get_if<UpstreamFailure>(&answer)) {
      logger_->warn("upstream {}: {} {} not sent: {}", upstream.url(), request.service, request.operation,
                    failure->problem);
      return upstream_unavailable_error(request.service, request.operation, upstream.url(), failure->problem,
                                        request.protocol);
    }
    return decode_wire_response(protocol, request.operation, std::get<HttpResponse>(answer));
  }();
  decision.delay = {};  // internal calls have no response to hold back
  report(request, result, is_error(result) ? std::get<ApiError>(result).http_status : 200, decision,
         RequestTimes{wall_start, now});
  return result;
}

}  // namespace chokepoint
