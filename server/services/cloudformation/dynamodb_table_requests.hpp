#pragma once
// DynamoDB API requests for AWS::DynamoDB::Table properties: CreateTable from the template's properties,
// and the UpdateTable calls (one index change per call, as DynamoDB requires) that turn one set of properties
// into another.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace chokepoint {

nlohmann::json create_table_request(const std::string& table_name, const nlohmann::json& props);
std::vector<nlohmann::json> update_table_requests(const std::string& table_name, const nlohmann::json& before,
                                                  const nlohmann::json& after);
// UpdateTimeToLive / UpdateContinuousBackups requests for what `after` asks and `before` did not have
// (null when nothing changes).
nlohmann::json time_to_live_request(const std::string& table_name, const nlohmann::json& before,
                                    const nlohmann::json& after);
nlohmann::json point_in_time_request(const std::string& table_name, const nlohmann::json& before,
                                     const nlohmann::json& after);
// True when DescribeTable's answer shows the table and its indexes ACTIVE.
bool table_is_active(const nlohmann::json& describe_table_response);

}  // namespace chokepoint
