#pragma once
// What AWS::CloudFormation::Stack needs from the CloudFormation service itself: create, update, delete and
// watch a child stack. Implemented by StackLifecycle; calls take the region's lock themselves, so a task may
// call them from any thread with no lock held.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace chokepoint {

struct NestedStackSpec {
  std::string account;
  std::string region;
  std::string parent_id;
  std::string root_id;
  std::string name;
  std::string template_url;
  nlohmann::json parameters = nlohmann::json::object();  // name -> value
  std::vector<std::string> capabilities;
  std::vector<std::string> notification_arns;
  std::vector<std::pair<std::string, std::string>> tags;
  long long timeout_minutes = 0;  // 0: none
};

struct NestedStackResult {
  std::string stack_id;
  std::string error;  // empty on success; "No updates are to be performed." when an update changes nothing
};

struct NestedStackView {
  bool found = false;
  std::string status;
  std::string reason;
  std::map<std::string, std::string> outputs;
};

class NestedStackHost {
 public:
  virtual ~NestedStackHost() = default;
  virtual NestedStackResult create_nested(const NestedStackSpec& spec) = 0;
  virtual NestedStackResult update_nested(const NestedStackSpec& spec, const std::string& stack_id) = 0;
  virtual std::string delete_nested(const std::string& account, const std::string& region,
                                    const std::string& stack_id) = 0;
  virtual NestedStackView describe_nested(const std::string& account, const std::string& region,
                                          const std::string& stack_id) = 0;
};

}  // namespace chokepoint
