#pragma once
// One forwarded request: sends it to the upstream over a pooled or a new connection and relays the answer to the
// client as it arrives. Both bodies pass through one fixed buffer, so a large upload or download never sits in
// memory whole.
//
// Runs on the client connection's thread; the session lends it the client socket and read buffer and hears back
// through `finished` (which keeps the session alive until then). Timeouts: connecting, and each wait for the
// upstream (writing to it or reading its next bytes), may take the plan's timeout; each read from or write to the
// client may take the client timeout.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/request_handler.hpp"
#include "http/upstream_pool.hpp"
#include "http/watchdog.hpp"

namespace chokepoint {

// The client connection, lent by the session for the exchange.
struct UpstreamClientSide {
  boost::asio::ip::tcp::socket& socket;
  boost::beast::flat_buffer& buffer;  // the session's read buffer, which a streamed body is parsed from
  std::chrono::milliseconds timeout;  // for each read from and write to the client
  bool close_after = false;           // the relayed answer says "Connection: close"
};

// How an exchange left the client connection, for the session to carry on from.
struct UpstreamExchangeEnd {
  // Set: no byte of an answer went to the client, and this (the plan's unreachable_response) is the answer.
  std::optional<HttpResponse> answer{};
  // The client's request was read whole: another request may follow on the connection.
  bool request_read = true;
  // The upstream's answer went to the client whole.
  bool relayed = false;
};

class UpstreamExchange : public std::enable_shared_from_this<UpstreamExchange> {
 public:
  using UploadParser = boost::beast::http::request_parser<boost::beast::http::buffer_body>;
  using Finished = std::function<void(UpstreamExchangeEnd)>;

  // Relay buffer size, for each direction in turn (the buffer is the upstream connection's).
  static constexpr std::size_t kPieceBytes = UpstreamConnection::kPieceBytes;

  // Without `upload`, `request` goes upstream whole, body included. With `upload` (a parser that has read the
  // request's head and nothing of its body), `request` gives the head and the body streams from the client.
  // `pool` is the client socket's io_context's (see UpstreamPool).
  UpstreamExchange(UpstreamClientSide client, UpstreamPool& pool, std::shared_ptr<ForwardPlan> plan,
                   HttpRequest&& request, std::unique_ptr<UploadParser> upload, Finished finished);
  void start();

 private:
  enum class Waiting { kNothing, kUpstream, kClient };
  using AnswerParser = boost::beast::http::response_parser<boost::beast::http::buffer_body>;

  void expect_within(Waiting side);
  void arrived();
  void deadline_passed();
  friend class Watchdog;
  void connect();
  void on_connected(boost::beast::error_code ec);
  void send_request();
  void on_request_sent(boost::beast::error_code ec);
  void pump_upload();
  void on_upload_piece(boost::beast::error_code ec);
  void on_upload_sent(boost::beast::error_code ec);
  void read_answer_head();
  void on_answer_head(boost::beast::error_code ec);
  void relay_answer();
  void on_answer_piece(boost::beast::error_code ec);
  void write_to_client(std::size_t piece_bytes);
  void on_client_written(boost::beast::error_code ec);
  bool retry_on_fresh_connection(boost::beast::error_code ec);
  std::string upstream_problem(boost::beast::error_code ec) const;
  void fail_before_answer(const std::string& problem);
  void fail(const std::string& problem, int status);
  void end(UpstreamExchangeEnd how);

  UpstreamClientSide client_;
  std::shared_ptr<ForwardPlan> plan_;
  UpstreamPool& pool_;
  std::string request_head_;
  std::string request_body_;  // without upload_: kept until the upstream answers, for a retry
  bool head_request_ = false;
  bool expect_continue_ = false;
  std::unique_ptr<UploadParser> upload_;
  bool upload_started_ = false;  // some of the client's body was read: the request can no longer be sent again
  bool upload_chunked_ = false;
  std::unique_ptr<UpstreamConnection> upstream_;
  bool reused_ = false;  // upstream_ came from the pool
  bool retried_ = false;
  bool connecting_ = false;
  std::optional<boost::asio::ip::tcp::resolver> resolver_;
  std::optional<AnswerParser> answer_;
  int interim_answers_ = 0;
  bool chunked_to_client_ = false;
  bool answer_started_ = false;  // bytes of the answer went (or are going) to the client
  std::string prefix_;           // before the piece on the wire: the answer's head at first, then chunk sizes
  std::string suffix_;           // after it: chunk ends and the last chunk
  Watchdog watchdog_;            // closes the socket of the side waited on once the wait has taken too long
  Waiting waiting_ = Waiting::kNothing;
  bool timed_out_ = false;
  ForwardOutcome outcome_;
  Finished finished_;
};

}  // namespace chokepoint
