#include "http/response_wire.hpp"

#include <boost/beast/http/status.hpp>
#include <charconv>

namespace chokepoint {

namespace {

void append_number(std::string& out, std::size_t value, int base) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value, base).ptr;
  out.append(digits, end);
}

// RFC 9110 section 6.4.1: 1xx, 204 and 304 answers carry no body and no Content-Length.
bool has_no_body(int status) { return status < 200 || status == 204 || status == 304; }

}  // namespace

void write_response_head(std::string& out, const HttpResponse& response, bool close_after, BodyFraming framing) {
  out.assign("HTTP/1.1 ");
  append_number(out, static_cast<std::size_t>(response.status), 10);
  out += ' ';
  const auto reason = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(response.status));
  out.append(reason.data(), reason.size());
  out += "\r\n";
  for (const auto& [name, value] : response.headers) {
    out.append(name).append(": ").append(value).append("\r\n");
  }
  if (close_after) out += "Connection: close\r\n";
  if (framing == BodyFraming::kChunked) {
    out += "Transfer-Encoding: chunked\r\n";
  } else if (!has_no_body(response.status)) {
    out += "Content-Length: ";
    append_number(out, response.body.size(), 10);
    out += "\r\n";
  }
  out += "\r\n";
}

void append_chunked_body(std::string& out, std::string_view body) {
  if (!body.empty()) {
    append_number(out, body.size(), 16);
    out.append("\r\n").append(body).append("\r\n");
  }
  out += "0\r\n\r\n";
}

}  // namespace chokepoint
