#include "dispatch/unemulated_answers.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kRateExceeded = "Rate exceeded";

// The services whose throttling error is not their protocol's usual one. Sources: S3 error responses
// ("SlowDown", 503: "Please reduce your request rate."); Lambda Invoke errors (TooManyRequestsException, 429,
// "Rate Exceeded.", with Reason and Type); the KMS developer guide, "Request quotas" (ThrottlingException with
// this message); SNS's troubleshooting guide ("An error occurred (ThrottlingException) ...: Rate exceeded").
struct ThrottleAnswer {
  std::string_view service, code, message;
  int status;
};
constexpr ThrottleAnswer kThrottleAnswers[] = {
    {"s3", "SlowDown", "Please reduce your request rate.", 503},
    {"lambda", "TooManyRequestsException", "Rate Exceeded.", 429},
    {"kms", "ThrottlingException",
     "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.", 400},
    {"sns", "ThrottlingException", kRateExceeded, 400},
};

std::string display_name(const AwsService& service) {
  return service.service_id.empty() ? service.name : service.service_id;
}

}  // namespace

Protocol answer_protocol(const AwsService& service, WireProtocol arrived) {
  switch (arrived) {
    case WireProtocol::kJson:
      return service.json_version == "1.1" ? Protocol::kJson11 : Protocol::kJson10;
    case WireProtocol::kQuery:
      return Protocol::kQuery;
    case WireProtocol::kEc2:
      return Protocol::kEc2;
    case WireProtocol::kRestJson:
      return Protocol::kRestJson;
    case WireProtocol::kRestXml:
      return Protocol::kRestXml;
  }
  return Protocol::kJson11;
}

ServiceDescriptor unemulated_descriptor(const AwsService& service, std::string name) {
  ServiceDescriptor d;
  d.bare_xml_errors = name == "s3";
  d.name = std::move(name);
  d.protocol = answer_protocol(service, service.protocol);
  d.json_target_prefix = service.target_prefix;
  d.api_version = service.api_version;
  d.signing_name = service.signing_name;
  d.xml_namespace = "https://" + service.endpoint_prefix + ".amazonaws.com/doc/" + service.api_version + "/";
  // A query service that also speaks JSON (SQS) answers JSON calls with the query code in x-amzn-query-error.
  d.query_compatible = !service.query_json_target_prefix.empty();
  d.json_frontend_prefix = "com.amazon.coral.service#";
  return d;
}

ApiError unemulated_throttle_error(std::string_view service, Protocol protocol) {
  ApiError e;
  for (const ThrottleAnswer& answer : kThrottleAnswers) {
    if (answer.service != service) continue;
    e = make_error(std::string(answer.code), std::string(answer.message), answer.status);
    if (service == "lambda") e.extra = {{"Reason", "CallerRateLimitExceeded"}, {"Type", "User"}};
    return e;
  }
  // Query services say Throttling, EC2 RequestLimitExceeded (503), JSON and REST ones ThrottlingException.
  if (protocol == Protocol::kQuery || protocol == Protocol::kRestXml)
    return make_error("Throttling", std::string(kRateExceeded));
  if (protocol == Protocol::kEc2) return make_error("RequestLimitExceeded", "Request limit exceeded.", 503);
  return make_error("ThrottlingException", std::string(kRateExceeded));
}

ApiError concurrency_throttle_error(std::string_view service, Protocol protocol, std::string_view reason) {
  ApiError e = unemulated_throttle_error(service, protocol);
  if (!reason.empty()) e.extra["Reason"] = std::string(reason);
  return e;
}

ApiError not_emulated_error(const AwsService& service, std::string_view operation, Protocol protocol, bool emulated) {
  std::string message = "Chokepoint does not emulate " + display_name(service) + " " + std::string(operation);
  if (emulated) {
    message += " yet; its other " + display_name(service) + " calls are emulated here.";
  } else {
    message +=
        ". Start Chokepoint with --upstream http://HOST:PORT (for example moto_server) to throttle this "
        "call and forward it there.";
  }
  switch (protocol) {
    case Protocol::kJson10:
    case Protocol::kJson11: {
      ApiError e = make_error("UnknownOperationException", std::move(message));
      e.json_type = "com.amazon.coral.service#UnknownOperationException";
      return e;
    }
    case Protocol::kQuery:
    case Protocol::kEc2:
      return make_error("InvalidAction", std::move(message));
    case Protocol::kRestJson:
    case Protocol::kRestXml:
      break;
  }
  return make_error("NotImplemented", std::move(message), 501);
}

ApiError upstream_unavailable_error(std::string_view service, std::string_view operation, std::string_view url,
                                    std::string_view problem, Protocol protocol) {
  ApiError e = make_error("ServiceUnavailable",
                          "Chokepoint could not forward " + std::string(service) + " " + std::string(operation) +
                              " to the upstream at " + std::string(url) + ": " + std::string(problem),
                          503);
  if (protocol == Protocol::kJson10) e.json_type = "com.amazon.coral.service#ServiceUnavailableException";
  return e;
}

}  // namespace chokepoint
