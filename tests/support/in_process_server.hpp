#pragma once
// The whole server minus sockets and threads: the runtime server_app.cpp builds, on a wall clock that stands
// still and an emulated clock in manual mode, so tests and fuzz targets can send requests through the real
// dispatcher and every service and then run background work (CloudFormation provisioning) deterministically by
// moving the emulated clock. Header-only; for tests.
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <stdexcept>

#include "app/runtime.hpp"
#include "common/emulated_scheduler.hpp"
#include "config/config_loader.hpp"

namespace chokepoint::testing {

inline std::shared_ptr<spdlog::logger> quiet_logger() {
  return std::make_shared<spdlog::logger>("in-process", std::make_shared<spdlog::sinks::null_sink_mt>());
}

inline std::shared_ptr<const Config> default_config() {
  auto loaded = load_default_config();
  if (!loaded.ok()) throw std::runtime_error("the embedded default configuration does not load");
  return loaded.config;
}

// Requests as SDKs and `chokepoint ctl` send them, for InProcessServer::send.
inline HttpRequest json_request(const std::string& target, const nlohmann::json& body, const char* content_type) {
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers = {{"x-amz-target", target}, {"content-type", content_type}};
  r.body = body.dump();
  return r;
}
inline HttpRequest dynamodb_request(const std::string& op, const nlohmann::json& body) {
  return json_request("DynamoDB_20120810." + op, body, "application/x-amz-json-1.0");
}
inline HttpRequest ssm_request(const std::string& op, const nlohmann::json& body) {
  return json_request("AmazonSSM." + op, body, "application/x-amz-json-1.1");
}
inline HttpRequest query_request(const std::string& form) {
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers = {{"content-type", "application/x-www-form-urlencoded"}};
  r.body = form;
  return r;
}
inline HttpRequest control_request(std::string method, std::string target, std::string body = "") {
  HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.body = std::move(body);
  return r;
}

class InProcessServer {
 public:
  explicit InProcessServer(std::shared_ptr<const Config> config = default_config(),
                           std::shared_ptr<spdlog::logger> logger = quiet_logger())
      : runtime_(std::move(config), "", {}, wall_, std::move(logger), RuntimeSeeds{1, 2, 3}) {
    runtime_.scheduler.set_mode(ClockMode::kManual);
    std::string error;
    if (!runtime_.wire(error)) throw std::runtime_error(error);
  }

  HttpResponse send(HttpRequest request) { return runtime_.dispatcher.handle(request).response; }

  // Runs background work that falls due within `limit` of simulated time, in steps of `step`.
  void run_background(Duration step, Duration limit) { runtime_.scheduler.run_until_idle(step, limit); }

  // POST /_chokepoint/reset: every service's state, buckets, fault rules and the request log.
  void reset() { send(control_request("POST", "/_chokepoint/reset")); }

  Runtime& runtime() { return runtime_; }
  EmulatedScheduler& scheduler() { return runtime_.scheduler; }

 private:
  ManualClock wall_;
  Runtime runtime_;
};

}  // namespace chokepoint::testing
