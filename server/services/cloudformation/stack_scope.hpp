#pragma once
// Everything an expression in a stack's template can see: parameter values, pseudo parameters, conditions,
// the stack's resources (Ref and Fn::GetAtt), the region's exports (Fn::ImportValue) and availability zones.
// Build and use it with the region's lock held; it reads the stack in place.
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/pseudo_parameters.hpp"
#include "services/cloudformation/stack_store.hpp"

namespace chokepoint {

class StackScope {
 public:
  // `stack` may be null (a template checked before any stack exists); `definition` gives parameters and conditions.
  StackScope(const RegionStacks& region, const Stack* stack, const StackDefinition& definition,
             const StackIdentity& identity, std::shared_ptr<const ZoneMap> zones);
  StackScope(const StackScope&) = delete;
  StackScope& operator=(const StackScope&) = delete;

  const EvalContext& context() const { return ctx_; }
  // Export names Fn::ImportValue resolved so far.
  const std::set<std::string>& imported() const { return imported_; }

 private:
  const RegionStacks& region_;
  const Stack* stack_;
  const StackDefinition& definition_;
  std::shared_ptr<const ZoneMap> zones_;
  std::map<std::string, nlohmann::json> values_;
  std::set<std::string> imported_;
  EvalContext ctx_;
};

StackIdentity identity_of(const Stack& stack);

}  // namespace chokepoint
