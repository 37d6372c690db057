#include "http/http_session.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/query.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <limits>

#include "http/beast_conversion.hpp"
#include "http/response_wire.hpp"

namespace chokepoint {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;

namespace {

constexpr std::string_view kSessionContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// "Expect: 100-continue": the client waits for an interim 100 before it sends the body (botocore does so for
// uploads over 1 MB, for up to a second).
bool session_expects_continue(const http::request_header<>& head) {
  const auto expect = head[http::field::expect];
  return beast::iequals(expect, "100-continue");
}

HttpResponse plain_error(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "text/plain");
  r.body = std::move(body);
  r.close_connection = true;
  return r;
}

}  // namespace

HttpSession::HttpSession(asio::ip::tcp::socket&& socket, RequestHandler& handler,
                         std::shared_ptr<HttpServerState> state)
    : socket_(std::move(socket)),
      watchdog_(socket_.get_executor(),
                std::chrono::milliseconds(std::min(state->options.idle_timeout_ms, state->options.read_timeout_ms))),
      handler_(handler),
      state_(std::move(state)) {
  beast::error_code ec;
  const auto endpoint = socket_.remote_endpoint(ec);
  if (!ec) remote_ = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  state_->counters.connections.fetch_add(1);
}

HttpSession::~HttpSession() {
  state_->counters.connections.fetch_sub(1);
}

void HttpSession::start() {
  // Run on the connection's io_context, which one thread runs: no two handlers of one connection overlap.
  asio::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->read_next(); });
}

void HttpSession::expire_in(long long timeout_ms) {
  watchdog_.expire_in(std::chrono::milliseconds(timeout_ms), shared_from_this());
}

void HttpSession::deadline_passed() {
  if (socket_.is_open()) close();  // cancels the read or write that waited too long
}

void HttpSession::read_next() {
  if (state_->stopping.load()) return close();
  if (buffer_.size() > 0) {
    // Bytes that arrived before the previous answer went out: the client is pipelining.
    ++pipelined_;
    return read_request();
  }
  pipelined_ = 1;
  // Wait for the first byte of the next request for up to the idle timeout.
  expire_in(state_->options.idle_timeout_ms);
  socket_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    if (ec) return self->close();
    self->buffer_.commit(n);
    self->read_request();
  });
}

void HttpSession::read_request() {
  parser_.emplace();
  streaming_body_ = false;
  parser_->header_limit(static_cast<std::uint32_t>(state_->options.max_header_bytes));
  // The body limit applies once the head is known (on_head): a larger body may still stream to an upstream. Boost
  // 1.74 treats an unset limit as exceeded, hence the largest one.
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  parser_->eager(false);  // stop at the end of the head
  beast::error_code ec;
  if (parse_buffered(ec)) return on_head_read(ec, 0);
  // Once a request has started, all of it must arrive within the read timeout: a client that trickles
  // bytes (slow loris) is dropped instead of holding the connection forever.
  expire_in(state_->options.read_timeout_ms);
  http::async_read_header(socket_, buffer_, *parser_,
                          beast::bind_front_handler(&HttpSession::on_head_read, shared_from_this()));
}

// A request that arrived whole (the usual case) is parsed from the buffer here rather than by another read
// operation, which would only find the bytes already there but still cost a trip through the io_context.
// Returns true when the parser got as far as it goes (the head, or with eager set the whole request) or failed.
bool HttpSession::parse_buffered(beast::error_code& ec) {
  while (buffer_.size() > 0) {
    const std::size_t used = parser_->put(buffer_.data(), ec);
    buffer_.consume(used);
    if (ec == http::error::need_more) {
      ec = {};
      return false;
    }
    if (ec || parser_->is_done() || (!parser_->eager() && parser_->is_header_done())) return true;
    if (used == 0) return false;
  }
  return false;
}

void HttpSession::on_head_read(beast::error_code ec, std::size_t) {
  if (ec) return on_read(ec, 0);
  on_head();
}

void HttpSession::on_head() {
  const auto length = parser_->content_length();
  if (length && *length > static_cast<std::uint64_t>(state_->options.max_body_bytes)) return on_large_head();
  parser_->body_limit(static_cast<std::uint64_t>(state_->options.max_body_bytes));
  parser_->eager(true);
  beast::error_code ec;
  if (parser_->is_done() || parse_buffered(ec)) return on_read(ec, 0);
  expire_in(state_->options.read_timeout_ms);
  if (!session_expects_continue(parser_->get())) return read_body();
  asio::async_write(socket_, asio::buffer(kSessionContinue.data(), kSessionContinue.size()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) return self->close();
                      self->read_body();
                    });
}

