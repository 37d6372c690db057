// Operation and bucket names in the user's configuration, checked against what the services have.
#include <optional>
#include <string_view>
#include <vector>

#include "common/strings.hpp"
#include "config/operation_vocabulary.hpp"

namespace chokepoint {

namespace {

bool is_glob(std::string_view name) { return name.find_first_of("*?[") != std::string_view::npos; }

// The names one service accepts at one place, with the vocabulary's operations first.
class NameSet {
 public:
  void add(std::string name) { names_.push_back(std::move(name)); }
  bool contains(std::string_view name) const {
    for (const std::string& n : names_) {
      if (n == name) return true;
    }
    return false;
  }
  std::string hint(std::string_view name) const {
    const std::vector<std::string_view> candidates(names_.begin(), names_.end());
    return did_you_mean(name, candidates);
  }

 private:
  std::vector<std::string> names_;
};

NameSet operations_of(const OperationVocabulary& vocabulary, std::string_view service) {
  NameSet names;
  if (const auto it = vocabulary.by_service.find(service); it != vocabulary.by_service.end()) {
    for (const std::string& op : it->second) names.add(op);
  }
  return names;
}

// What `limits[].buckets` may name for a service: its operations, its groups and its resource buckets
// ("resource:RunInstances", as the limit resolver names them).
NameSet buckets_of(const OperationVocabulary& vocabulary, const Config& config, std::string_view service) {
  NameSet names = operations_of(vocabulary, service);
  if (const auto it = config.throttling.find(std::string(service)); it != config.throttling.end()) {
    for (const LimitGroup& group : it->second.groups) names.add(group.name);
    for (const auto& [resource, limit] : it->second.resources) names.add("resource:" + resource);
  }
  return names;
}

// An OPERATION@VARIANT bucket (an operation's own bucket in a variant group) is valid when its operation is.
std::string_view without_variant(std::string_view bucket) { return bucket.substr(0, bucket.find('@')); }

// "ssm has no operation 'GetParamter' (did you mean 'GetParameter'?)"; none for a valid name or a glob.
std::optional<std::string> name_problem(std::string_view service, std::string_view name, const NameSet& valid,
                                        std::string_view what) {
  if (is_glob(name) || valid.contains(name)) return std::nullopt;
  return std::string(service) + " has no " + std::string(what) + " '" + std::string(name) + "'" + valid.hint(name);
}

void check_name(YamlReader& reader, const YamlNode& at, std::string_view service, std::string_view name,
                const NameSet& valid, std::string_view what) {
  if (auto problem = name_problem(service, name, valid, what)) reader.error(at, std::move(*problem));
}

void check_throttling(YamlReader& reader, const YamlNode& root, const OperationVocabulary& vocabulary) {
  const auto throttling = root.child("throttling");
  if (!throttling || !throttling->node().IsMap()) return;
  for (const auto& [service, names] : vocabulary.by_service) {
    const auto section = throttling->child(service);
    const auto groups = section ? section->child("groups") : std::nullopt;
    const auto items = groups && groups->node().IsSequence() ? reader.elements(*groups) : std::nullopt;
    if (!items) continue;
    const NameSet valid = operations_of(vocabulary, service);
    for (const YamlNode& group : *items) {
      const auto operations = group.child("operations");
      const auto list = operations && operations->node().IsSequence() ? reader.elements(*operations) : std::nullopt;
      for (const YamlNode& op : list.value_or(std::vector<YamlNode>{})) {
        check_name(reader, op, service, op.node().as<std::string>(), valid, "operation");
      }
    }
  }
}

void check_limits(YamlReader& reader, const YamlNode& root, const Config& config,
                  const OperationVocabulary& vocabulary) {
  const auto limits = root.child("limits");
  const auto items = limits && limits->node().IsSequence() ? reader.elements(*limits) : std::nullopt;
  if (!items) return;
  for (std::size_t i = 0; i < items->size() && i < config.limits.size(); ++i) {
    const auto buckets = (*items)[i].child("buckets");
    const auto entries = buckets ? reader.entries(*buckets) : std::nullopt;
    if (!entries) continue;
    const auto& service = config.limits[i].service;
    for (const auto& [name, value] : *entries) {
      if (service) {
        check_name(reader, value, *service, without_variant(name), buckets_of(vocabulary, config, *service),
                   "operation, group or resource bucket");
        continue;
      }
      // No service named: the name must be a bucket of one of them.
      bool known = false;
      for (const auto& [any, ops] : vocabulary.by_service) {
        known = known || buckets_of(vocabulary, config, any).contains(without_variant(name));
      }
      if (!known) reader.error(value, "no service has an operation, group or resource bucket '" + name + "'");
    }
  }
}

void check_faults(YamlReader& reader, const YamlNode& root, const Config& config,
                  const OperationVocabulary& vocabulary) {
  const auto faults = root.child("faults");
  const auto items = faults && faults->node().IsSequence() ? reader.elements(*faults) : std::nullopt;
  if (!items) return;
  for (std::size_t i = 0; i < items->size() && i < config.faults.rules.size(); ++i) {
    const FaultMatch& match = config.faults.rules[i].match;
    const auto node = (*items)[i].child("operation");
    if (!node || match.service.empty() || is_glob(match.service)) continue;
    const NameSet valid = operations_of(vocabulary, match.service);
    const auto list = node->node().IsSequence() ? reader.elements(*node) : std::nullopt;
    for (const YamlNode& op : list.value_or(std::vector<YamlNode>{*node})) {
      if (op.node().IsScalar()) check_name(reader, op, match.service, op.node().as<std::string>(), valid, "operation");
    }
  }
}

}  // namespace

std::optional<std::string> operation_name_problem(const OperationVocabulary& vocabulary, std::string_view service,
                                                  std::string_view operation) {
  if (service.empty() || is_glob(service)) return std::nullopt;
  return name_problem(service, operation, operations_of(vocabulary, service), "operation");
}

OperationVocabulary with_default_operations(OperationVocabulary vocabulary, const Config& defaults) {
  for (const auto& [service, throttling] : defaults.throttling) {
    auto& names = vocabulary.by_service[service];
    for (const LimitGroup& group : throttling.groups) {
      for (const std::string& op : group.operations) {
        if (!is_glob(op)) names.insert(op);
      }
    }
  }
  return vocabulary;
}

void check_operation_names(YamlReader& reader, const YamlNode& root, const Config& config,
                           const OperationVocabulary& vocabulary) {
  check_throttling(reader, root, vocabulary);
  check_limits(reader, root, config, vocabulary);
  check_faults(reader, root, config, vocabulary);
}

}  // namespace chokepoint
