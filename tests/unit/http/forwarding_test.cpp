#include <catch2/catch.hpp>

#include "http/forwarding_fixtures.hpp"

namespace chokepoint::forwarding_test {

namespace {

// Answers every request on the connection with `answer`, until the connection ends.
TestUpstream::Script answer_each_with(std::string answer) {
  return [answer](UpstreamPeer& peer) {
    while (peer.read_request()) {
      if (!peer.send(answer)) return;
    }
  };
}

const std::string kSignedRequest =
    "POST /some/path?x=1&y=%2F HTTP/1.1\r\n"
    "Host: example.test:4566\r\n"
    "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/foo/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=abc\r\n"
    "X-Amz-Date: 20240101T000000Z\r\n"
    "X-Amz-Target: Foo_2020.Bar\r\n"
    "Content-Type: application/x-amz-json-1.0\r\n"
    "Connection: keep-alive, X-Only-This-Hop\r\n"
    "X-Only-This-Hop: 1\r\n"
    "Keep-Alive: timeout=5\r\n"
    "TE: trailers\r\n"
    "Content-Length: 13\r\n"
    "\r\n"
    "{\"hello\": 1}x";

}  // namespace

TEST_CASE("forwarding: the request reaches the upstream unchanged but for hop-by-hop headers", "[forward]") {
  TestUpstream upstream(answer_each_with(test_answer(200, "{}")));
  ForwardingHandler handler(upstream.address());
  ForwardingServer server(handler);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  REQUIRE(client.send_all(kSignedRequest));
  const auto answer = read_test_response(client, buffer);
  REQUIRE(answer.status == 200);

  const auto requests = upstream.requests();
  REQUIRE(requests.size() == 1);
  const auto& seen = requests[0];
  CHECK(seen.method == "POST");
  CHECK(seen.target == "/some/path?x=1&y=%2F");
  CHECK(seen.header("host") == "example.test:4566");
  CHECK(seen.header("authorization") ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/foo/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=abc");
  CHECK(seen.header("x-amz-date") == "20240101T000000Z");
  CHECK(seen.header("x-amz-target") == "Foo_2020.Bar");
  CHECK(seen.header("content-type") == "application/x-amz-json-1.0");
  CHECK(seen.header("content-length") == "13");
  CHECK_FALSE(seen.header("connection"));
  CHECK_FALSE(seen.header("keep-alive"));
  CHECK_FALSE(seen.header("te"));
  CHECK_FALSE(seen.header("x-only-this-hop"));
  CHECK(seen.body == "{\"hello\": 1}x");

  const auto outcomes = handler.outcomes(1);
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].status == 200);
  CHECK(outcomes[0].problem.empty());
  CHECK(outcomes[0].request_body_bytes == 13);
  CHECK(outcomes[0].response_body_bytes == 2);
}

