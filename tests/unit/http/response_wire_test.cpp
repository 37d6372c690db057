#include <catch2/catch.hpp>

#include "http/response_wire.hpp"

namespace chokepoint {

namespace {
HttpResponse answer(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers = {{"x-amzn-RequestId", "R1"}, {"Content-Type", "application/x-amz-json-1.0"}};
  r.body = std::move(body);
  return r;
}
}  // namespace

TEST_CASE("response head: status line, headers in order, then the body's length", "[http]") {
  std::string head = "left over from the previous answer";
  write_response_head(head, answer(200, "{}"), false, BodyFraming::kContentLength);
  CHECK(head ==
        "HTTP/1.1 200 OK\r\nx-amzn-RequestId: R1\r\nContent-Type: application/x-amz-json-1.0\r\n"
        "Content-Length: 2\r\n\r\n");
}

TEST_CASE("response head: closing connections say so; error statuses keep their reason", "[http]") {
  std::string head;
  write_response_head(head, answer(400, std::string(1234, 'x')), true, BodyFraming::kContentLength);
  CHECK(head.starts_with("HTTP/1.1 400 Bad Request\r\n"));
  CHECK(head.find("Connection: close\r\n") != std::string::npos);
  CHECK(head.ends_with("Content-Length: 1234\r\n\r\n"));
}

TEST_CASE("response head: statuses without a body get no Content-Length", "[http]") {
  std::string head;
  write_response_head(head, answer(304, ""), false, BodyFraming::kContentLength);
  CHECK(head.find("Content-Length") == std::string::npos);
}

TEST_CASE("chunked answers: one chunk and the last chunk; an empty body is the last chunk alone", "[http]") {
  std::string wire;
  write_response_head(wire, answer(413, ""), true, BodyFraming::kChunked);
  CHECK(wire.find("Transfer-Encoding: chunked\r\n") != std::string::npos);
  CHECK(wire.find("Content-Length") == std::string::npos);
  const size_t head_size = wire.size();
  append_chunked_body(wire, "");
  CHECK(wire.substr(head_size) == "0\r\n\r\n");

  std::string body_wire;
  append_chunked_body(body_wire, std::string(26, 'a'));
  CHECK(body_wire == "1a\r\n" + std::string(26, 'a') + "\r\n0\r\n\r\n");
}

}  // namespace chokepoint
