#include "http/upstream_exchange.hpp"

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <charconv>
#include <limits>

#include "common/strings.hpp"
#include "http/eager_write.hpp"
#include "http/upstream_wire.hpp"

namespace chokepoint {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

constexpr std::string_view kUpstreamContinue = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr std::string_view kUpstreamLastChunk = "0\r\n\r\n";
// Upstream answers carry more headers than API requests do (S3 metadata); still bounded.
constexpr std::uint32_t kUpstreamAnswerHeaderBytes = 64 * 1024;
// 1xx answers skipped before the final one; an upstream that sends more is not answering.
constexpr int kUpstreamMaxInterimAnswers = 8;

void append_chunk_size(std::string& out, std::size_t size) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, size, 16).ptr;
  out.append(digits, end).append("\r\n");
}

bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::end_of_stream).category();
}

HttpResponse upstream_fallback_answer(const std::string& problem) {
  HttpResponse r;
  r.status = 502;
  r.headers.emplace_back("Content-Type", "text/plain");
  r.body = "upstream unavailable: " + problem + "\n";
  return r;
}

UpstreamBodyFraming request_framing(const HttpRequest& request, const UpstreamExchange::UploadParser* upload) {
  UpstreamBodyFraming framing;
  if (upload) {
    if (const auto length = upload->content_length()) framing.content_length = *length;
    framing.chunked = !framing.content_length.has_value();
  } else if (!request.body.empty() || request.header("content-length") || request.header("transfer-encoding")) {
    framing.content_length = request.body.size();
  }
  return framing;
}

}  // namespace

UpstreamExchange::UpstreamExchange(UpstreamClientSide client, UpstreamPool& pool, std::shared_ptr<ForwardPlan> plan,
                                   HttpRequest&& request, std::unique_ptr<UploadParser> upload, Finished finished)
    : client_(client),
      plan_(std::move(plan)),
      pool_(pool),
      request_head_(upstream_request_head(request, request_framing(request, upload.get()))),
      request_body_(std::move(request.body)),
      head_request_(request.method == "HEAD"),
      upload_(std::move(upload)),
      watchdog_(client.socket.get_executor(), std::min(plan_->timeout, client.timeout)),
      finished_(std::move(finished)) {
  const auto expect = request.header("expect");
  expect_continue_ = expect && iequals(trim(*expect), "100-continue");
  upload_chunked_ = upload_ && !upload_->content_length().has_value();
  if (upload_) upload_->body_limit(std::numeric_limits<std::uint64_t>::max());
}

void UpstreamExchange::start() {
  upstream_ = pool_.take(plan_->upstream);
  if (!upstream_) return connect();
  reused_ = true;
  send_request();
}

// The exchange's steps run one at a time, each waiting on one side with that side's timeout; a wait that runs
// out closes that side's socket, which ends the step with an error.
void UpstreamExchange::expect_within(Waiting side) {
  waiting_ = side;
  watchdog_.expire_in(side == Waiting::kUpstream ? plan_->timeout : client_.timeout, shared_from_this());
}

void UpstreamExchange::arrived() {
  waiting_ = Waiting::kNothing;
  watchdog_.suspend();
}

void UpstreamExchange::deadline_passed() {
  timed_out_ = true;
  beast::error_code ignored;
  if (waiting_ == Waiting::kClient) {
    client_.socket.close(ignored);
  } else if (waiting_ == Waiting::kUpstream) {
    if (resolver_) resolver_->cancel();
    if (upstream_) upstream_->socket.close(ignored);
  }
}

void UpstreamExchange::connect() {
  reused_ = false;
  connecting_ = true;
  upstream_ = std::make_unique<UpstreamConnection>(client_.socket.get_executor());
  expect_within(Waiting::kUpstream);
  const auto& upstream = plan_->upstream;
  beast::error_code ec;
  const auto address = asio::ip::make_address(upstream.host, ec);
  if (!ec) {
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(upstream.port));
    return upstream_->socket.async_connect(
        endpoint, [self = shared_from_this()](beast::error_code ec) { self->on_connected(ec); });
  }
  // A name: resolved for each new connection, which the pool makes rare.
  resolver_.emplace(client_.socket.get_executor());
  resolver_->async_resolve(
      upstream.host, std::to_string(upstream.port),
      [self = shared_from_this()](beast::error_code ec, const tcp::resolver::results_type& results) {
        if (ec) {
          self->arrived();
          if (self->timed_out_) return self->fail_before_answer(self->upstream_problem(ec));
          return self->fail_before_answer("cannot resolve " + self->plan_->upstream.host + ": " + ec.message());
        }
        asio::async_connect(self->upstream_->socket, results,
                            [self](beast::error_code ec, const tcp::endpoint&) { self->on_connected(ec); });
      });
}

void UpstreamExchange::on_connected(beast::error_code ec) {
  arrived();
  if (ec) return fail_before_answer(upstream_problem(ec));
  connecting_ = false;
  upstream_->socket.set_option(tcp::no_delay(true), ec);
  send_request();
}

