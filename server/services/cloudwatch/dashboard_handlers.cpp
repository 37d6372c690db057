// PutDashboard, GetDashboard, ListDashboards and DeleteDashboards. Chokepoint stores dashboards and gives them
// back; it draws nothing. The body is checked the way CloudWatch's schema checks its top level.
// [CWDB] https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "common/json_parser.hpp"
#include "protocol/params.hpp"
#include "services/cloudwatch/cloudwatch_call.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"
#include "services/cloudwatch/page_token.hpp"

namespace chokepoint {

namespace {

constexpr size_t kDashboardPageSize = 1000;

// InvalidParameterInput (the model's DashboardInvalidInputError), with its validation messages.
ApiError invalid_dashboard(std::string message, std::string data_path, std::string problem) {
  ApiError e = make_error("InvalidParameterInput", std::move(message));
  e.json_type = "DashboardInvalidInputError";
  e.fault_type = "Sender";
  e.extra = {{"dashboardValidationMessages",
              nlohmann::json::array({{{"DataPath", std::move(data_path)}, {"Message", std::move(problem)}}})}};
  return e;
}

ApiError dashboard_not_found(const std::string& name) {
  ApiError e = make_error("ResourceNotFound", "Dashboard " + name + " does not exist", 404);
  e.json_type = "DashboardNotFoundError";
  e.fault_type = "Sender";
  return e;
}

bool valid_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

// [CWAPI] API_PutDashboard.html: up to 255 characters, A-Z, a-z, 0-9, "-" and "_".
MaybeError read_dashboard_name(const nlohmann::json& params, std::string& name) {
  if (auto e = read_name(params, "DashboardName", "", name, 255)) return e;
  for (char c : name) {
    if (!valid_name_char(c)) {
      return cw_invalid_parameter_value("The value for field DashboardName contains invalid characters. It can only "
                                        "contain alphanumerics, dash (-) and underscore (_).");
    }
  }
  return std::nullopt;
}

// The top level of a dashboard body: a JSON object whose `widgets` is an array of objects.
MaybeError check_body(const std::string& body) {
  nlohmann::json parsed;
  if (!parse_json(body, parsed) || !parsed.is_object()) {
    return invalid_dashboard("The field DashboardBody must be a valid JSON object", "", "Should be object");
  }
  const auto widgets = parsed.find("widgets");
  if (widgets == parsed.end()) {
    return invalid_dashboard("The input for the dashboard is invalid", "", "Should have required property 'widgets'");
  }
  if (!widgets->is_array()) {
    return invalid_dashboard("The input for the dashboard is invalid", "/widgets", "Should be array");
  }
  for (size_t i = 0; i < widgets->size(); ++i) {
    if (!(*widgets)[i].is_object()) {
      return invalid_dashboard("The input for the dashboard is invalid", "/widgets/" + std::to_string(i),
                               "Should be object");
    }
  }
  return std::nullopt;
}

std::string dashboard_arn(const CloudWatchCall& call, const std::string& name) {
  return "arn:aws:cloudwatch::" + call.account() + ":dashboard/" + name;
}

}  // namespace

ApiResult put_dashboard(CloudWatchCall& call) {
  std::string name, body;
  if (auto e = read_dashboard_name(call.params(), name)) return *e;
  if (auto e = read_name(call.params(), "DashboardBody", "", body, std::string::npos)) return *e;
  if (auto e = check_body(body)) return *e;
  call.dashboards[name] = Dashboard{std::move(body), call.ctx.now};
  ApiResponse response;
  response.body["DashboardValidationMessages"] = nlohmann::json::array();
  return response;
}

ApiResult get_dashboard(CloudWatchCall& call) {
  std::string name;
  if (auto e = read_name(call.params(), "DashboardName", "", name, 255)) return *e;
  const auto it = call.dashboards.find(name);
  if (it == call.dashboards.end()) return dashboard_not_found(name);
  ApiResponse response;
  response.body = {{"DashboardArn", dashboard_arn(call, name)},
                   {"DashboardBody", it->second.body},
                   {"DashboardName", name}};
  return response;
}

ApiResult list_dashboards(CloudWatchCall& call) {
  std::string prefix, token;
  if (auto e = read_optional_name(call.params(), "DashboardNamePrefix", "", prefix, 255)) return *e;
  if (auto e = read_optional_name(call.params(), "NextToken", "", token, 4096)) return *e;
  const auto offset = parse_next_token(token);
  if (!offset) return cw_invalid_next_token();
  std::vector<const Dashboards::value_type*> found;
  for (const auto& entry : call.dashboards) {
    if (entry.first.rfind(prefix, 0) == 0) found.push_back(&entry);
  }
  ApiResponse response;
  response.body["DashboardEntries"] = nlohmann::json::array();
  const size_t end = std::min(found.size(), *offset + kDashboardPageSize);
  for (size_t i = *offset; i < end; ++i) {
    const auto& [name, dashboard] = *found[i];
    response.body["DashboardEntries"].push_back({{"DashboardName", name},
                                                 {"DashboardArn", dashboard_arn(call, name)},
                                                 {"LastModified", time_json(dashboard.last_modified, call.protocol())},
                                                 {"Size", dashboard.body.size()}});
  }
  if (end < found.size()) response.body["NextToken"] = next_token(end);
  return response;
}

// All or nothing: when a name does not exist, no dashboard is deleted.
ApiResult delete_dashboards(CloudWatchCall& call) {
  const nlohmann::json* names = nullptr;
  if (auto e = read_list(call.params(), "DashboardNames", "", names)) return *e;
  if (!names) return cw_missing_parameter("DashboardNames");
  for (const auto& name : *names) {
    if (!name.is_string()) return cw_invalid_value("DashboardNames", name.dump());
    if (!call.dashboards.count(name.get<std::string>())) return dashboard_not_found(name.get<std::string>());
  }
  for (const auto& name : *names) call.dashboards.erase(name.get<std::string>());
  return ApiResponse{};
}

}  // namespace chokepoint
