#pragma once
// The bytes of an HTTP/1.1 response, written by hand. Beast's serializer costs more per answer than the whole of a
// GetItem, and an API answer needs none of what it offers: the head is a status line, a few headers and the
// framing, the body is one string.
#include <string>
#include <string_view>

#include "common/http_message.hpp"

namespace chokepoint {

enum class BodyFraming { kContentLength, kChunked };

// Replaces `out` with the status line and headers of `response`, up to and including the empty line. Adds
// Content-Length (except for statuses that have no body) or Transfer-Encoding, and "Connection: close" when the
// connection closes after this answer.
void write_response_head(std::string& out, const HttpResponse& response, bool close_after, BodyFraming framing);

// Appends `body` as one chunk followed by the last chunk. An empty body is the last chunk alone: DynamoDB's
// endpoint answers that way, and Beast's serializer would emit an extra empty chunk.
void append_chunked_body(std::string& out, std::string_view body);

}  // namespace chokepoint
