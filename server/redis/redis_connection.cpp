#include "redis/redis_connection.hpp"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <spdlog/spdlog.h>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <vector>

namespace chokepoint {

namespace asio = boost::asio;

namespace {
constexpr std::chrono::milliseconds kFirstBackoff{50};
constexpr std::chrono::milliseconds kWatchInterval{100};
}  // namespace

// hiredis's event hooks on Asio: hiredis says when it wants to read or write, and the descriptor's async_wait
// tells it when it can. The descriptor does not own the socket (hiredis closes it). Lives until hiredis cleans
// up and no wait is pending.
struct RedisConnection::Socket : std::enable_shared_from_this<Socket> {
  Socket(asio::io_context& loop, redisAsyncContext* c) : descriptor(loop, c->c.fd), context(c) {}

  asio::posix::stream_descriptor descriptor;
  redisAsyncContext* context;  // null once hiredis has cleaned up
  bool reading = false, writing = false;
  bool read_waiting = false;
  bool write_pending = false;    // a write is posted or waits for the socket to take more
  bool in_write = false;         // inside redisAsyncHandleWrite
  std::shared_ptr<Socket> self;  // what keeps it while hiredis holds it (ev.data)

  void wait_read() {
    if (read_waiting || !reading || !context) return;
    read_waiting = true;
    descriptor.async_wait(asio::posix::stream_descriptor::wait_read, [s = shared_from_this()](auto ec) {
      s->read_waiting = false;
      if (ec || !s->reading || !s->context) return;
      redisAsyncHandleRead(s->context);  // may clean up: context becomes null
      s->wait_read();
    });
  }
  // Writes what hiredis holds; when the socket took only part (or is still connecting), waits until it can take
  // more.
  void write_now() {
    if (!writing || !context) return;
    in_write = true;
    redisAsyncHandleWrite(context);  // may clean up: context becomes null
    in_write = false;
    if (!writing || !context || write_pending) return;
    write_pending = true;
    descriptor.async_wait(asio::posix::stream_descriptor::wait_write, [s = shared_from_this()](auto ec) {
      s->write_pending = false;
      if (!ec) s->write_now();
    });
  }

  static Socket& of(void* data) { return *static_cast<Socket*>(data); }
  static void add_read(void* data) {
    of(data).reading = true;
    of(data).wait_read();
  }
  static void del_read(void* data) { of(data).reading = false; }
  // A socket can almost always take a command at once: it is written on the loop's next turn, so that every
  // command of this turn goes out in one write, without first waiting for the socket to say it is writable.
  static void add_write(void* data) {
    Socket& s = of(data);
    s.writing = true;
    if (s.in_write || s.write_pending) return;
    s.write_pending = true;
    asio::post(s.descriptor.get_executor(), [p = s.shared_from_this()] {
      p->write_pending = false;
      p->write_now();
    });
  }
  static void del_write(void* data) { of(data).writing = false; }
  static void cleanup(void* data) {
    Socket& s = of(data);
    s.context = nullptr;
    s.reading = s.writing = false;
    boost::system::error_code ignored;
    s.descriptor.cancel(ignored);
    s.descriptor.release();  // hiredis closes the socket
    s.self.reset();          // pending waits still hold it until they run
  }
};

// A command under way: its handler, which on_reply runs.
struct RedisConnection::Sent {
  RedisConnection* connection;
  ReplyHandler done;
};

RedisConnection::RedisConnection(asio::io_context& loop, RedisEndpoint endpoint,
                                 std::chrono::milliseconds reply_timeout, RedisCounters& counters,
                                 std::shared_ptr<spdlog::logger> logger)
    : loop_(loop),
      endpoint_(std::move(endpoint)),
      reply_timeout_(reply_timeout),
      counters_(counters),
      logger_(std::move(logger)),
      reconnect_timer_(loop),
      watch_timer_(loop) {}

RedisConnection::~RedisConnection() {
  stopping_ = true;
  // The loop has stopped: commands still under way get no reply now, on this thread.
  if (context_) redisAsyncFree(context_);
  context_ = nullptr;
}

void RedisConnection::start() {
  asio::post(loop_, [this] {
    connect();
    watch_replies();
  });
}

void RedisConnection::connect() {
  state_ = RedisState::kConnecting;
  // The host is resolved here, blocking: use an address (or a name /etc/hosts has) for a host that must not wait.
  redisAsyncContext* c = redisAsyncConnect(endpoint_.host.c_str(), endpoint_.port);
  if (!c || c->err) {
    logger_->warn("bucket store redis://{}:{}: cannot connect: {}", endpoint_.host, endpoint_.port,
                  c ? c->errstr : "out of memory");
    if (c) redisAsyncFree(c);
    state_ = RedisState::kDown;
    return schedule_reconnect();
  }
  auto socket = std::make_shared<Socket>(loop_, c);
  socket->self = socket;
  c->data = this;
  c->ev.data = socket.get();
  c->ev.addRead = &Socket::add_read;
  c->ev.delRead = &Socket::del_read;
  c->ev.addWrite = &Socket::add_write;
  c->ev.delWrite = &Socket::del_write;
  c->ev.cleanup = &Socket::cleanup;
  redisAsyncSetConnectCallback(c, &RedisConnection::on_connect);
  redisAsyncSetDisconnectCallback(c, &RedisConnection::on_disconnect);
  context_ = c;
  // Sent first, once connected: the database every later command uses.
  if (endpoint_.db != 0) {
    const std::string db = std::to_string(endpoint_.db);
    command({"SELECT", db}, [this](const redisReply* reply) {
      if (!reply || reply->type == REDIS_REPLY_ERROR) {
        logger_->error("bucket store redis://{}:{}: SELECT {} failed: {}", endpoint_.host, endpoint_.port, endpoint_.db,
                       reply ? reply->str : "no reply");
      }
    });
  }
}

void RedisConnection::on_connect(const redisAsyncContext* c, int status) {
  auto* self = static_cast<RedisConnection*>(c->data);
  if (status != REDIS_OK) {
    // hiredis frees the context after this returns, without a disconnect callback.
    self->logger_->warn("bucket store redis://{}:{}: cannot connect: {}", self->endpoint_.host, self->endpoint_.port,
                        c->errstr);
    self->context_ = nullptr;
    self->lost("connect failed");
    return;
  }
  self->state_ = RedisState::kUp;
  self->backoff_ = std::chrono::milliseconds(0);
  self->logger_->info("bucket store redis://{}:{}: connected", self->endpoint_.host, self->endpoint_.port);
}

void RedisConnection::on_disconnect(const redisAsyncContext* c, int) {
  auto* self = static_cast<RedisConnection*>(c->data);
  if (self->context_ != c) return;
  self->context_ = nullptr;
  self->lost(c->err ? c->errstr : "disconnected");
}

void RedisConnection::lost(const char* why) {
  state_ = RedisState::kDown;
  sent_.clear();  // hiredis answered each with no reply
  if (stopping_) return;
  logger_->warn("bucket store redis://{}:{}: connection lost ({}); reconnecting", endpoint_.host, endpoint_.port, why);
  schedule_reconnect();
}

void RedisConnection::schedule_reconnect() {
  if (stopping_) return;
  backoff_ = backoff_.count() == 0 ? kFirstBackoff : std::min(backoff_ * 2, kMaxBackoff);
  reconnect_timer_.expires_after(backoff_);
  reconnect_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopping_ || context_) return;
    counters_.reconnects.fetch_add(1, std::memory_order_relaxed);
    connect();
  });
}

