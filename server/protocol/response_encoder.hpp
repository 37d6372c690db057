#pragma once
// Turns ApiResponse/ApiError into HTTP responses in each protocol's exact shape: status, headers
// (x-amzn-RequestId on every response, x-amz-crc32 for DynamoDB), body (JSON, query XML with
// <OpResult> wrappers, EC2 XML without), request id in the body for query/EC2.
#include <string_view>

#include "common/clock.hpp"
#include "common/http_message.hpp"
#include "protocol/api_types.hpp"
#include "protocol/service_descriptor.hpp"

namespace chokepoint {

// `protocol` is the one the call arrived in (ApiRequest::protocol); it differs from the descriptor's only for a
// query-compatible service called in the query form.
HttpResponse encode_success(const ServiceDescriptor& service, Protocol protocol, std::string_view operation,
                            std::string_view request_id, ApiResponse response, TimePoint now);
HttpResponse encode_error(const ServiceDescriptor& service, Protocol protocol, std::string_view request_id,
                          const ApiError& error, TimePoint now);

// The same, in the service's own protocol.
HttpResponse encode_success(const ServiceDescriptor& service, std::string_view operation, std::string_view request_id,
                            ApiResponse response, TimePoint now);
HttpResponse encode_error(const ServiceDescriptor& service, std::string_view request_id, const ApiError& error,
                          TimePoint now);

// The JSON __type an error is sent with.
std::string json_error_type(const ServiceDescriptor& service, const ApiError& error);

// Serialises JSON for the wire; invalid UTF-8 is replaced rather than throwing.
std::string dump_json(const nlohmann::json& value);

}  // namespace chokepoint
