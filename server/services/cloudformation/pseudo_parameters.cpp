#include "services/cloudformation/pseudo_parameters.hpp"

namespace chokepoint {

std::string partition_of(const std::string& region) {
  if (region.rfind("cn-", 0) == 0) return "aws-cn";
  if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  return "aws";
}

std::string url_suffix_of(const std::string& region) {
  return region.rfind("cn-", 0) == 0 ? "amazonaws.com.cn" : "amazonaws.com";
}

std::string cloudformation_arn(const std::string& region, const std::string& account, const std::string& resource) {
  return "arn:" + partition_of(region) + ":cloudformation:" + region + ":" + account + ":" + resource;
}

bool is_pseudo_parameter(const std::string& name) {
  return name == "AWS::Region" || name == "AWS::AccountId" || name == "AWS::StackName" || name == "AWS::StackId" ||
         name == "AWS::Partition" || name == "AWS::URLSuffix" || name == "AWS::NoValue" ||
         name == "AWS::NotificationARNs";
}

std::map<std::string, nlohmann::json> pseudo_parameters(const StackIdentity& stack) {
  nlohmann::json arns = nlohmann::json::array();
  for (const auto& arn : stack.notification_arns) arns.push_back(arn);
  return {
      {"AWS::Region", stack.region},
      {"AWS::AccountId", stack.account},
      {"AWS::StackName", stack.stack_name},
      {"AWS::StackId", stack.stack_id},
      {"AWS::Partition", partition_of(stack.region)},
      {"AWS::URLSuffix", url_suffix_of(stack.region)},
      {"AWS::NotificationARNs", arns},
  };
}

}  // namespace chokepoint