void HttpSession::read_body() {
  http::async_read(socket_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

// A body over max_body_bytes is not read into memory: the handler judges the request by its head, and may have it
// streamed to an upstream; otherwise its answer (or 413) ends the connection once the client has sent the body.
void HttpSession::on_large_head() {
  request_.emplace(to_plain_request_head(parser_->get(), remote_));
  const bool keep_alive = parser_->get().keep_alive();
  std::optional<HandlerResult> result;
  try {
    result = handler_.handle_head(*request_);
  } catch (const std::exception& e) {
    result.emplace();
    result->response = plain_error(500, std::string("internal error: ") + e.what() + "\n");
  }
  if (!result) {
    refused_body_bytes_ = *parser_->content_length();  // on_head came here because the length is known
    return reply_to_bad_request(http::error::body_limit);
  }
  state_->counters.in_flight.fetch_add(1);
  if (result->later) return await(std::move(result->later), keep_alive, true);
  answer_large_head(std::move(*result), keep_alive);
}

void HttpSession::answer_large_head(HandlerResult&& result, bool keep_alive) {
  if (result.forward) {
    streaming_body_ = true;
    return respond(std::move(result), std::move(*request_), keep_alive);
  }
  drain_before_close_ = true;
  refused_body_bytes_ = *parser_->content_length();
  respond(std::move(result), std::move(*request_), false);
}

void HttpSession::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
      ec == asio::error::operation_aborted) {
    return close();
  }
  if (ec) return reply_to_bad_request(ec);
  dispatch(parser_->release());
}

void HttpSession::reply_to_bad_request(beast::error_code ec) {
  state_->counters.in_flight.fetch_add(1);  // balanced in on_write
  const int status = http_error_status(ec);
  if (status == 413) {
    HttpResponse too_large = plain_error(413, "");
    too_large.chunked = true;
    // Read what the client is still sending before closing, so it sees the 413 rather than a broken pipe.
    drain_before_close_ = true;
    return write(std::move(too_large), false);
  }
  if (status == 431) return write(plain_error(431, "Request header fields too large\n"), false);
  write(plain_error(400, "Malformed HTTP request: " + ec.message() + "\n"), false);
}

void HttpSession::dispatch(Request&& request) {
  // A client that sent more requests than allowed without reading answers gets this one answered with
  // "Connection: close"; what it sent beyond is read and dropped before closing, so the answers reach it.
  const bool over_pipelined = pipelined_ >= state_->options.max_pipelined_requests && buffer_.size() > 0;
  if (over_pipelined) drain_before_close_ = true;
  const bool keep_alive = request.keep_alive() && !over_pipelined;
  state_->counters.in_flight.fetch_add(1);
  request_.emplace(to_plain_request(std::move(request), remote_));
  HandlerResult result;
  try {
    result = handler_.handle(*request_);
  } catch (const std::exception& e) {
    result.response = plain_error(500, std::string("internal error: ") + e.what() + "\n");
  }
  if (result.later) return await(std::move(result.later), keep_alive, false);
  respond(std::move(result), std::move(*request_), keep_alive);
}

// The handler answers later (a shared bucket store decides). Its completion may come on another thread: it is
// posted to this connection's executor, so the connection's handlers still never overlap. The read deadline keeps
// running meanwhile and bounds the wait.
void HttpSession::await(std::function<void(HandlerResultDone)> later, bool keep_alive, bool large_head) {
  later([self = shared_from_this(), keep_alive, large_head](HandlerResult result) {
    asio::post(self->socket_.get_executor(), [self, keep_alive, large_head, result = std::move(result)]() mutable {
      if (large_head) return self->answer_large_head(std::move(result), keep_alive);
      self->respond(std::move(result), std::move(*self->request_), keep_alive);
    });
  });
}

void HttpSession::respond(HandlerResult&& result, HttpRequest&& request, bool keep_alive) {
  if (result.delay.count() <= 0) return proceed(std::move(result), std::move(request), keep_alive);
  // Latency faults: hold the response back without blocking the thread. No deadline applies meanwhile.
  watchdog_.suspend();
  delay_timer_ = std::make_unique<asio::steady_timer>(socket_.get_executor(), result.delay);
  delay_timer_->async_wait(
      [self = shared_from_this(), result = std::move(result), request = std::move(request),
       keep_alive](beast::error_code) mutable { self->proceed(std::move(result), std::move(request), keep_alive); });
}