void UpstreamExchange::send_request() {
  expect_within(Waiting::kUpstream);
  auto on_sent = [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_request_sent(ec); };
  if (upload_) return asio::async_write(upstream_->socket, asio::buffer(request_head_), std::move(on_sent));
  const std::array<asio::const_buffer, 2> wire{asio::buffer(request_head_), asio::buffer(request_body_)};
  eager_write(upstream_->socket, wire, std::move(on_sent));
}

void UpstreamExchange::on_request_sent(beast::error_code ec) {
  arrived();
  if (ec) {
    if (retry_on_fresh_connection(ec)) return;
    return fail_before_answer(upstream_problem(ec));
  }
  if (!upload_) {
    outcome_.request_body_bytes = request_body_.size();
    return read_answer_head();
  }
  if (!expect_continue_ || upload_->is_done()) return pump_upload();
  // The client waits for this before it sends the body; it comes once the upstream is known to be there.
  expect_within(Waiting::kClient);
  asio::async_write(client_.socket, asio::buffer(kUpstreamContinue.data(), kUpstreamContinue.size()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      self->arrived();
                      if (ec) return self->fail("client connection lost: " + ec.message(), 0);
                      self->pump_upload();
                    });
}

void UpstreamExchange::pump_upload() {
  if (upload_->is_done()) return read_answer_head();
  upload_->get().body().data = upstream_->piece.get();
  upload_->get().body().size = kPieceBytes;
  // Beast reads as much as the buffer has room for: room for a whole piece means one read per piece, not one per
  // 512 bytes.
  client_.buffer.reserve(client_.buffer.size() + kPieceBytes);
  expect_within(Waiting::kClient);
  http::async_read_some(client_.socket, client_.buffer, *upload_,
                        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_upload_piece(ec); });
}

void UpstreamExchange::on_upload_piece(beast::error_code ec) {
  arrived();
  if (ec == http::error::need_buffer) ec = {};
  if (ec) {
    const std::string why =
        timed_out_ ? "no more of it within " + std::to_string(client_.timeout.count()) + " ms" : ec.message();
    return fail("the client's request body ended early: " + why, 0);
  }
  const std::size_t size = kPieceBytes - upload_->get().body().size;
  const bool last = upload_->is_done();
  if (size == 0 && !(last && upload_chunked_)) return pump_upload();
  upload_started_ = true;
  outcome_.request_body_bytes += size;
  prefix_.clear();
  suffix_.clear();
  if (upload_chunked_) {
    if (size > 0) append_chunk_size(prefix_, size);
    if (size > 0) suffix_ = "\r\n";
    if (last) suffix_ += kUpstreamLastChunk;
  }
  expect_within(Waiting::kUpstream);
  const std::array<asio::const_buffer, 3> wire{asio::buffer(prefix_), asio::buffer(upstream_->piece.get(), size),
                                               asio::buffer(suffix_)};
  asio::async_write(upstream_->socket, wire,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_upload_sent(ec); });
}

void UpstreamExchange::on_upload_sent(beast::error_code ec) {
  arrived();
  if (ec) return fail_before_answer(upstream_problem(ec));
  pump_upload();
}

void UpstreamExchange::read_answer_head() {
  answer_.emplace();
  answer_->header_limit(kUpstreamAnswerHeaderBytes);
  answer_->body_limit(std::numeric_limits<std::uint64_t>::max());
  if (head_request_) answer_->skip(true);
  expect_within(Waiting::kUpstream);
  http::async_read_header(upstream_->socket, upstream_->buffer, *answer_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_answer_head(ec); });
}

void UpstreamExchange::on_answer_head(beast::error_code ec) {
  arrived();
  if (ec) {
    const bool nothing_came = !answer_->got_some() && upstream_->buffer.size() == 0;
    if (nothing_came && retry_on_fresh_connection(ec)) return;
    return fail_before_answer(upstream_problem(ec));
  }
  const int status = static_cast<int>(answer_->get().result_int());
  if (status / 100 == 1 && status != 101) {
    if (++interim_answers_ > kUpstreamMaxInterimAnswers) return fail_before_answer("malformed response: too many 1xx");
    return read_answer_head();
  }
  outcome_.status = status;
  // A body the upstream ends by closing its connection goes to the client chunked, which keeps the client's
  // connection open; every other framing goes on as the upstream chose it.
  const bool has_body = !answer_->is_done();
  const bool ends_by_closing = has_body && !answer_->chunked() && !answer_->content_length().has_value();
  chunked_to_client_ = has_body && (answer_->chunked() || ends_by_closing);
  const auto reason = answer_->get().reason();
  relayed_response_head(prefix_, status, {reason.data(), reason.size()}, answer_->get().base(), ends_by_closing,
                        client_.close_after);
  relay_answer();
}

