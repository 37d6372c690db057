#pragma once
// What the endpoint answers around the API calls themselves, the way DynamoDB's endpoint does: CORS (any Origin
// is allowed; OPTIONS pre-flights are answered directly), the health text on GET, DynamoDB's plain 404 answer for requests that
// are not API calls, and responses that echo the request's JSON media type.
#include <string>

#include "common/clock.hpp"
#include "common/http_message.hpp"
#include "protocol/service_descriptor.hpp"

namespace chokepoint {

// The control API's paths (/_chokepoint/, LocalStack's /_localstack/): never AWS calls.
bool is_control_path(std::string_view path);

// A CORS pre-flight: OPTIONS with an Origin.
bool is_cors_preflight(const HttpRequest& request);
// The answer to a pre-flight: any origin, the asked-for headers and method.
HttpResponse cors_preflight(const HttpRequest& request, const std::string& request_id);
// Adds Access-Control-Allow-Origin when the request came from a browser page (has an Origin).
void allow_cross_origin(const HttpRequest& request, HttpResponse& response);

// GET (any path): the health line DynamoDB's endpoint answers; anything else: 404 <UnknownOperationException/>.
HttpResponse not_an_api_call_response(const HttpRequest& request, const std::string& request_id,
                                      const std::string& region, TimePoint now);

// The default front end answers in the JSON media type it was spoken to in (application/json or
// application/x-amz-json-1.0).
void echo_json_media_type(const HttpRequest& request, const ServiceDescriptor& service, HttpResponse& response);

// The SerializationException the default front end gives a call that arrived without a body.
ApiError empty_body_error(const ServiceDescriptor& service);

}  // namespace chokepoint
