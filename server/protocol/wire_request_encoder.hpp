#pragma once
// Chokepoint's own calls to a service it does not emulate (CloudFormation provisioning an S3 bucket), written in
// the service's wire protocol for the upstream emulator that serves it: JSON 1.0/1.1 (X-Amz-Target), query (form
// body, lists as `.member.N`), and the few REST operations provisioning needs, one small builder each. The
// Authorization header has SigV4's shape, with the account as access key and the region and service in the
// scope; the signature is not real (the upstream does not check it, and reads the region from the scope).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "protocol/api_types.hpp"
#include "protocol/aws_catalog.hpp"
#include "protocol/result.hpp"

namespace chokepoint {

// The protocol Chokepoint speaks to the service: JSON for a query service that also takes it (SQS, as today's
// SDKs do), otherwise the service's own.
WireProtocol wire_protocol_for(const AwsService& service);

// A query map parameter ({"k": "v"} -> Name.entry.N.key / Name.entry.N.value): wrap the map with this, as the
// flattening cannot tell a map from a structure by itself.
nlohmann::json query_map(const nlohmann::json& map);

// `host`: the Host header (the upstream's host:port). `amz_date`: 20261121T202909Z. An ApiError when the call
// cannot be written (a REST operation without a builder here).
Result<HttpRequest> encode_wire_request(const AwsService& service, const ApiRequest& request, std::string_view host,
                                        std::string_view amz_date);

}  // namespace chokepoint
