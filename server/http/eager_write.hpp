#pragma once
// Writing a small message without a trip through the io_context: the socket takes it at once nearly always (a
// request head and body, an answer's head and piece), and then the completion runs here and now instead of being
// queued, which saves the queueing and the reactor poll that comes with it. Whatever the socket does not take at
// once, or an error, goes on as an ordinary asynchronous write, so the outcome is the same as async_write's.
#include <algorithm>
#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <utility>

namespace chokepoint {

// `handler(error_code, bytes)` runs inline when the socket took every byte, else on completion of the rest.
template <std::size_t N, class Handler>
void eager_write(boost::asio::ip::tcp::socket& socket, std::array<boost::asio::const_buffer, N> buffers,
                 Handler&& handler) {
  boost::system::error_code ec;
  // Without it a synchronous write would wait for room; set once per socket (it is a system call).
  if (!socket.non_blocking()) socket.non_blocking(true, ec);
  std::size_t written = ec ? 0 : socket.write_some(buffers, ec);
  if (!ec && written == boost::asio::buffer_size(buffers)) return handler(ec, written);
  for (auto& buffer : buffers) {
    const std::size_t skipped = std::min(written, buffer.size());
    buffer += skipped;
    written -= skipped;
  }
  boost::asio::async_write(socket, buffers, std::forward<Handler>(handler));
}

}  // namespace chokepoint
