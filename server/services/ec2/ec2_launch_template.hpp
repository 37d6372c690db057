#pragma once
// One EC2 launch template and its numbered versions, as EC2 keeps them: each version's data is stored in
// RunInstances' request form (LaunchTemplateData.* as decoded: ImageId, SecurityGroupId: [...], ...), so that
// RunInstances can take it as defaults and the Describe calls can answer it under the response's wire names.
// Plain values; thread-safety is their owner's (Ec2Store).
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "common/clock.hpp"

namespace chokepoint {

struct Ec2LaunchTemplateVersion {
  long long number = 1;
  std::string description;
  nlohmann::json data = nlohmann::json::object();  // request form
  TimePoint created;
};

struct Ec2LaunchTemplate {
  uint64_t seq = 0;  // creation order within its account and region; the pagination cursor
  std::string id;    // lt-0123456789abcdef0
  std::string name;  // unique within its account and region
  std::string created_by;
  TimePoint created;
  long long default_version = 1;
  long long latest_version = 1;
  std::map<long long, Ec2LaunchTemplateVersion> versions;
};

// The LaunchTemplate structure (without tags, which live with the region's other resource tags).
nlohmann::json launch_template_json(const Ec2LaunchTemplate& t);
// The LaunchTemplateVersion structure.
nlohmann::json launch_template_version_json(const Ec2LaunchTemplate& t, const Ec2LaunchTemplateVersion& v);
// Request-form launch data under ResponseLaunchTemplateData's wire names (ImageId -> imageId, a list X ->
// xSet, and the model's three exceptions).
nlohmann::json launch_data_response_json(const nlohmann::json& request_form);
// `base` with each top-level member of `overlay` replacing its own: what a new version made from a source
// version keeps, and what RunInstances' own parameters do to a template's.
nlohmann::json overlay_launch_data(nlohmann::json base, const nlohmann::json& overlay);

nlohmann::json launch_template_record(const Ec2LaunchTemplate& t);
Ec2LaunchTemplate launch_template_from_record(const nlohmann::json& j);

}  // namespace chokepoint
