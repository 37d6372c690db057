// Call recognition over the built-in AWS catalog (every REST template, virtual-hosted S3, JSON and query
// envelopes). Input: text lines
//   METHOD
//   HOST
//   TARGET                  path and query
//   SCOPE                   the SigV4 scope's service, empty when unsigned
//   name: value             more headers (lower-cased), up to an empty line
//   body...
#include <cstdint>
#include <string>
#include <string_view>

#include "common/strings.hpp"
#include "protocol/aws_call_matcher.hpp"

using namespace chokepoint;

namespace {

std::string_view next_line(std::string_view& text) {
  const size_t newline = text.find('\n');
  const std::string_view line = text.substr(0, newline);
  text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const AwsCatalog catalog = AwsCatalog::built_in();  // read-only fixture shared by iterations
  std::string_view text(reinterpret_cast<const char*>(data), size);
  HttpRequest request;
  request.method = std::string(next_line(text));
  request.headers.emplace_back("host", std::string(next_line(text)));
  request.target = std::string(next_line(text));
  const std::string scope(next_line(text));
  while (!text.empty()) {
    const std::string_view line = next_line(text);
    if (line.empty()) break;
    const size_t colon = line.find(':');
    request.headers.emplace_back(
        to_lower(trim(line.substr(0, colon))),
        colon == std::string_view::npos ? std::string() : std::string(trim(line.substr(colon + 1))));
  }
  request.body = std::string(text);
  const auto call = recognise_call(request, catalog, scope);
  if (call && !call->service) __builtin_trap();  // a recognised call always names its service
  return 0;
}
