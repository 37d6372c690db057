#pragma once
// throttling.store and throttling.store_failure: where the API rate buckets live. In-process by default; a Redis
// server lets several replicas enforce one set of limits.
#include <string>
#include <string_view>

namespace chokepoint {

// What a call gets when the shared store cannot answer (down, an error, no answer in time).
enum class StoreFailurePolicy {
  kAdmit,   // admitted, counted and logged: the load test goes on unthrottled rather than failing
  kReject,  // refused with the service's own throttling error, which clients retry
};

struct BucketStoreSettings {
  std::string url;   // as configured, for messages; empty: in-process
  std::string host;  // empty: in-process
  int port = 6379;
  int db = 0;
  StoreFailurePolicy on_failure = StoreFailurePolicy::kAdmit;

  bool shared() const { return !host.empty(); }
};

// "redis://HOST:PORT[/DB]" (PORT defaults to 6379, DB to 0), or "" / "memory" for the in-process store, into
// `out` (its policy kept). False with `error` set for anything else.
bool parse_bucket_store_url(std::string_view url, BucketStoreSettings& out, std::string& error);

}  // namespace chokepoint
