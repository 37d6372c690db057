// The SigV4 parser and canonical-request builder: Authorization header (first line of the input), target
// (second line), then the body.
#include <cstdint>
#include <string>

// GCC 12 at -O3 reports impossible overlaps in std::string copies inlined here (a known false positive).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

#include "auth/sigv4.hpp"

using namespace chokepoint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto first = input.find('\n');
  const auto second = first == std::string::npos ? std::string::npos : input.find('\n', first + 1);
  HttpRequest request;
  request.method = "POST";
  request.headers.emplace_back("authorization", input.substr(0, first));
  request.headers.emplace_back("x-amz-date", "20261121T000000Z");
  request.headers.emplace_back("host", "127.0.0.1:4566");
  request.target = first == std::string::npos ? "/" : input.substr(first + 1, second - first - 1);
  if (request.target.empty() || request.target[0] != '/') request.target.insert(0, "/");
  if (second != std::string::npos) request.body = input.substr(second + 1);
  const SigV4Parse parsed = parse_sigv4(request);
  if (const auto* sig = std::get_if<SigV4Signature>(&parsed)) {
    (void)sigv4_compute(request, *sig, "secret");
    (void)sigv4_verify(request, *sig, "secret", TimePoint{std::chrono::seconds{1'795'000'000}},
                       std::chrono::seconds{900});
  }
  return 0;
}
