#pragma once
// Where a forwarded request goes: an HTTP/1.1 server (moto server, another emulator) at host:port.
#include <string>

namespace chokepoint {

struct UpstreamAddress {
  std::string host;  // name or address, as given in the configuration
  int port = 80;
  std::string url() const { return "http://" + host + ":" + std::to_string(port); }
  bool operator==(const UpstreamAddress&) const = default;
};

}  // namespace chokepoint
