// Raw bytes through the server's HTTP parser (same limits as the server).
#include <cstdint>
#include <string_view>

#include "http/request_parsing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  chokepoint::HttpServerOptions options;
  options.max_body_bytes = 1 << 20;
  const auto parsed = chokepoint::parse_http_requests({reinterpret_cast<const char*>(data), size}, options);
  for (const auto& request : parsed.requests) {
    (void)request.path();
    (void)request.query();
  }
  return 0;
}
