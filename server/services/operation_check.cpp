#include "services/operation_check.hpp"

#include <set>

#include "throttle/limit_resolver.hpp"

namespace chokepoint {

namespace {

bool defines_group(const ServiceThrottling& throttling, std::string_view name) {
  for (const LimitGroup& group : throttling.groups) {
    if (group.name == name) return true;
  }
  return false;
}

// The declared bucket against the group that the defaults' first-match rule gives an ordinary call.
std::string bucket_problem(std::string_view service, const OperationTraits& op, const ServiceThrottling& throttling,
                           const Config& defaults) {
  if (op.bucket.empty()) return "names no throttling bucket";
  if (op.bucket != kDefaultBucket && !defines_group(throttling, op.bucket)) {
    return "names bucket '" + std::string(op.bucket) + "', which throttling." + std::string(service) +
           ".groups in the built-in defaults does not define";
  }
  // The account and region play no part: the defaults hold no overrides.
  const ResolvedBucket resolved = resolve_api_bucket(defaults, service, op.name, "", "", "");
  const std::string_view actual = resolved.group.empty() ? kDefaultBucket : std::string_view(resolved.group);
  if (actual == op.bucket) return {};
  return "names bucket '" + std::string(op.bucket) + "', but the built-in defaults put it in '" +
         std::string(actual) + "'";
}

}  // namespace

std::vector<std::string> operation_table_problems(std::string_view service, const OperationDirectory& operations,
                                                  const Config& defaults) {
  std::vector<std::string> problems;
  const std::string prefix = std::string(service) + " ";
  for (const std::string& line : operations.incomplete_entries()) problems.push_back(prefix + line);
  const auto throttling = defaults.throttling.find(std::string(service));
  if (throttling == defaults.throttling.end()) {
    problems.push_back(prefix + "has no throttling." + std::string(service) + " section in the built-in defaults");
    return problems;
  }
  std::set<std::string_view> seen;
  for (const OperationTraits& op : operations.traits()) {
    const std::string name = prefix + std::string(op.name) + ": ";
    if (op.name.empty()) problems.push_back(prefix + "has an entry without a name");
    if (!seen.insert(op.name).second) problems.push_back(name + "is declared twice");
    if (auto problem = bucket_problem(service, op, throttling->second, defaults); !problem.empty()) {
      problems.push_back(name + problem);
    }
  }
  return problems;
}

std::vector<std::string> operation_table_problems(const ServiceRegistry& services, const Config& defaults) {
  std::vector<std::string> problems;
  for (const auto& service : services.services()) {
    for (std::string& problem : operation_table_problems(service->descriptor().name, service->operations(), defaults)) {
      problems.push_back(std::move(problem));
    }
  }
  return problems;
}

}  // namespace chokepoint
