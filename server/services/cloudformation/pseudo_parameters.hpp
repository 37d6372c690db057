#pragma once
// AWS::Region, AWS::AccountId, AWS::StackName, AWS::StackId, AWS::Partition, AWS::URLSuffix and
// AWS::NotificationARNs for one stack (AWS::NoValue is handled by the evaluator).
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace chokepoint {

struct StackIdentity {
  std::string account;
  std::string region;
  std::string stack_name;
  std::string stack_id;
  std::vector<std::string> notification_arns;
};

std::map<std::string, nlohmann::json> pseudo_parameters(const StackIdentity& stack);
bool is_pseudo_parameter(const std::string& name);

std::string partition_of(const std::string& region);   // aws, aws-cn, aws-us-gov
std::string url_suffix_of(const std::string& region);  // amazonaws.com, amazonaws.com.cn
// arn:<partition>:cloudformation:<region>:<account>:<resource>
std::string cloudformation_arn(const std::string& region, const std::string& account, const std::string& resource);

}  // namespace chokepoint
