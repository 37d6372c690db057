#include "services/cloudformation/stack_outputs.hpp"

#include <algorithm>

#include "services/cloudformation/stack_scope.hpp"

namespace chokepoint {

namespace {

std::string text_of(const nlohmann::json& value) {
  if (value.is_array()) {
    std::string joined;
    for (const auto& item : value) {
      if (!joined.empty()) joined += ',';
      joined += scalar_string(item).value_or(item.dump());
    }
    return joined;
  }
  return scalar_string(value).value_or(value.dump());
}

std::string importer_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::vector<std::string> other_importers(const RegionStacks& region, const Stack& stack, const std::string& name) {
  auto importers = region.importers_of(name);
  importers.erase(std::remove(importers.begin(), importers.end(), stack.name), importers.end());
  return importers;
}

void remember_imports(Stack& stack, const std::set<std::string>& imported) {
  for (const auto& name : imported) {
    if (std::find(stack.imports.begin(), stack.imports.end(), name) == stack.imports.end())
      stack.imports.push_back(name);
  }
}

}  // namespace

std::variant<std::vector<StackOutput>, std::string> evaluate_outputs(const RegionStacks& region, Stack& stack) {
  std::vector<StackOutput> outputs;
  const StackDefinition& d = stack.definition;
  StackScope scope(region, &stack, d, identity_of(stack), stack.zones);
  try {
    for (const auto& o : d.tmpl->outputs) {
      if (!o.condition.empty() && !d.conditions.at(o.condition)) continue;
      StackOutput out;
      out.key = o.name;
      out.value = text_of(evaluate(o.value, scope.context()).value_or(""));
      if (!o.description.is_null()) out.description = text_of(evaluate(o.description, scope.context()).value_or(""));
      if (!o.export_name.is_null()) out.export_name = text_of(evaluate(o.export_name, scope.context()).value_or(""));
      outputs.push_back(std::move(out));
    }
  } catch (const TemplateError& e) {
    return std::string(e.what());
  } catch (const std::out_of_range&) {
    return std::string("Template error: unresolved condition dependency in Outputs");
  }
  remember_imports(stack, scope.imported());
  return outputs;
}

std::optional<std::string> apply_exports(RegionStacks& region, const Stack& stack,
                                         const std::vector<StackOutput>& outputs) {
  std::map<std::string, std::string> wanted;
  for (const auto& o : outputs) {
    if (o.export_name.empty()) continue;
    const auto it = region.exports.find(o.export_name);
    if (it != region.exports.end() && it->second.stack_id != stack.id) {
      return "Export with name " + o.export_name + " is already exported by stack " +
             region.stacks.at(it->second.stack_id)->name;
    }
    wanted[o.export_name] = o.value;
  }
  for (const auto& [name, e] : region.exports) {
    if (e.stack_id != stack.id) continue;
    const auto users = other_importers(region, stack, name);
    if (users.empty()) continue;
    const auto kept = wanted.find(name);
    if (kept == wanted.end()) return "Export " + name + " cannot be deleted as it is in use by " + importer_list(users);
    if (kept->second != e.value) return "Cannot update export " + name + " as it is in use by " + importer_list(users);
  }
  drop_exports(region, stack);
  for (const auto& [name, value] : wanted) region.exports[name] = StackExport{name, value, stack.id};
  return std::nullopt;
}

std::optional<std::string> exports_in_use(const RegionStacks& region, const Stack& stack) {
  for (const auto& [name, e] : region.exports) {
    if (e.stack_id != stack.id) continue;
    const auto users = other_importers(region, stack, name);
    if (!users.empty()) return "Export " + name + " cannot be deleted as it is in use by " + importer_list(users);
  }
  return std::nullopt;
}

void drop_exports(RegionStacks& region, const Stack& stack) {
  for (auto it = region.exports.begin(); it != region.exports.end();) {
    it = it->second.stack_id == stack.id ? region.exports.erase(it) : std::next(it);
  }
}

}  // namespace chokepoint