void RedisConnection::watch_replies() {
  watch_timer_.expires_after(kWatchInterval);
  watch_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopping_) return;
    if (context_ && !sent_.empty() && std::chrono::steady_clock::now() - sent_.front() > reply_timeout_) {
      logger_->warn("bucket store redis://{}:{}: no reply within {} ms", endpoint_.host, endpoint_.port,
                    reply_timeout_.count());
      redisAsyncContext* c = context_;
      context_ = nullptr;
      redisAsyncFree(c);  // every command under way gets no reply
      lost("reply overdue");
    }
    watch_replies();
  });
}

void RedisConnection::command(std::initializer_list<std::string_view> args, ReplyHandler done) {
  counters_.commands.fetch_add(1, std::memory_order_relaxed);
  if (!context_ || state_ == RedisState::kDown) {
    counters_.errors.fetch_add(1, std::memory_order_relaxed);
    return done(nullptr);
  }
  const char* argv[16];
  size_t lengths[16];
  int argc = 0;
  for (std::string_view arg : args) {
    if (argc == 16) break;
    argv[argc] = arg.data();
    lengths[argc++] = arg.size();
  }
  auto* sent = new Sent{this, std::move(done)};
  if (redisAsyncCommandArgv(context_, &RedisConnection::on_reply, sent, argc, argv, lengths) != REDIS_OK) {
    counters_.errors.fetch_add(1, std::memory_order_relaxed);
    ReplyHandler handler = std::move(sent->done);
    delete sent;
    return handler(nullptr);
  }
  sent_.push_back(std::chrono::steady_clock::now());
}

void RedisConnection::on_reply(redisAsyncContext*, void* reply_data, void* privdata) {
  std::unique_ptr<Sent> sent(static_cast<Sent*>(privdata));
  RedisConnection& self = *sent->connection;
  if (!self.sent_.empty()) {
    const auto took = std::chrono::steady_clock::now() - self.sent_.front();
    self.sent_.pop_front();
    self.counters_.latency.observe(std::chrono::duration<double>(took).count());
  }
  const auto* reply = static_cast<const redisReply*>(reply_data);
  if (!reply || reply->type == REDIS_REPLY_ERROR) self.counters_.errors.fetch_add(1, std::memory_order_relaxed);
  sent->done(reply);
}

}  // namespace chokepoint
