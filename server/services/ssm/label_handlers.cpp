// LabelParameterVersion and UnlabelParameterVersion. A label names one version of a parameter at a time
// (labelling another version moves it); a version holds at most 10 labels.
#include <algorithm>

#include "common/strings.hpp"
#include "config/ssm_parameter_names.hpp"
#include "protocol/result.hpp"
#include "services/ssm/ssm_call.hpp"
#include "services/ssm/ssm_errors.hpp"
#include "services/ssm/ssm_params.hpp"

namespace chokepoint {

namespace {

constexpr std::size_t kMaxLabelsPerVersion = 10;

struct LabelRequest {
  StoredParameter* parameter = nullptr;
  ParameterVersion* version = nullptr;
  std::vector<std::string> labels;
};

bool has_label(const ParameterVersion& v, const std::string& label) {
  return std::find(v.labels.begin(), v.labels.end(), label) != v.labels.end();
}

void remove_label(ParameterVersion& v, const std::string& label) {
  v.labels.erase(std::remove(v.labels.begin(), v.labels.end(), label), v.labels.end());
}

// Name, ParameterVersion (required for unlabelling; the latest version otherwise) and Labels.
Result<LabelRequest> read_label_request(SsmCall& call, bool version_required) {
  SsmParams params(call.request.params);
  const std::string name(trim(params.required_string("Name")));
  auto version = params.integer("ParameterVersion");
  if (version_required && !version && params.ok()) params.fail(missing_member("ParameterVersion"));
  auto labels = params.string_list("Labels", true);
  if (params.ok()) params.check_count(labels->size(), "Labels", bracket_list(*labels), 1, 10);
  for (std::size_t i = 0; params.ok() && i < labels->size(); ++i) {
    const auto& label = (*labels)[i];
    if (label.empty() || label.size() > 100) {
      params.fail(constraint_error(bracket_list(*labels), "Labels",
                                   "Member must satisfy constraint: [Member must have length less than or equal to "
                                   "100, Member must have length greater than or equal to 1]"));
    }
  }
  if (!params.ok()) return params.error();
  if (auto error = check_name(name)) return std::move(*error);
  LabelRequest out;
  out.parameter = call.store.find(name);
  if (!out.parameter) return parameter_not_found(name);
  out.version = version ? out.parameter->find_version(*version) : &out.parameter->versions.back();
  if (!out.version) return version_not_found(name, std::to_string(*version));
  out.labels = std::move(*labels);
  return out;
}

}  // namespace

ApiResult label_parameter_version(SsmCall& call) {
  auto read = read_label_request(call, false);
  if (!read) return std::move(read).error();
  auto& req = *read;
  nlohmann::json invalid = nlohmann::json::array();
  std::vector<std::string> adding;
  for (const auto& label : req.labels) {
    if (!is_valid_label(label)) {
      invalid.push_back(label);
    } else if (!has_label(*req.version, label) && std::find(adding.begin(), adding.end(), label) == adding.end()) {
      adding.push_back(label);
    }
  }
  if (req.version->labels.size() + adding.size() > kMaxLabelsPerVersion) {
    return ssm_error("ParameterVersionLabelLimitExceeded",
                     "A parameter version can have maximum 10 labels. Move one or more labels to another version "
                     "and try again.");
  }
  for (const auto& label : adding) {
    for (auto& v : req.parameter->versions) remove_label(v, label);
    req.version->labels.push_back(label);
  }
  ApiResponse response;
  response.body["InvalidLabels"] = std::move(invalid);
  response.body["ParameterVersion"] = req.version->version;
  return response;
}

ApiResult unlabel_parameter_version(SsmCall& call) {
  auto read = read_label_request(call, true);
  if (!read) return std::move(read).error();
  auto& req = *read;
  nlohmann::json removed = nlohmann::json::array();
  nlohmann::json invalid = nlohmann::json::array();
  for (const auto& label : req.labels) {
    if (has_label(*req.version, label)) {
      remove_label(*req.version, label);
      removed.push_back(label);
    } else {
      invalid.push_back(label);
    }
  }
  ApiResponse response;
  response.body["RemovedLabels"] = std::move(removed);
  response.body["InvalidLabels"] = std::move(invalid);
  return response;
}

}  // namespace chokepoint
