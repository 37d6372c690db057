#pragma once
// Conversions between Beast messages and the plain HttpRequest/HttpResponse values the rest of the program uses.
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "common/http_message.hpp"

namespace chokepoint {

HttpRequest to_plain_request(boost::beast::http::request<boost::beast::http::string_body>&& in,
                             const std::string& remote);
// The head alone (method, target, headers), `body` empty: for a request whose body streams elsewhere.
HttpRequest to_plain_request_head(const boost::beast::http::request_header<>& in, const std::string& remote);

// The status the server answers a parse error with: 413 body too large, 431 headers too large, else 400.
int http_error_status(const boost::beast::error_code& ec);

}  // namespace chokepoint