void UpstreamExchange::relay_answer() {
  if (answer_->is_done()) return write_to_client(0);
  answer_->get().body().data = upstream_->piece.get();
  answer_->get().body().size = kPieceBytes;
  upstream_->buffer.reserve(upstream_->buffer.size() + kPieceBytes);  // one read per piece, as for uploads
  expect_within(Waiting::kUpstream);
  http::async_read_some(upstream_->socket, upstream_->buffer, *answer_,
                        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_answer_piece(ec); });
}

void UpstreamExchange::on_answer_piece(beast::error_code ec) {
  arrived();
  if (ec == http::error::need_buffer) ec = {};
  if (ec) {
    const std::string problem = upstream_problem(ec);
    if (!answer_started_) return fail_before_answer(problem);
    return fail(problem, 0);
  }
  const std::size_t size = kPieceBytes - answer_->get().body().size;
  if (size == 0 && !answer_->is_done()) return relay_answer();
  write_to_client(size);
}

// One write per piece: the head (first time), the chunk framing if any, and the piece itself, gathered.
void UpstreamExchange::write_to_client(std::size_t size) {
  suffix_.clear();
  if (chunked_to_client_) {
    if (size > 0) append_chunk_size(prefix_, size);
    if (size > 0) suffix_ = "\r\n";
    if (answer_->is_done()) suffix_ += kUpstreamLastChunk;
  }
  outcome_.response_body_bytes += size;
  answer_started_ = true;
  expect_within(Waiting::kClient);
  const std::array<asio::const_buffer, 3> wire{asio::buffer(prefix_), asio::buffer(upstream_->piece.get(), size),
                                               asio::buffer(suffix_)};
  eager_write(client_.socket, wire,
              [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_client_written(ec); });
}

void UpstreamExchange::on_client_written(beast::error_code ec) {
  arrived();
  if (ec) {
    const std::string why =
        timed_out_ ? "it read nothing for " + std::to_string(client_.timeout.count()) + " ms" : ec.message();
    return fail("client connection lost: " + why, outcome_.status);
  }
  prefix_.clear();
  if (!answer_->is_done()) return relay_answer();
  if (answer_->keep_alive() && !answer_->need_eof() && upstream_->buffer.size() == 0) {
    pool_.give_back(plan_->upstream, std::move(upstream_));
  }
  end(UpstreamExchangeEnd{std::nullopt, true, true});
}

// The simplest safe rule for a pooled connection the upstream closed while it sat idle: when sending the request
// failed, or the upstream closed before a byte of its answer, and nothing of the client's body has been read
// (so all of the request can be sent again), send it once more on a new connection.
bool UpstreamExchange::retry_on_fresh_connection(beast::error_code ec) {
  const bool malformed = is_parse_error(ec) && ec != http::error::end_of_stream;
  if (!reused_ || retried_ || upload_started_ || timed_out_ || malformed) return false;
  retried_ = true;
  connect();
  return true;
}

std::string UpstreamExchange::upstream_problem(beast::error_code ec) const {
  const auto& upstream = plan_->upstream;
  const std::string where = upstream.host + ":" + std::to_string(upstream.port);
  const std::string ms = std::to_string(plan_->timeout.count()) + " ms";
  if (connecting_) {
    if (timed_out_) return "no connection to " + where + " within " + ms;
    if (ec == asio::error::connection_refused) return "connection refused by " + where;
    return "cannot connect to " + where + ": " + ec.message();
  }
  if (timed_out_) return "no answer within " + ms;
  if (ec == http::error::end_of_stream || ec == http::error::partial_message || ec == asio::error::eof ||
      ec == asio::error::connection_reset || ec == asio::error::broken_pipe) {
    return std::string("connection closed by ") + where + (answer_started_ ? " in the middle of its answer" : "");
  }
  if (is_parse_error(ec)) return "malformed response: " + ec.message();
  return "connection to " + where + " failed: " + ec.message();
}

void UpstreamExchange::fail_before_answer(const std::string& problem) {
  upstream_.reset();
  outcome_.status = 0;
  outcome_.problem = problem;
  UpstreamExchangeEnd how;
  how.request_read = !upload_ || upload_->is_done();
  try {
    how.answer = plan_->unreachable_response ? plan_->unreachable_response(problem) : upstream_fallback_answer(problem);
  } catch (const std::exception&) {
    how.answer = upstream_fallback_answer(problem);
  }
  end(std::move(how));
}

// After the answer has started (or the client went away), there is no way to tell the client: its connection
// closes.
void UpstreamExchange::fail(const std::string& problem, int status) {
  upstream_.reset();
  outcome_.status = status;
  outcome_.problem = problem;
  end(UpstreamExchangeEnd{std::nullopt, !upload_ || upload_->is_done(), false});
}

void UpstreamExchange::end(UpstreamExchangeEnd how) {
  arrived();
  watchdog_.cancel();
  if (plan_->done) {
    try {
      plan_->done(outcome_);
    } catch (const std::exception&) {
      // Reporting must not take the connection down; the outcome is lost, the answer is not.
    }
  }
  auto finished = std::move(finished_);
  finished_ = nullptr;
  finished(std::move(how));
}

}  // namespace chokepoint
