#pragma once
// Detects which service and protocol an HTTP request speaks and decodes it:
//   X-Amz-Target: <prefix>.<Op> with a JSON body      -> JSON 1.0/1.1 service
//   form body or query string with Action=<Op>         -> query/EC2 service, chosen by the SigV4 scope's
//                                                         service, else by Version, else by the action
//   any other POST                                     -> the default front end (DynamoDB's), which answers
//                                                         with its own errors (UnknownOperation, Serialization)
//   anything else (GET, PUT, ...)                      -> not an API call (GET / is a health check)
// A query-compatible JSON service (CloudWatch) is reached both ways; `protocol` says which one the call used,
// and so how it must be answered.
#include <optional>
#include <string_view>
#include <variant>

#include "common/http_message.hpp"
#include "protocol/api_types.hpp"
#include "protocol/service_catalog.hpp"

namespace chokepoint {

struct DecodedCall {
  const ServiceDescriptor* service = nullptr;
  std::string operation;
  nlohmann::json params;
  Protocol protocol = Protocol::kJson10;  // the protocol the call arrived in
  bool empty_body = false;  // JSON call sent without a body (params is then an empty object)
};

struct DecodeFailure {
  const ServiceDescriptor* service = nullptr;  // null when no service could be identified
  ApiError error;
  bool not_an_api_call = false;  // neither JSON nor form: answered by the front end's 404; `error` is empty
  // The protocol to answer in: the service's own, or query for a query-compatible service's form call.
  // Always set by decode_request.
  std::optional<Protocol> protocol = std::nullopt;
};

using DecodeResult = std::variant<DecodedCall, DecodeFailure>;

// `scope_service` is the signing name from the request's SigV4 credential scope, when there is one.
DecodeResult decode_request(const HttpRequest& request, const ServiceCatalog& catalog,
                            std::string_view scope_service);

// Whether decode_request is sure to fail for `request`: a JSON call (x-amz-json-1.0 or 1.1, no Action in the
// query) whose X-Amz-Target prefix names no service of `catalog`. Such a call is for a service Chokepoint does
// not emulate, which a caller can then look for at once instead of after a failed decode.
bool targets_no_emulated_service(const HttpRequest& request, const ServiceCatalog& catalog);

// The media type of a Content-Type value, lower case, without parameters.
std::string media_type(std::string_view content_type);
// The same, in the case it was sent in (compare it with iequals).
std::string_view media_type_as_sent(std::string_view content_type);

}  // namespace chokepoint