void HttpSession::proceed(HandlerResult&& result, HttpRequest&& request, bool keep_alive) {
  if (result.forward) return forward(std::move(result.forward), std::move(request), keep_alive);
  write(std::move(result.response), keep_alive);
}

void HttpSession::forward(std::shared_ptr<ForwardPlan> plan, HttpRequest&& request, bool keep_alive) {
  // The exchange keeps its own deadlines, for the upstream and for the client.
  watchdog_.suspend();
  const bool close_after = !keep_alive || state_->stopping.load();
  const UpstreamClientSide client{socket_, buffer_, std::chrono::milliseconds(state_->options.read_timeout_ms),
                                  close_after};
  std::unique_ptr<UpstreamExchange::UploadParser> upload;
  if (streaming_body_) {
    // The head is parsed and nothing of the body: the parser goes on with a body that fills a fixed buffer.
    upload = std::make_unique<UpstreamExchange::UploadParser>(std::move(*parser_));
    parser_.reset();
  }
  // Found once per connection: finding an Asio service takes a lock and a walk through the context's services.
  if (!upstream_pool_) {
    upstream_pool_ = &asio::use_service<UpstreamPool>(asio::query(socket_.get_executor(), asio::execution::context));
  }
  std::make_shared<UpstreamExchange>(client, *upstream_pool_, std::move(plan), std::move(request), std::move(upload),
                                     [self = shared_from_this(), close_after](UpstreamExchangeEnd how) {
                                       self->on_forwarded(std::move(how), close_after);
                                     })
      ->start();
}

void HttpSession::on_forwarded(UpstreamExchangeEnd how, bool close_after) {
  if (how.answer) {
    // The upstream gave no answer: the plan's stands in. Unless the client's body was read whole, it ends the
    // connection, once what the client still sends has been read.
    if (!how.request_read) drain_before_close_ = true;
    return write(std::move(*how.answer), !close_after && how.request_read);
  }
  state_->counters.in_flight.fetch_sub(1);
  if (!how.relayed || !how.request_read) return close();
  if (close_after && drain_before_close_) return drain_input(0);
  if (close_after) return close();
  read_next();
}

void HttpSession::write(HttpResponse&& plain, bool keep_alive) {
  const bool close_after = plain.close_connection || !keep_alive || state_->stopping.load();
  if (plain.chunked) {
    write_response_head(head_, plain, close_after, BodyFraming::kChunked);
    append_chunked_body(head_, plain.body);
    body_.clear();
  } else {
    write_response_head(head_, plain, close_after, BodyFraming::kContentLength);
    body_ = std::move(plain.body);
  }
  expire_in(state_->options.read_timeout_ms);
  const std::array<asio::const_buffer, 2> wire{asio::buffer(head_), asio::buffer(body_)};
  asio::async_write(socket_, wire, beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), close_after));
}

void HttpSession::on_write(bool close_after, beast::error_code ec, std::size_t) {
  state_->counters.in_flight.fetch_sub(1);
  if (!ec && close_after && drain_before_close_) return drain_input(0);
  if (ec || close_after) return close();
  read_next();
}

void HttpSession::drain_input(std::uint64_t drained) {
  drained += buffer_.size();
  buffer_.consume(buffer_.size());
  // A refused body of known length ends the connection as soon as all of it has arrived, as DynamoDB's endpoint
  // does: closing earlier would reset the connection under a client still sending, which then never reads the
  // answer. Bounded: at most that length up to kMaxDrainedBytes, or twice the body limit, within the read
  // timeout; then the connection closes regardless.
  constexpr std::uint64_t kMaxDrainedBytes = 64ull << 20;
  const std::uint64_t limit = std::max<std::uint64_t>(2 * static_cast<std::uint64_t>(state_->options.max_body_bytes),
                                                      std::min(refused_body_bytes_.value_or(0), kMaxDrainedBytes));
  if (refused_body_bytes_ && drained >= *refused_body_bytes_) return close();
  if (drained > limit) return close();
  expire_in(state_->options.read_timeout_ms);
  socket_.async_read_some(buffer_.prepare(64 * 1024),
                          [self = shared_from_this(), drained](beast::error_code ec, std::size_t n) {
                            if (ec) return self->close();
                            self->buffer_.commit(n);
                            self->drain_input(drained);
                          });
}

void HttpSession::close() {
  beast::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  socket_.close(ec);
  watchdog_.cancel();
}

}  // namespace chokepoint
