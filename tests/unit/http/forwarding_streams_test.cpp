#include <catch2/catch.hpp>

#include "http/forwarding_fixtures.hpp"

namespace chokepoint::forwarding_test {

namespace {

constexpr std::uint64_t kLargeBytes = 50ull * 1024 * 1024;

// Sends `size` pattern bytes in 64 KiB writes.
bool send_pattern(TestSocket& socket, std::uint64_t size) {
  std::string block(64 * 1024, '\0');
  for (std::uint64_t offset = 0; offset < size; offset += block.size()) {
    block.resize(static_cast<std::size_t>(std::min<std::uint64_t>(block.size(), size - offset)));
    fill_pattern(block, offset);
    if (!socket.send_all(block)) return false;
  }
  return true;
}

// Answers each request with the size and checksum of the body it received.
void answer_with_checksum(UpstreamPeer& peer) {
  while (auto request = peer.read_request()) {
    peer.send(
        test_answer(200, std::to_string(request->body_sum.bytes) + " " + std::to_string(request->body_sum.value)));
  }
}

}  // namespace

TEST_CASE("streaming: a 50 MiB upload over max_body_bytes goes upstream through handle_head", "[forward]") {
  TestUpstream upstream(answer_with_checksum);
  ForwardingHandler handler(upstream.address());
  ForwardingServer server(handler, 1024 * 1024);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  REQUIRE(
      client.send_all("PUT /bucket/big-object HTTP/1.1\r\nHost: s3.test\r\nAuthorization: AWS4 x\r\n"
                      "Expect: 100-continue\r\nContent-Length: " +
                      std::to_string(kLargeBytes) + "\r\n\r\n"));
  const auto interim = read_test_response(client, buffer);
  REQUIRE(interim.status == 100);
  REQUIRE(send_pattern(client, kLargeBytes));
  const auto answer = read_test_response(client, buffer);
  REQUIRE(answer.status == 200);
  const Checksum expected = pattern_checksum(kLargeBytes);
  CHECK(answer.body == std::to_string(expected.bytes) + " " + std::to_string(expected.value));

  const auto heads = handler.heads();
  REQUIRE(heads.size() == 1);
  CHECK(heads[0].target == "/bucket/big-object");
  CHECK(heads[0].body.empty());
  const auto requests = upstream.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "PUT");
  CHECK(requests[0].header("content-length") == std::to_string(kLargeBytes));
  CHECK(requests[0].header("authorization") == "AWS4 x");
  CHECK_FALSE(requests[0].header("expect"));
  const auto outcomes = handler.outcomes(1);
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].status == 200);
  CHECK(outcomes[0].request_body_bytes == kLargeBytes);

  // The connection carries on after a streamed body.
  REQUIRE(client.send_all("GET /local HTTP/1.1\r\nHost: x\r\n\r\n"));
  CHECK(read_test_response(client, buffer).body == "local");
}

TEST_CASE("streaming: a chunked upload streams upstream chunked", "[forward]") {
  TestUpstream upstream(answer_with_checksum);
  ForwardingHandler handler(upstream.address());
  ForwardingServer server(handler, 1024);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  REQUIRE(
      client.send_all("POST /chunks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"));
  const auto answer = read_test_response(client, buffer);
  REQUIRE(answer.status == 200);
  CHECK(answer.body.starts_with("12 "));
  const auto requests = upstream.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].body == "hello, world");
}

TEST_CASE("streaming: a 50 MiB download reaches the client whole", "[forward]") {
  TestUpstream upstream([](UpstreamPeer& peer) {
    while (auto request = peer.read_request()) {
      if (!peer.send("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(kLargeBytes) + "\r\n\r\n")) return;
      if (!send_pattern(peer.socket(), kLargeBytes)) return;
    }
  });
  ForwardingHandler handler(upstream.address());
  ForwardingServer server(handler);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  REQUIRE(client.send_all("GET /bucket/big-object HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto answer = read_test_response(client, buffer);
  CHECK_FALSE(answer.error);
  CHECK(answer.header("content-length") == std::to_string(kLargeBytes));
  const Checksum expected = pattern_checksum(kLargeBytes);
  CHECK(answer.body_sum.bytes == expected.bytes);
  CHECK(answer.body_sum.value == expected.value);
  const auto outcomes = handler.outcomes(1);
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].response_body_bytes == kLargeBytes);
}

TEST_CASE("streaming: a large body the handler answers itself is refused, the connection closed", "[forward]") {
  TestUpstream upstream(answer_with_checksum);
  ForwardingHandler handler(upstream.address());
  ForwardingServer server(handler, 1024);
  for (const std::string target : {"/throttle", "/refuse"}) {
    TestSocket client = server.connect();
    boost::beast::flat_buffer buffer;
    REQUIRE(client.send_all("PUT " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"));
    REQUIRE(send_pattern(client, 100000));
    const auto answer = read_test_response(client, buffer);
    CHECK(answer.status == (target == "/throttle" ? 503 : 413));
    CHECK_FALSE(answer.keep_alive);
    CHECK(client.closed_by_peer());
  }
  CHECK(server.settles_at(0));
  CHECK(upstream.connections() == 0);
  CHECK(handler.heads().size() == 2);
}

TEST_CASE("streaming: an unreachable upstream answers a large upload without its body", "[forward]") {
  ForwardingHandler handler(UpstreamAddress{"127.0.0.1", unused_port()});
  ForwardingServer server(handler, 1024);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  REQUIRE(client.send_all("PUT /big HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 100000\r\n\r\n"));
  const auto answer = read_test_response(client, buffer);
  CHECK(answer.status == 502);
  CHECK_FALSE(answer.keep_alive);
  const auto outcomes = handler.outcomes(1);
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].status == 0);
  CHECK(outcomes[0].request_body_bytes == 0);
  // The body never came (the client waited for 100 Continue): once the client says so, the server closes.
  client.finish_sending();
  CHECK(client.closed_by_peer());
  CHECK(server.settles_at(0));
}

}  // namespace chokepoint::forwarding_test
