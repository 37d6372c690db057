#include "http/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <array>

#include "http/beast_conversion.hpp"
#include "http/response_wire.hpp"

namespace chokepoint {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;

namespace {

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
    : socket_(std::move(socket)), watchdog_(socket_.get_executor()), handler_(handler), state_(std::move(state)) {
  beast::error_code ec;
  const auto endpoint = socket_.remote_endpoint(ec);
  if (!ec) remote_ = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  state_->counters.connections.fetch_add(1);
}

HttpSession::~HttpSession() { state_->counters.connections.fetch_sub(1); }

void HttpSession::start() {
  // Run on the connection's io_context, which one thread runs: no two handlers of one connection overlap.
  asio::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->read_next(); });
}

void HttpSession::expire_in(long long timeout_ms) {
  const auto now = std::chrono::steady_clock::now();
  deadline_ = now + std::chrono::milliseconds(timeout_ms);
  if (!watchdog_armed_) arm_watchdog(now);
}

// The connection's one timer. Deadlines move with every read and write, but re-arming a timer costs a system
// call, so the watchdog is only re-armed when it fires: it is never armed later than now plus the shortest
// timeout, which no deadline set afterwards can precede. When it fires early it re-checks the current deadline.
void HttpSession::arm_watchdog(std::chrono::steady_clock::time_point now) {
  const long long shortest_ms = std::min(state_->options.idle_timeout_ms, state_->options.read_timeout_ms);
  watchdog_armed_ = true;
  watchdog_.expires_at(std::min(deadline_, now + std::chrono::milliseconds(shortest_ms)));
  watchdog_.async_wait([self = shared_from_this()](beast::error_code ec) {
    self->watchdog_armed_ = false;
    if (ec || !self->socket_.is_open()) return;
    const auto now = std::chrono::steady_clock::now();
    if (now >= self->deadline_) return self->close();  // cancels the read or write that waited too long
    self->arm_watchdog(now);
  });
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
  parser_->body_limit(static_cast<std::uint64_t>(state_->options.max_body_bytes));
  parser_->header_limit(static_cast<std::uint32_t>(state_->options.max_header_bytes));
  if (parse_buffered()) return;
  // Once a request has started, all of it must arrive within the read timeout: a client that trickles
  // bytes (slow loris) is dropped instead of holding the connection forever.
  expire_in(state_->options.read_timeout_ms);
  http::async_read(socket_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

// A request that arrived whole (the usual case) is parsed from the buffer here rather than by another read
// operation, which would only find the bytes already there but still cost a trip through the io_context.
// Returns true when the request is settled (complete or malformed) and on_read has run.
bool HttpSession::parse_buffered() {
  parser_->eager(true);
  beast::error_code ec;
  while (buffer_.size() > 0 && !parser_->is_done()) {
    const std::size_t used = parser_->put(buffer_.data(), ec);
    buffer_.consume(used);
    if (ec == http::error::need_more) return false;
    if (ec) {
      on_read(ec, 0);
      return true;
    }
    if (used == 0) return false;
  }
  if (!parser_->is_done()) return false;
  on_read({}, 0);
  return true;
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
  HttpRequest plain = to_plain_request(std::move(request), remote_);
  HandlerResult result;
  try {
    result = handler_.handle(plain);
  } catch (const std::exception& e) {
    result.response = plain_error(500, std::string("internal error: ") + e.what() + "\n");
  }
  if (result.delay.count() <= 0) return write(std::move(result.response), keep_alive);
  // Latency faults: hold the response back without blocking the thread. No deadline applies meanwhile.
  deadline_ = std::chrono::steady_clock::time_point::max();
  delay_timer_ = std::make_unique<asio::steady_timer>(socket_.get_executor(), result.delay);
  delay_timer_->async_wait([self = shared_from_this(), response = std::move(result.response),
                            keep_alive](beast::error_code) mutable {
    self->write(std::move(response), keep_alive);
  });
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
  // Bounded: at most twice the body limit, within the read timeout; then the connection closes regardless.
  if (drained > 2 * static_cast<std::uint64_t>(state_->options.max_body_bytes)) return close();
  buffer_.consume(buffer_.size());
  expire_in(state_->options.read_timeout_ms);
  socket_.async_read_some(buffer_.prepare(64 * 1024),
                          [self = shared_from_this(), drained](beast::error_code ec, std::size_t n) {
                            if (ec) return self->close();
                            self->buffer_.commit(n);
                            self->drain_input(drained + n);
                          });
}

void HttpSession::close() {
  beast::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  socket_.close(ec);
  watchdog_.cancel();
}

}  // namespace chokepoint
