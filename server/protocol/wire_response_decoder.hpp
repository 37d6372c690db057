#pragma once
// The upstream's answer to one of Chokepoint's own calls (wire_request_encoder.hpp), as the ApiResult an emulated
// service would have given: JSON bodies parsed; query answers' <OpResult> turned into the JSON tree query services
// write (xml_reader.hpp); errors as ApiError from JSON's __type and message, query's <Error><Code>, S3's
// <Error><Code>, with the HTTP status.
#include <string_view>

#include "protocol/api_types.hpp"
#include "protocol/aws_catalog.hpp"

namespace chokepoint {

// `protocol`: the one the request was written in (wire_protocol_for()).
ApiResult decode_wire_response(WireProtocol protocol, std::string_view operation, const HttpResponse& response);

}  // namespace chokepoint
