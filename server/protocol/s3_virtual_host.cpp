#include "protocol/s3_virtual_host.hpp"

#include "common/strings.hpp"

namespace chokepoint {

namespace {

bool vhost_strip_suffix(std::string_view& text, std::string_view suffix) {
  if (text.size() < suffix.size() || text.substr(text.size() - suffix.size()) != suffix) return false;
  text.remove_suffix(suffix.size());
  return true;
}

// The bucket in front of a local suffix: "b" or "b.s3"; "s3" alone is the path-style endpoint.
std::optional<std::string> vhost_local_bucket(std::string_view prefix) {
  vhost_strip_suffix(prefix, ".s3");
  if (prefix.empty() || prefix == "s3") return std::nullopt;
  return std::string(prefix);
}

// What precedes ".amazonaws.com": "b.s3", "b.s3.<region>" or "b.s3-<region>".
std::optional<std::string> vhost_aws_bucket(std::string_view rest) {
  if (!vhost_strip_suffix(rest, ".s3")) {
    const size_t dot = rest.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const std::string_view last = rest.substr(dot + 1);
    rest = rest.substr(0, dot);
    if (last.substr(0, 3) != "s3-" && !vhost_strip_suffix(rest, ".s3")) return std::nullopt;
  }
  if (rest.empty()) return std::nullopt;
  return std::string(rest);
}

}  // namespace

std::optional<std::string> s3_virtual_host_bucket(std::string_view host) {
  host = trim(host);
  if (host.empty() || host.front() == '[') return std::nullopt;  // an IPv6 literal names no bucket
  const std::string name = to_lower(host.substr(0, host.rfind(':')));
  std::string_view prefix = name;
  // The longer LocalStack suffix first: it ends in neither ".localhost" nor ".amazonaws.com".
  if (vhost_strip_suffix(prefix, ".localhost.localstack.cloud")) return vhost_local_bucket(prefix);
  if (vhost_strip_suffix(prefix, ".localhost")) return vhost_local_bucket(prefix);
  if (vhost_strip_suffix(prefix, ".amazonaws.com")) return vhost_aws_bucket(prefix);
  return std::nullopt;
}

}  // namespace chokepoint
