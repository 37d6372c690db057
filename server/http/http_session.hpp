#pragma once
// One connection: read a request, hand it to the handler, write the response (or forward the request upstream and
// relay the upstream's answer), repeat.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

#include "common/request_handler.hpp"
#include "http/http_server.hpp"
#include "http/upstream_exchange.hpp"
#include "http/watchdog.hpp"

namespace chokepoint {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket&& socket, RequestHandler& handler, std::shared_ptr<HttpServerState> state);
  ~HttpSession();
  void start();

 private:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;

  void expire_in(long long timeout_ms);
  void read_next();
  void read_request();
  bool parse_buffered(boost::beast::error_code& ec);
  void on_head_read(boost::beast::error_code ec, std::size_t bytes);
  void on_head();
  void on_large_head();
  void answer_large_head(HandlerResult&& result, bool keep_alive);
  void read_body();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void reply_to_bad_request(boost::beast::error_code ec);
  void dispatch(Request&& request);
  void await(std::function<void(HandlerResultDone)> later, bool keep_alive, bool large_head);
  void respond(HandlerResult&& result, HttpRequest&& request, bool keep_alive);
  void proceed(HandlerResult&& result, HttpRequest&& request, bool keep_alive);
  void forward(std::shared_ptr<ForwardPlan> plan, HttpRequest&& request, bool keep_alive);
  void on_forwarded(UpstreamExchangeEnd how, bool close_after);
  void write(HttpResponse&& response, bool keep_alive);
  void on_write(bool close, boost::beast::error_code ec, std::size_t bytes);
  void drain_input(std::uint64_t drained);
  void close();
  void deadline_passed();  // the read or write under way took too long
  friend class Watchdog;
  boost::asio::ip::tcp::socket socket_;
  Watchdog watchdog_;  // closes the connection once the step under way has taken too long
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  bool streaming_body_ = false;  // parser_ has read the head of a request whose body streams to an upstream
  std::string head_;             // the answer being written: status line and headers, then the body
  std::string body_;
  std::unique_ptr<boost::asio::steady_timer> delay_timer_;
  // The request being answered: what the handler saw stays in place while its answer comes later.
  std::optional<HttpRequest> request_;
  RequestHandler& handler_;
  std::shared_ptr<HttpServerState> state_;
  std::string remote_;
  bool drain_before_close_ = false;
  // The declared length of a body refused by its head: once that much has been read, the connection closes at once.
  std::optional<std::uint64_t> refused_body_bytes_;
  int pipelined_ = 0;  // requests of the current burst the client sent without waiting for an answer
  UpstreamPool* upstream_pool_ = nullptr;  // the socket's io_context's, once a request has been forwarded
};

}  // namespace chokepoint
