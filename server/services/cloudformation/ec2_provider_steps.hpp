#pragma once
// What the EC2 resource providers share: reading a value out of an answer, TagSpecifications from a Tags
// property, and CloudFormation's LaunchTemplateData in the EC2 query form.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "services/cloudformation/chain_task.hpp"

namespace chokepoint {

// A Check that fails with the handler's message on an error (other than `ok_codes`) and otherwise hands the
// answer to `read`, which may fail the step by returning false and setting the reason.
ChainTask::Check read_answer(std::string request_token,
                             std::function<bool(const nlohmann::json& answer, std::string& reason)> read,
                             std::vector<std::string> ok_codes = {});

// TagSpecification.N for one resource type from [{Key, Value}]; null when there are no tags.
nlohmann::json tag_specification(const std::string& resource_type, const nlohmann::json& tags);

// CloudFormation's LaunchTemplateData (the API's member names: SecurityGroupIds, BlockDeviceMappings, ...) under
// the EC2 query names (SecurityGroupId.N, BlockDeviceMapping.N, ...), every scalar as text.
nlohmann::json launch_template_data_request(const nlohmann::json& data);

}  // namespace chokepoint
