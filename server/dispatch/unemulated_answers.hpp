#pragma once
// What Chokepoint answers, in the caller's own protocol, for calls to AWS services and operations it recognises
// (protocol/aws_catalog.hpp) but does not emulate: their throttling errors, the "not emulated" error when there
// is no upstream to forward them to, and the error when the upstream gives no answer.
#include <string>
#include <string_view>

#include "protocol/api_types.hpp"
#include "protocol/aws_catalog.hpp"
#include "protocol/service_descriptor.hpp"

namespace chokepoint {

// The protocol Chokepoint answers a call in: the one it arrived in (SQS takes both JSON and query).
Protocol answer_protocol(const AwsService& service, WireProtocol arrived);

// The descriptor the encoder needs to answer a service Chokepoint does not emulate. `name` is Chokepoint's key for
// it (its endpoint prefix).
ServiceDescriptor unemulated_descriptor(const AwsService& service, std::string name);

// The error AWS throttles the service's API rate with (S3: 503 SlowDown; Lambda: 429 TooManyRequestsException with
// a Reason; most others ThrottlingException or Throttling), classified as throttling by botocore and the JS SDK.
ApiError unemulated_throttle_error(std::string_view service, Protocol protocol);
// Lambda's answer when too many Invoke calls are in flight: the throttling error with this Reason.
ApiError concurrency_throttle_error(std::string_view service, Protocol protocol, std::string_view reason);

// A call Chokepoint cannot serve: UnknownOperationException (JSON), InvalidAction (query, EC2) or 501
// NotImplemented (REST), with a message naming the service and operation and how to get the call served.
// `emulated`: the service is emulated but this operation is not (such calls are never forwarded: the service's
// state lives here).
ApiError not_emulated_error(const AwsService& service, std::string_view operation, Protocol protocol, bool emulated);

// 503 naming the upstream and what went wrong; retried by clients as a transient error.
ApiError upstream_unavailable_error(std::string_view service, std::string_view operation, std::string_view url,
                                    std::string_view problem, Protocol protocol);

}  // namespace chokepoint
