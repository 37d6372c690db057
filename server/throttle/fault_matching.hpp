#pragma once
// Whether a request falls under a rule's match fields. Pure functions.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "config/faults_settings.hpp"

namespace chokepoint {

// The facts about one call that rules match on.
struct FaultRequest {
  std::string_view service, operation, account, region, tag;
  // The table, parameter or stack the call addresses (Service::resource_of); asked only when a rule needs it.
  std::function<std::string()> resource;
};

// Asks FaultRequest::resource at most once per request, however many rules look at it.
class LazyResource {
 public:
  explicit LazyResource(const FaultRequest& request) : request_(request) {}
  const std::string& get();

 private:
  const FaultRequest& request_;
  std::optional<std::string> value_;
};

bool fault_matches(const FaultMatch& match, const FaultRequest& request, LazyResource& resource);

// A rule's resource pattern against a call's resource: exact; a glob when it has '*' or '?'; a path prefix
// when it ends in '/' ("/app/" matches "/app/db/url" and "/app"). A call without a resource never matches.
bool resource_matches(std::string_view pattern, std::string_view resource);

}  // namespace chokepoint
