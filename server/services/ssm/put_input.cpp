#include "services/ssm/put_input.hpp"

#include "common/strings.hpp"
#include "services/ssm/ssm_params.hpp"
#include "services/ssm/ssm_tags.hpp"

namespace chokepoint {

Result<PutInput> read_put_input(const nlohmann::json& json) {
  SsmParams params(json);
  PutInput in;
  in.name = std::string(trim(params.required_string("Name")));
  in.value = params.required_string("Value");
  in.type = params.string("Type");
  in.key_id = params.string("KeyId");
  in.description = params.string("Description");
  in.allowed_pattern = params.string("AllowedPattern");
  in.tier = params.string("Tier");
  in.data_type = params.string("DataType");
  in.policies = params.string("Policies");
  in.overwrite = params.boolean("Overwrite").value_or(false);
  if (auto tags = read_tags(params, "Tags", false)) in.tags = std::move(*tags);
  if (!params.ok()) return params.error();
  return in;
}

}  // namespace chokepoint
