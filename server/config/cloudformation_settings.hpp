#pragma once
// Settings of the CloudFormation emulation (`cloudformation:` section): how stacks provision their
// resources through the other emulated services, and what DescribeAccountLimits reports.
#include <map>
#include <string>

namespace chokepoint {

struct CloudFormationSettings {
  // Resources of one stack operation in flight at once; 0 = every resource whose dependencies are complete
  // (what CloudFormation does).
  int max_concurrent_resources = 0;
  // A throttled downstream call is retried this many times, waiting base * 2^n (capped at max) between tries;
  // after the last retry the resource fails with the service's "Rate exceeded" message.
  int throttle_retries = 4;
  long long retry_base_delay_ms = 1000;
  long long retry_max_delay_ms = 8000;
  // How often a resource that is still settling (table CREATING, instance pending, nested stack) is checked.
  long long poll_interval_ms = 1000;
  // Extra time a resource operation takes before its first call, by resource type; "*" applies to all others.
  std::map<std::string, long long> operation_delay_ms;
  // TemplateURL (and nested stacks' TemplateURL) may name a local file as file:///path.
  bool allow_file_template_urls = true;
  // DescribeAccountLimits; StackLimit is also enforced by CreateStack.
  long long stack_limit = 2000;
  long long stack_outputs_limit = 200;
  long long concurrent_resources_limit = 2500;
};

}  // namespace chokepoint
