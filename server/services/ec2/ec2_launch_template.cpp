#include "services/ec2/ec2_launch_template.hpp"

#include <cctype>

#include "common/time_format.hpp"
#include "persistence/record_time.hpp"

namespace chokepoint {

namespace {

// Where ResponseLaunchTemplateData's wire name is not the request name lower-cased with "Set" for a list
// (botocore's ec2 model, RequestLaunchTemplateData against ResponseLaunchTemplateData).
std::string response_member_name(const std::string& parent, const std::string& key, bool list) {
  if (parent == "NetworkInterface" && key == "SecurityGroupId") return "groupSet";
  if (parent.empty() && key == "LicenseSpecification") return "licenseSet";
  if (parent == "SecondaryInterface" && key == "PrivateIpAddress") return "privateIpAddressesSet";
  std::string name = key;
  if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return list ? name + "Set" : name;
}

nlohmann::json response_form(const std::string& parent, const nlohmann::json& value) {
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(response_form(parent, item));
    return out;
  }
  if (!value.is_object()) return value;
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, child] : value.items()) {
    out[response_member_name(parent, key, child.is_array())] = response_form(key, child);
  }
  return out;
}

}  // namespace

nlohmann::json launch_template_json(const Ec2LaunchTemplate& t) {
  return {{"launchTemplateId", t.id},
          {"launchTemplateName", t.name},
          {"createTime", iso8601_millis(t.created)},
          {"createdBy", t.created_by},
          {"defaultVersionNumber", t.default_version},
          {"latestVersionNumber", t.latest_version}};
}

nlohmann::json launch_template_version_json(const Ec2LaunchTemplate& t, const Ec2LaunchTemplateVersion& v) {
  nlohmann::json j = {{"launchTemplateId", t.id},
                      {"launchTemplateName", t.name},
                      {"versionNumber", v.number},
                      {"createTime", iso8601_millis(v.created)},
                      {"createdBy", t.created_by},
                      {"defaultVersion", v.number == t.default_version},
                      {"launchTemplateData", launch_data_response_json(v.data)}};
  if (!v.description.empty()) j["versionDescription"] = v.description;
  return j;
}

nlohmann::json launch_data_response_json(const nlohmann::json& request_form) {
  return response_form("", request_form);
}

nlohmann::json overlay_launch_data(nlohmann::json base, const nlohmann::json& overlay) {
  if (!base.is_object()) base = nlohmann::json::object();
  if (!overlay.is_object()) return base;
  for (const auto& [key, value] : overlay.items()) base[key] = value;
  return base;
}

nlohmann::json launch_template_record(const Ec2LaunchTemplate& t) {
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& [number, v] : t.versions) {
    versions.push_back(
        {{"number", number}, {"description", v.description}, {"data", v.data}, {"created", record_time(v.created)}});
  }
  return {{"seq", t.seq},
          {"id", t.id},
          {"name", t.name},
          {"created_by", t.created_by},
          {"created", record_time(t.created)},
          {"default_version", t.default_version},
          {"latest_version", t.latest_version},
          {"versions", versions}};
}

Ec2LaunchTemplate launch_template_from_record(const nlohmann::json& j) {
  Ec2LaunchTemplate t;
  t.seq = j.at("seq").get<uint64_t>();
  t.id = j.at("id").get<std::string>();
  t.name = j.at("name").get<std::string>();
  t.created_by = j.at("created_by").get<std::string>();
  t.created = time_from_record(j.at("created"));
  t.default_version = j.at("default_version").get<long long>();
  t.latest_version = j.at("latest_version").get<long long>();
  for (const auto& v : j.at("versions")) {
    Ec2LaunchTemplateVersion version;
    version.number = v.at("number").get<long long>();
    version.description = v.at("description").get<std::string>();
    version.data = v.at("data");
    version.created = time_from_record(v.at("created"));
    t.versions.emplace(version.number, std::move(version));
  }
  return t;
}

}  // namespace chokepoint
