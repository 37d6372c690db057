#pragma once
// EC2 API requests for AWS::EC2::Instance, in the EC2 query form the emulated service decodes (values as
// text, lists as arrays: SecurityGroupId.N -> "SecurityGroupId": [...]), and readings of its answers.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace chokepoint {

nlohmann::json run_instances_request(const nlohmann::json& props, const std::string& client_token);
// Nested objects with every scalar as text, the way the query decoder would hand them over.
nlohmann::json query_text(const nlohmann::json& value);
// The first instance of a RunInstances or DescribeInstances answer (null when there is none).
nlohmann::json first_instance(const nlohmann::json& response);
// Fn::GetAtt values of an instance as EC2 describes it.
nlohmann::json instance_attributes(const nlohmann::json& instance);
std::string instance_state(const nlohmann::json& instance);  // pending, running, terminated, ...

}  // namespace chokepoint
