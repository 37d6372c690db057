#include "http/blocking_upstream_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace chokepoint {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::asio::ip::tcp;

bhttp::request<bhttp::string_body> beast_request(const HttpRequest& request) {
  bhttp::request<bhttp::string_body> out;
  out.method_string(request.method);
  out.target(request.target);
  out.version(11);
  for (const auto& [name, value] : request.headers) out.set(name, value);
  out.set(bhttp::field::connection, "close");
  out.body() = request.body;
  out.prepare_payload();
  return out;
}

HttpResponse plain_response(bhttp::response<bhttp::string_body>& answer) {
  HttpResponse out;
  out.status = static_cast<int>(answer.result_int());
  for (const auto& field : answer)
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  out.body = std::move(answer.body());
  return out;
}

}  // namespace

// Asynchronous operations on a private context rather than Beast's blocking calls: the stream's expiry then bounds
// the whole exchange, which blocking socket calls cannot do portably.
UpstreamAnswer BlockingUpstreamClient::exchange(const HttpRequest& request, const UpstreamAddress& upstream,
                                                std::chrono::milliseconds timeout) {
  boost::asio::io_context context;
  tcp::resolver resolver(context);
  beast::tcp_stream stream(context);
  beast::flat_buffer buffer;
  bhttp::request<bhttp::string_body> outgoing = beast_request(request);
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);  // answers to provisioning calls are small; a runaway one is cut off
  beast::error_code failure;
  std::string stage = "resolving";

  stream.expires_after(timeout);
  resolver.async_resolve(upstream.host, std::to_string(upstream.port),
                         [&](beast::error_code ec, const tcp::resolver::results_type& endpoints) {
                           if (ec) return void(failure = ec);
                           stage = "connecting";
                           stream.async_connect(endpoints, [&](beast::error_code ec2, const tcp::endpoint&) {
                             if (ec2) return void(failure = ec2);
                             stage = "sending";
                             bhttp::async_write(stream, outgoing, [&](beast::error_code ec3, std::size_t) {
                               if (ec3) return void(failure = ec3);
                               stage = "reading the answer";
                               bhttp::async_read(stream, buffer, parser, [&](beast::error_code ec4, std::size_t) {
                                 if (ec4) failure = ec4;
                               });
                             });
                           });
                         });
  context.run();
  if (failure) {
    const std::string what = failure == beast::error::timeout ? "timed out" : failure.message();
    return UpstreamFailure{what + " while " + stage};
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  auto answer = parser.release();
  return plain_response(answer);
}

}  // namespace chokepoint
