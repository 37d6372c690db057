#pragma once
// The resource types this emulator provisions, each through the emulated service that backs it.
#include <memory>

#include "services/cloudformation/resource_provider.hpp"

namespace chokepoint {

std::unique_ptr<ResourceProvider> make_ssm_parameter_provider();          // AWS::SSM::Parameter
std::unique_ptr<ResourceProvider> make_dynamodb_table_provider();         // AWS::DynamoDB::Table
std::unique_ptr<ResourceProvider> make_ec2_instance_provider();           // AWS::EC2::Instance
std::unique_ptr<ResourceProvider> make_wait_condition_handle_provider();  // AWS::CloudFormation::WaitConditionHandle
std::unique_ptr<ResourceProvider> make_nested_stack_provider();           // AWS::CloudFormation::Stack

// A task that fails at once (property validation failures).
std::unique_ptr<ResourceTask> failed_task(std::string reason);

}  // namespace chokepoint