TEST_CASE("forwarding: the answer reaches the client unchanged but for hop-by-hop headers", "[forward]") {
  const std::string answer =
      "HTTP/1.1 201 Created Specially\r\n"
      "x-amzn-RequestId: abc\r\n"
      "X-Custom: a\r\n"
      "Connection: keep-alive\r\n"
      "Keep-Alive: timeout=5\r\n"
      "X-Custom: b\r\n"
      "Content-Length: 5\r\n"
      "\r\n"
      "hello";
  TestUpstream upstream(answer_each_with(answer));
  ForwardingHandler handler(upstream.address());
  ForwardingServer server(handler);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  REQUIRE(client.send_all("GET /thing HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto relayed = read_test_response(client, buffer);
  CHECK_FALSE(relayed.error);
  CHECK(relayed.status == 201);
  CHECK(relayed.reason == "Created Specially");
  REQUIRE(relayed.headers.size() == 4);
  CHECK(relayed.headers[0] == std::pair<std::string, std::string>{"x-amzn-RequestId", "abc"});
  CHECK(relayed.headers[1] == std::pair<std::string, std::string>{"X-Custom", "a"});
  CHECK(relayed.headers[2] == std::pair<std::string, std::string>{"X-Custom", "b"});
  CHECK(relayed.headers[3] == std::pair<std::string, std::string>{"Content-Length", "5"});
  CHECK(relayed.body == "hello");
  CHECK(relayed.keep_alive);
  // A GET without a body goes on without one.
  const auto requests = upstream.requests();
  REQUIRE(requests.size() == 1);
  CHECK_FALSE(requests[0].header("content-length"));
  CHECK_FALSE(requests[0].header("transfer-encoding"));
}

TEST_CASE("forwarding: chunked answers stay chunked; answers ended by closing arrive chunked", "[forward]") {
  TestUpstream upstream([](UpstreamPeer& peer) {
    while (auto request = peer.read_request()) {
      if (request->target == "/chunked") {
        peer.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n");
      } else {
        peer.send("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end");
        return;
      }
    }
  });
  ForwardingHandler handler(upstream.address());
  ForwardingServer server(handler);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  REQUIRE(client.send_all("GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto chunked = read_test_response(client, buffer);
  CHECK_FALSE(chunked.error);
  CHECK(chunked.chunked);
  CHECK(chunked.body == "hello, world");
  CHECK(chunked.header("transfer-encoding") == "chunked");

  REQUIRE(client.send_all("GET /to-the-end HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto to_the_end = read_test_response(client, buffer);
  CHECK_FALSE(to_the_end.error);
  CHECK(to_the_end.chunked);
  CHECK(to_the_end.body == "until the end");
  CHECK(to_the_end.keep_alive);  // the client's connection stays open

  REQUIRE(client.send_all("GET /local HTTP/1.1\r\nHost: x\r\n\r\n"));
  CHECK(read_test_response(client, buffer).body == "local");
}

TEST_CASE("forwarding: HEAD answers and 204s carry no body, whatever their headers say", "[forward]") {
  TestUpstream upstream([](UpstreamPeer& peer) {
    while (auto request = peer.read_request()) {
      if (request->method == "HEAD") {
        peer.send("HTTP/1.1 200 OK\r\nContent-Length: 12345\r\nETag: \"e\"\r\n\r\n");
      } else {
        peer.send("HTTP/1.1 204 No Content\r\nX-Thing: 1\r\n\r\n");
      }
    }
  });
  ForwardingHandler handler(upstream.address());
  ForwardingServer server(handler);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  REQUIRE(client.send_all("HEAD /bucket/key HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto head = read_test_response(client, buffer, true);
  CHECK_FALSE(head.error);
  CHECK(head.status == 200);
  CHECK(head.header("content-length") == "12345");
  CHECK(head.header("etag") == "\"e\"");

  REQUIRE(client.send_all("DELETE /bucket/key HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto deleted = read_test_response(client, buffer);
  CHECK_FALSE(deleted.error);
  CHECK(deleted.status == 204);
  CHECK(deleted.header("x-thing") == "1");
  CHECK(deleted.body.empty());

  REQUIRE(client.send_all("GET /local HTTP/1.1\r\nHost: x\r\n\r\n"));
  CHECK(read_test_response(client, buffer).body == "local");
  CHECK(upstream.connections() == 1);
}

TEST_CASE("forwarding: connections to the upstream are kept alive and reused", "[forward]") {
  TestUpstream upstream(answer_each_with(test_answer(200, "ok")));
  ForwardingHandler handler(upstream.address());
  ForwardingServer server(handler);
  for (int connection = 0; connection < 2; ++connection) {
    TestSocket client = server.connect();
    boost::beast::flat_buffer buffer;
    for (int i = 0; i < 3; ++i) {
      REQUIRE(client.send_all("POST /r HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nz"));
      const auto answer = read_test_response(client, buffer);
      CHECK(answer.status == 200);
      CHECK(answer.body == "ok");
    }
  }
  CHECK(upstream.requests().size() == 6);
  CHECK(upstream.connections() == 1);
  CHECK(handler.outcomes(6).size() == 6);
  CHECK(server.settles_at(0));
}

TEST_CASE("forwarding: a pooled connection the upstream dropped is replaced, the request sent once more", "[forward]") {
  // The first connection answers one request, then takes the next and closes without answering: the race of an
  // upstream that times out an idle connection just as a request is sent on it.
  TestUpstream upstream([](UpstreamPeer& peer) {
    int answered = 0;
    while (peer.read_request()) {
      if (peer.index() == 0 && answered == 1) return;
      peer.send(test_answer(200, "answer " + std::to_string(peer.index())));
      ++answered;
    }
  });
  ForwardingHandler handler(upstream.address());
  ForwardingServer server(handler);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  REQUIRE(client.send_all("GET /one HTTP/1.1\r\nHost: x\r\n\r\n"));
  CHECK(read_test_response(client, buffer).body == "answer 0");
  REQUIRE(client.send_all("GET /two HTTP/1.1\r\nHost: x\r\n\r\n"));
  CHECK(read_test_response(client, buffer).body == "answer 1");
  CHECK(upstream.connections() == 2);
  const auto requests = upstream.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[1].target == "/two");
  CHECK(requests[2].target == "/two");
  const auto outcomes = handler.outcomes(2);
  REQUIRE(outcomes.size() == 2);
  CHECK(outcomes[1].status == 200);
}

TEST_CASE("forwarding: an upstream that refuses connections gets the plan's answer", "[forward]") {
  const int port = unused_port();
  ForwardingHandler handler(UpstreamAddress{"127.0.0.1", port});
  ForwardingServer server(handler);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  REQUIRE(client.send_all("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"));
  const auto answer = read_test_response(client, buffer);
  CHECK(answer.status == 502);
  CHECK(answer.header("x-unreachable") == "yes");
  CHECK(answer.body == "connection refused by 127.0.0.1:" + std::to_string(port));
  const auto outcomes = handler.outcomes(1);
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].status == 0);
  CHECK(outcomes[0].problem == answer.body);
  CHECK(handler.unreachable_calls() == 1);
  // The client's connection carries on.
  REQUIRE(client.send_all("GET /local HTTP/1.1\r\nHost: x\r\n\r\n"));
  CHECK(read_test_response(client, buffer).body == "local");
  CHECK(handler.outcomes(1).size() == 1);
  CHECK(server.settles_at(1));
}

TEST_CASE("forwarding: an upstream that never answers times out with the plan's answer", "[forward]") {
  TestUpstream upstream([](UpstreamPeer& peer) {
    while (peer.read_request()) {
    }
  });
  ForwardingHandler handler(upstream.address(), 200ms);
  ForwardingServer server(handler);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(client.send_all("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto answer = read_test_response(client, buffer);
  const auto waited = std::chrono::steady_clock::now() - started;
  CHECK(answer.status == 502);
  CHECK(answer.body == "no answer within 200 ms");
  CHECK(waited >= 200ms);
  CHECK(waited < 5s);
  const auto outcomes = handler.outcomes(1);
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].status == 0);
  CHECK(outcomes[0].problem == "no answer within 200 ms");
  CHECK(server.settles_at(1));
}

TEST_CASE("forwarding: a malformed answer gets the plan's answer", "[forward]") {
  TestUpstream upstream([](UpstreamPeer& peer) {
    if (peer.read_request()) peer.send("SMTP ready\r\n\r\n");
  });
  ForwardingHandler handler(upstream.address());
  ForwardingServer server(handler);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  REQUIRE(client.send_all("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto answer = read_test_response(client, buffer);
  CHECK(answer.status == 502);
  CHECK(answer.body.starts_with("malformed response: "));
  const auto outcomes = handler.outcomes(1);
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].status == 0);
}

TEST_CASE("forwarding: an upstream that closes in the middle of its answer closes the client's connection",
          "[forward]") {
  TestUpstream upstream([](UpstreamPeer& peer) {
    if (!peer.read_request()) return;
    peer.send("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(1000, 'a'));
  });
  ForwardingHandler handler(upstream.address());
  ForwardingServer server(handler);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  REQUIRE(client.send_all("GET /cut HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto answer = read_test_response(client, buffer);
  CHECK(answer.status == 200);
  CHECK(answer.error);
  CHECK(answer.body_sum.bytes == 1000);
  CHECK(client.closed_by_peer());
  const auto outcomes = handler.outcomes(1);
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].status == 0);
  CHECK(outcomes[0].problem.starts_with("connection closed by 127.0.0.1:"));
  CHECK(outcomes[0].response_body_bytes == 1000);
  CHECK(server.settles_at(0));
}

TEST_CASE("requests that expect 100-continue get it before they send their body", "[forward]") {
  ForwardingHandler handler(UpstreamAddress{"127.0.0.1", unused_port()});
  ForwardingServer server(handler);
  TestSocket client = server.connect();
  boost::beast::flat_buffer buffer;
  REQUIRE(client.send_all("PUT /local HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  const auto interim = read_test_response(client, buffer);
  REQUIRE(interim.status == 100);
  REQUIRE(client.send_all("hello"));
  const auto answer = read_test_response(client, buffer);
  CHECK(answer.status == 200);
  CHECK(answer.body == "local");
}

}  // namespace chokepoint::forwarding_test
