#include <catch2/catch.hpp>

#include "http/upstream_wire.hpp"

namespace chokepoint {

TEST_CASE("upstream request head: everything but hop-by-hop headers, Expect and the client's framing", "[forward]") {
  HttpRequest request;
  request.method = "PUT";
  request.target = "/b/k?x=%2F";
  request.headers = {{"host", "s3.test"},
                     {"connection", "keep-alive, x-hop"},
                     {"x-hop", "1"},
                     {"authorization", "AWS4 a"},
                     {"expect", "100-continue"},
                     {"proxy-authorization", "p"},
                     {"transfer-encoding", "chunked"},
                     {"x-amz-meta-a", "b"}};
  CHECK(upstream_request_head(request, UpstreamBodyFraming{std::uint64_t{42}, false}) ==
        "PUT /b/k?x=%2F HTTP/1.1\r\nhost: s3.test\r\nauthorization: AWS4 a\r\nx-amz-meta-a: b\r\n"
        "Content-Length: 42\r\n\r\n");
  CHECK(upstream_request_head(request, UpstreamBodyFraming{std::nullopt, true})
            .ends_with("x-amz-meta-a: b\r\nTransfer-Encoding: chunked\r\n\r\n"));
  CHECK(upstream_request_head(request, UpstreamBodyFraming{}).ends_with("x-amz-meta-a: b\r\n\r\n"));
}

TEST_CASE("relayed answer head: the upstream's status, reason and headers but hop-by-hop ones", "[forward]") {
  boost::beast::http::fields fields;
  fields.insert("X-Amz-Request-Id", "r1");
  fields.insert("Connection", "keep-alive, X-Hop");
  fields.insert("X-Hop", "1");
  fields.insert("Keep-Alive", "timeout=5");
  fields.insert("Content-Length", "3");
  std::string head = "left over";
  relayed_response_head(head, 404, "Not Here", fields, false, false);
  CHECK(head == "HTTP/1.1 404 Not Here\r\nX-Amz-Request-Id: r1\r\nContent-Length: 3\r\n\r\n");
  relayed_response_head(head, 200, "", boost::beast::http::fields{}, true, true);
  CHECK(head == "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
}

TEST_CASE("hop-by-hop headers, in any case", "[forward]") {
  for (const char* name :
       {"Connection", "keep-alive", "Proxy-Authenticate", "Proxy-Auth", "proxy-z", "TE", "Trailer", "UPGRADE"}) {
    CHECK(is_hop_by_hop_header(name));
  }
  for (const char* name :
       {"Host", "Authorization", "Transfer-Encoding", "Content-Length", "Tee", "Proxy", "Upgrades", "Connections"}) {
    CHECK_FALSE(is_hop_by_hop_header(name));
  }
}

}  // namespace chokepoint
