#include "protocol/aws_service_keys.hpp"

#include <algorithm>

#include "protocol/aws_catalog.hpp"

namespace chokepoint {

std::vector<std::string_view> aws_service_keys() {
  // Service lines start with the service's name; operation lines with a tab, comments with '#'. The endpoint
  // prefix is the fifth tab-separated field of a service line.
  constexpr std::size_t kEndpointPrefixField = 4;
  std::vector<std::string_view> keys;
  const std::string_view table = built_in_aws_catalog_table();
  std::size_t at = 0;
  while (at < table.size()) {
    std::size_t end = table.find('\n', at);
    if (end == std::string_view::npos) end = table.size();
    const std::string_view line = table.substr(at, end - at);
    at = end + 1;
    if (line.empty() || line.front() == '\t' || line.front() == '#') continue;
    std::size_t start = 0;
    for (std::size_t field = 0; field < kEndpointPrefixField && start != std::string_view::npos; ++field) {
      start = line.find('\t', start);
      if (start != std::string_view::npos) ++start;
    }
    if (start == std::string_view::npos) continue;
    const std::string_view key = line.substr(start, line.find('\t', start) - start);
    if (!key.empty()) keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace chokepoint
