#pragma once
// Which resources wait for which: edges from DependsOn and from Ref/GetAtt/Sub references. Used to reject
// cycles and to order provisioning (create in dependency order, delete in reverse).
#include <map>
#include <set>
#include <string>
#include <vector>

#include "services/cloudformation/template_model.hpp"
#include "services/cloudformation/template_references.hpp"

namespace chokepoint {

class DependencyGraph {
 public:
  void add_node(const std::string& node);
  // `from` depends on `to` (both are added as nodes).
  void add_edge(const std::string& from, const std::string& to);

  bool contains(const std::string& node) const { return edges_.count(node) != 0; }
  const std::set<std::string>& dependencies(const std::string& node) const;
  std::set<std::string> dependents(const std::string& node) const;
  std::vector<std::string> nodes() const;
  // Every node that lies on a cycle (sorted); empty when the graph is acyclic.
  std::vector<std::string> cycle_members() const;

 private:
  std::map<std::string, std::set<std::string>> edges_;
};

// The graph of a template's resources. With `decide`, Fn::If follows only the chosen branch; with `active`,
// only those resources are nodes (resources whose Condition is false are left out).
DependencyGraph resource_graph(const Template& tmpl, const ConditionOracle* decide = nullptr,
                               const std::set<std::string>* active = nullptr);

}  // namespace chokepoint
