// The whole request path: raw bytes through the server's HTTP parser (pipelined requests in order), then the
// real dispatcher with every service registered, the control API and fault rules, as the server wires them.
// Background work (CloudFormation provisioning) runs after each input; every input starts from a reset
// server so that a crash reproduces from its input alone. An unexpected exception inside a service (which
// the server would answer with InternalServerError) aborts, so it is reported like a crash.
#include <spdlog/sinks/base_sink.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string_view>

#include "http/request_parsing.hpp"
#include "in_process_server.hpp"

using namespace chokepoint;

namespace {

class AbortOnError final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (msg.level < spdlog::level::err) return;
    std::fprintf(stderr, "server logged an error: %.*s\n", static_cast<int>(msg.payload.size()), msg.payload.data());
    std::abort();
  }
  void flush_() override {}
};

testing::InProcessServer& server() {
  static testing::InProcessServer instance(
      testing::default_config(), std::make_shared<spdlog::logger>("fuzz", std::make_shared<AbortOnError>()));
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  HttpServerOptions options;
  options.max_body_bytes = 1 << 20;
  auto parsed = parse_http_requests({reinterpret_cast<const char*>(data), size}, options);
  auto& s = server();
  s.reset();
  for (auto& request : parsed.requests) {
    request.remote_address = "127.0.0.1:50000";
    (void)s.send(std::move(request));
    s.run_background(std::chrono::seconds(1), std::chrono::minutes(10));
  }
  return 0;
}
