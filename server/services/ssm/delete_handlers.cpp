// DeleteParameter and DeleteParameters.
#include "common/strings.hpp"
#include "config/ssm_parameter_names.hpp"
#include "services/ssm/ssm_call.hpp"
#include "services/ssm/ssm_errors.hpp"
#include "services/ssm/ssm_params.hpp"

namespace chokepoint {

ApiResult delete_parameter(SsmCall& call) {
  SsmParams params(call.request.params);
  const std::string name(trim(params.required_string("Name")));
  if (!params.ok()) return params.error();
  if (auto error = check_name(name)) return std::move(*error);
  // Like GetParameter, DeleteParameter answers a missing name without a message.
  if (!call.store.erase(name)) return ssm_error("ParameterNotFound");
  return ApiResponse{};
}

ApiResult delete_parameters(SsmCall& call) {
  SsmParams params(call.request.params);
  auto names = params.string_list("Names", true);
  if (params.ok()) params.check_count(names->size(), "Names", bracket_list(*names), 1, 10);
  if (!params.ok()) return params.error();
  nlohmann::json deleted = nlohmann::json::array();
  nlohmann::json invalid = nlohmann::json::array();
  for (const auto& name : *names) {
    const std::string trimmed(trim(name));
    const bool ok = !check_name(trimmed) && call.store.erase(trimmed);
    (ok ? deleted : invalid).push_back(name);
  }
  ApiResponse response;
  response.body["DeletedParameters"] = std::move(deleted);
  response.body["InvalidParameters"] = std::move(invalid);
  return response;
}

}  // namespace chokepoint
