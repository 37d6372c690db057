#pragma once
// The operation names each service has, by the service's config name ("dynamodb", "monitoring"): what
// `throttling`, `limits` and `faults` may name. The app layer fills it from the services' operation tables
// (config sits below services and cannot read them); the loader adds the operations the built-in defaults give
// limits to (AWS operations that are throttled but not emulated yet, such as EC2's CreateVolume).
#include <map>
#include <optional>
#include <set>
#include <string>

#include "config/config.hpp"
#include "config/yaml_reader.hpp"

namespace chokepoint {

struct OperationVocabulary {
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> by_service;
};

// The vocabulary with every operation named (not matched by a glob) in `defaults`' throttling groups added.
OperationVocabulary with_default_operations(OperationVocabulary vocabulary, const Config& defaults);

// "dynamodb has no operation 'GetItme' (did you mean 'GetItem'?)" when `service` has no such operation; none when
// it has, or when the service or the operation is a glob (or the service is not named).
std::optional<std::string> operation_name_problem(const OperationVocabulary& vocabulary, std::string_view service,
                                                  std::string_view operation);

// Reports, at their nodes of the user's document `root`, the operation and bucket names that the service does
// not have: throttling groups' operations, limits' bucket names (operations, groups, resource buckets, and
// OPERATION@VARIANT) and fault rules' operations. Globs ("Describe*") are not checked. Each error suggests the
// nearest valid name. Runs after the document read cleanly, on the Config it produced.
void check_operation_names(YamlReader& reader, const YamlNode& root, const Config& config,
                           const OperationVocabulary& vocabulary);

}  // namespace chokepoint
