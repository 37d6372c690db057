#include "services/cloudformation/template_conditions.hpp"

#include <functional>
#include <set>

namespace chokepoint {

std::variant<ConditionValues, std::string> evaluate_conditions(const Template& tmpl, const EvalContext& base) {
  ConditionValues values;
  std::set<std::string> visiting;
  EvalContext ctx = base;
  ctx.ref = nullptr;
  ctx.attribute = nullptr;
  std::function<bool(const std::string&)> condition = [&](const std::string& name) -> bool {
    if (const auto it = values.find(name); it != values.end()) return it->second;
    if (!tmpl.conditions.contains(name)) {
      throw TemplateError("Template error: unresolved condition dependency " + name + " in Fn::If");
    }
    if (!visiting.insert(name).second) {
      throw TemplateError("Template error: Circular dependency between conditions: [" + name + "]");
    }
    const bool value = evaluate_condition(tmpl.conditions[name], ctx);
    visiting.erase(name);
    values[name] = value;
    return value;
  };
  ctx.condition = condition;
  try {
    for (const auto& [name, _] : tmpl.conditions.items()) condition(name);
  } catch (const TemplateError& e) {
    return std::string(e.what());
  }
  return values;
}

}  // namespace chokepoint
