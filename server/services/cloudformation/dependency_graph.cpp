#include "services/cloudformation/dependency_graph.hpp"

#include <algorithm>
#include <functional>

namespace chokepoint {

void DependencyGraph::add_node(const std::string& node) {
  edges_[node];
}

void DependencyGraph::add_edge(const std::string& from, const std::string& to) {
  edges_[from].insert(to);
  edges_[to];
}

const std::set<std::string>& DependencyGraph::dependencies(const std::string& node) const {
  static const std::set<std::string> kNone;
  const auto it = edges_.find(node);
  return it == edges_.end() ? kNone : it->second;
}

std::set<std::string> DependencyGraph::dependents(const std::string& node) const {
  std::set<std::string> out;
  for (const auto& [from, to] : edges_) {
    if (to.count(node)) out.insert(from);
  }
  return out;
}

std::vector<std::string> DependencyGraph::nodes() const {
  std::vector<std::string> out;
  for (const auto& [node, _] : edges_) out.push_back(node);
  return out;
}

// Tarjan's strongly connected components; a component on a cycle has several nodes or a self-edge.
std::vector<std::string> DependencyGraph::cycle_members() const {
  std::map<std::string, int> index, low;
  std::set<std::string> on_stack;
  std::vector<std::string> stack, members;
  int counter = 0;
  std::function<void(const std::string&)> visit = [&](const std::string& v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack.insert(v);
    for (const auto& w : dependencies(v)) {
      if (!index.count(w)) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (on_stack.count(w)) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] != index[v]) return;
    std::vector<std::string> component;
    for (bool done = false; !done;) {
      component.push_back(stack.back());
      done = stack.back() == v;
      on_stack.erase(stack.back());
      stack.pop_back();
    }
    if (component.size() > 1 || dependencies(v).count(v))
      members.insert(members.end(), component.begin(), component.end());
  };
  for (const auto& [node, _] : edges_) {
    if (!index.count(node)) visit(node);
  }
  std::sort(members.begin(), members.end());
  return members;
}

DependencyGraph resource_graph(const Template& tmpl, const ConditionOracle* decide,
                               const std::set<std::string>* active) {
  DependencyGraph graph;
  auto included = [&](const std::string& id) { return tmpl.resource(id) && (!active || active->count(id)); };
  for (const auto& [id, decl] : tmpl.resources) {
    if (!included(id)) continue;
    graph.add_node(id);
    References refs;
    collect_references(decl.properties, refs, decide);
    for (const auto& target : refs.refs) {
      if (included(target)) graph.add_edge(id, target);
    }
    for (const auto& [target, _] : refs.attributes) {
      if (included(target)) graph.add_edge(id, target);
    }
    for (const auto& target : decl.depends_on) {
      if (included(target)) graph.add_edge(id, target);
    }
  }
  return graph;
}

}  // namespace chokepoint
