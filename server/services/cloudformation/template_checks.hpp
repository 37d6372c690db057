#pragma once
// The checks CloudFormation makes before it accepts a template: resource types it knows, functions it
// supports, references that resolve, attributes the types have, conditions that exist, no null values, no
// dependency cycles. Each failure is the ValidationError message CloudFormation sends.
#include <optional>
#include <string>
#include <vector>

#include "common/problem.hpp"
#include "services/cloudformation/template_model.hpp"

namespace chokepoint {

class ResourceTypeCatalog {
 public:
  virtual ~ResourceTypeCatalog() = default;
  virtual bool knows_type(const std::string& type) const = 0;
  virtual bool has_attribute(const std::string& type, const std::string& attribute) const = 0;
  // A known type of a service Chokepoint does not emulate, provisioned through the upstream emulator, when no
  // upstream is configured: the template is refused, saying how to configure one.
  virtual bool needs_upstream(const std::string& /*type*/) const { return false; }
};

Problem check_template(const Template& tmpl, const ResourceTypeCatalog& types);

// Capabilities the template needs acknowledged, and why ("The following resource(s) require capabilities: ...").
struct RequiredCapabilities {
  std::vector<std::string> capabilities;
  std::string reason;
};
RequiredCapabilities required_capabilities(const Template& tmpl);

}  // namespace chokepoint
