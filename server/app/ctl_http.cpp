#include "app/ctl_http.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/strings.hpp"

namespace chokepoint {

namespace {

// Closes the socket when it goes out of scope.
class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

bool wait_for(int fd, short events, int timeout_ms) {
  pollfd p{fd, events, 0};
  return ::poll(&p, 1, timeout_ms) == 1;
}

// Connects with a timeout: non-blocking connect, then poll for writability.
bool connect_with_timeout(int fd, const addrinfo& addr, int timeout_ms) {
  const int flags = ::fcntl(fd, F_GETFL, 0);
  ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  int rc = ::connect(fd, addr.ai_addr, addr.ai_addrlen);
  if (rc != 0 && errno == EINPROGRESS) {
    if (!wait_for(fd, POLLOUT, timeout_ms)) {
      errno = ETIMEDOUT;
      return false;
    }
    int so_error = 0;
    socklen_t len = sizeof so_error;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
    errno = so_error;
    rc = so_error == 0 ? 0 : -1;
  }
  ::fcntl(fd, F_SETFL, flags);
  return rc == 0;
}

int open_connection(const CtlEndpoint& endpoint, int timeout_ms, std::string& error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(endpoint.port);
  if (const int rc = ::getaddrinfo(endpoint.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    error = "cannot resolve " + endpoint.host + ": " + ::gai_strerror(rc);
    return -1;
  }
  int fd = -1;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd >= 0 && !connect_with_timeout(fd, *a, timeout_ms)) {
      error = "cannot connect to " + endpoint.host + ":" + port + ": " + std::strerror(errno);
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  return fd;
}

bool send_all(int fd, const std::string& data, int timeout_ms) {
  size_t sent = 0;
  while (sent < data.size()) {
    if (!wait_for(fd, POLLOUT, timeout_ms)) return false;
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

bool read_all(int fd, std::string& out, int timeout_ms) {
  char buf[16384];
  while (true) {
    if (!wait_for(fd, POLLIN, timeout_ms)) return false;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0) return false;
    if (n == 0) return true;
    out.append(buf, static_cast<size_t>(n));
  }
}

// Status line, headers, body (trimmed to Content-Length when given).
std::optional<CtlResponse> parse_response(const std::string& raw) {
  const size_t head_end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.", 0) != 0 || head_end == std::string::npos || raw.size() < 12) return std::nullopt;
  CtlResponse response;
  long long status = 0;
  if (!parse_int64(std::string_view(raw).substr(9, 3), status)) return std::nullopt;
  response.status = static_cast<int>(status);
  response.body = raw.substr(head_end + 4);
  for (const auto line : split(std::string_view(raw).substr(0, head_end), '\n')) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || !iequals(trim(line.substr(0, colon)), "content-length")) continue;
    long long length = 0;
    if (parse_int64(trim(line.substr(colon + 1)), length) && static_cast<size_t>(length) < response.body.size()) {
      response.body.resize(static_cast<size_t>(length));
    }
  }
  return response;
}

}  // namespace

std::optional<CtlEndpoint> parse_endpoint(const std::string& url) {
  std::string_view rest = url;
  if (rest.rfind("https://", 0) == 0) return std::nullopt;
  if (rest.rfind("http://", 0) == 0) rest.remove_prefix(7);
  rest = rest.substr(0, rest.find('/'));
  CtlEndpoint endpoint;
  const bool bracketed = !rest.empty() && rest.front() == '[';
  const size_t close = bracketed ? rest.find(']') : std::string_view::npos;
  if (bracketed && close == std::string_view::npos) return std::nullopt;
  const size_t colon = rest.find(':', bracketed ? close : 0);
  endpoint.host = std::string(bracketed ? rest.substr(1, close - 1) : rest.substr(0, colon));
  if (colon != std::string_view::npos) {
    long long port = 0;
    if (!parse_int64(rest.substr(colon + 1), port) || port < 1 || port > 65535) return std::nullopt;
    endpoint.port = static_cast<int>(port);
  }
  if (endpoint.host.empty()) return std::nullopt;
  return endpoint;
}

std::optional<CtlResponse> http_call(const CtlEndpoint& endpoint, const std::string& method, const std::string& target,
                                     const std::string& body, std::string& error, int timeout_ms) {
  const int fd = open_connection(endpoint, timeout_ms, error);
  if (fd < 0) return std::nullopt;
  Socket socket(fd);
  const bool v6 = endpoint.host.find(':') != std::string::npos;
  std::string request = method + " " + target +
                        " HTTP/1.1\r\nHost: " + (v6 ? "[" + endpoint.host + "]" : endpoint.host) + ":" +
                        std::to_string(endpoint.port) + "\r\nConnection: close\r\nAccept: application/json\r\n";
  if (!endpoint.token.empty()) request += "Authorization: Bearer " + endpoint.token + "\r\n";
  if (!body.empty()) request += "Content-Type: application/json\r\n";
  request += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  std::string raw;
  if (!send_all(fd, request, timeout_ms) || !read_all(fd, raw, timeout_ms)) {
    error = "no answer from " + endpoint.host + ":" + std::to_string(endpoint.port) + " within " +
            std::to_string(timeout_ms / 1000) + " s";
    return std::nullopt;
  }
  auto response = parse_response(raw);
  if (!response) error = "the answer from " + endpoint.host + " is not HTTP";
  return response;
}

}  // namespace chokepoint
