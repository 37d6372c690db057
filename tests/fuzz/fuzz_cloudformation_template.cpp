// CloudFormation templates (JSON or YAML, short-form tags included) through the template pipeline a
// CreateStack takes: parse, build, check against the emulator's resource types, resolve parameter defaults,
// evaluate conditions, then evaluate every resource's properties and every output with stand-in resources.
#include <cstdint>
#include <string>

#include "config/config_loader.hpp"
#include "services/cloudformation/resource_provider.hpp"
#include "services/cloudformation/stack_lifecycle.hpp"
#include "services/cloudformation/stack_scope.hpp"
#include "services/cloudformation/template_conditions.hpp"
#include "services/cloudformation/template_parameters.hpp"

using namespace chokepoint;
using nlohmann::json;

namespace {

struct Fixture {
  std::shared_ptr<const Config> config = load_default_config().config;
  ProviderRegistry providers = make_default_providers();
  std::shared_ptr<const ZoneMap> zones =
      std::make_shared<const ZoneMap>(ZoneMap{{"us-east-1", {"us-east-1a", "us-east-1b"}}});
};

// The rest of a stack's life in the template's terms, with every resource standing in as created.
void evaluate_everything(const StackDefinition& d, const Fixture& f) {
  RegionStacks no_stacks;
  StackScope scope(no_stacks, nullptr, d, StackIdentity{"123456789012", "us-east-1", "fuzz", "arn:fuzz", {}},
                   f.zones);
  EvalContext ctx = scope.context();
  ctx.ref = [](const std::string& name) -> std::optional<json> { return "physical-" + name; };
  ctx.attribute = [](const std::string& name, const std::string& attr) -> std::optional<json> {
    return name + "." + attr;
  };
  ctx.import_value = [](const std::string& name) -> std::optional<std::string> { return "imported-" + name; };
  for (const auto& [id, resource] : d.tmpl->resources) {
    try {
      (void)evaluate(resource.properties, ctx);
    } catch (const TemplateError&) {
    }
  }
  for (const auto& output : d.tmpl->outputs) {
    try {
      (void)evaluate(output.value, ctx);
      if (!output.export_name.is_null()) (void)evaluate(output.export_name, ctx);
    } catch (const TemplateError&) {
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Fixture fixture;
  const std::string body(reinterpret_cast<const char*>(data), size);
  auto parsed = parse_template(body, fixture.providers, fixture.config->cloudformation);
  if (!parsed) return 0;
  const Template& tmpl = **parsed;
  (void)required_capabilities(tmpl);
  StackDefinition d;
  d.template_body = body;
  d.tmpl = *parsed;
  auto params = resolve_parameters(tmpl, {}, nullptr);
  if (auto* resolved = std::get_if<std::vector<ResolvedParameter>>(&params)) d.parameters = std::move(*resolved);
  else return 0;
  {
    RegionStacks no_stacks;
    StackScope values(no_stacks, nullptr, d, StackIdentity{"123456789012", "us-east-1", "fuzz", "arn:fuzz", {}},
                      fixture.zones);
    auto conditions = evaluate_conditions(tmpl, values.context());
    auto* found = std::get_if<ConditionValues>(&conditions);
    if (!found) return 0;
    d.conditions = std::move(*found);
  }
  evaluate_everything(d, fixture);
  return 0;
}
