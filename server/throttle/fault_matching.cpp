#include "throttle/fault_matching.hpp"

#include <algorithm>

#include "common/strings.hpp"

namespace chokepoint {

namespace {

// Empty patterns match anything.
bool field_matches(std::string_view pattern, std::string_view value) {
  return pattern.empty() || glob_match(pattern, value);
}

}  // namespace

const std::string& LazyResource::get() {
  if (!value_) value_ = request_.resource ? request_.resource() : std::string();
  return *value_;
}

bool resource_matches(std::string_view pattern, std::string_view resource) {
  if (resource.empty()) return false;
  if (pattern.find_first_of("*?") != std::string_view::npos) return glob_match(pattern, resource);
  if (pattern.size() > 1 && pattern.back() == '/') {
    const std::string_view dir = pattern.substr(0, pattern.size() - 1);
    return resource == dir || resource.rfind(pattern, 0) == 0;
  }
  return pattern == resource;
}

bool fault_matches(const FaultMatch& match, const FaultRequest& request, LazyResource& resource) {
  if (!field_matches(match.service, request.service)) return false;
  if (!match.operations.empty() &&
      std::none_of(match.operations.begin(), match.operations.end(),
                   [&](const std::string& op) { return glob_match(op, request.operation); })) {
    return false;
  }
  if (!field_matches(match.account, request.account) || !field_matches(match.region, request.region)) return false;
  if (!match.tag.empty() && match.tag != request.tag) return false;
  return match.resource.empty() || resource_matches(match.resource, resource.get());
}

}  // namespace chokepoint
