#include "http/http_server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <stdexcept>

#include "http/http_session.hpp"

namespace chokepoint {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

class HttpServer::Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(std::vector<asio::io_context*> contexts, RequestHandler& handler, HttpServerOptions options,
           std::shared_ptr<spdlog::logger> logger)
      : contexts_(std::move(contexts)),
        acceptor_(*contexts_.at(0)),
        handler_(handler),
        state_(std::make_shared<HttpServerState>()),
        logger_(std::move(logger)) {
    state_->options = std::move(options);
  }

  std::string open() {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(state_->options.host, ec);
    if (ec) throw std::runtime_error("invalid listen address '" + state_->options.host + "': " + ec.message());
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(state_->options.port));
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      throw std::runtime_error("cannot listen on " + state_->options.host + ":" + std::to_string(state_->options.port) + ": " +
                               ec.message());
    }
    const auto bound = acceptor_.local_endpoint();
    return bound.address().to_string() + ":" + std::to_string(bound.port());
  }

  void accept() {
    // The new connection's socket belongs to the next context in turn, and so do all of its handlers.
    asio::io_context& context = *contexts_[next_context_++ % contexts_.size()];
    acceptor_.async_accept(context, [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
      self->on_accept(ec, std::move(socket));
    });
  }

  void stop() {
    state_->stopping.store(true);
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
      boost::system::error_code ec;
      self->acceptor_.close(ec);
    });
  }

  const HttpServerCounters& counters() const { return state_->counters; }

 private:
  void on_accept(boost::system::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      if (state_->counters.connections.load() >= state_->options.max_connections) {
        state_->counters.rejected_connections.fetch_add(1);
        boost::system::error_code ignored;
        socket.close(ignored);
      } else {
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<HttpSession>(std::move(socket), handler_, state_)->start();
      }
    } else {
      logger_->warn("accept failed: {}", ec.message());
    }
    if (!state_->stopping.load()) accept();
  }

  std::vector<asio::io_context*> contexts_;
  size_t next_context_ = 0;  // only touched on the acceptor's context
  tcp::acceptor acceptor_;
  RequestHandler& handler_;
  std::shared_ptr<HttpServerState> state_;
  std::shared_ptr<spdlog::logger> logger_;
};

HttpServer::HttpServer(std::vector<asio::io_context*> connection_contexts, RequestHandler& handler,
                       HttpServerOptions options, std::shared_ptr<spdlog::logger> logger)
    : listener_(std::make_shared<Listener>(std::move(connection_contexts), handler, std::move(options),
                                           std::move(logger))) {}

HttpServer::~HttpServer() = default;

std::string HttpServer::start() {
  std::string bound = listener_->open();
  listener_->accept();
  return bound;
}

void HttpServer::stop_accepting() { listener_->stop(); }

const HttpServerCounters& HttpServer::counters() const { return listener_->counters(); }

}  // namespace chokepoint
