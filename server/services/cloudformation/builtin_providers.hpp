#pragma once
// The resource types this emulator provisions, each through the service that backs it (emulated, or the upstream).
#include <memory>

#include "services/cloudformation/resource_provider.hpp"

namespace chokepoint {

std::unique_ptr<ResourceProvider> make_ssm_parameter_provider();          // AWS::SSM::Parameter
std::unique_ptr<ResourceProvider> make_dynamodb_table_provider();         // AWS::DynamoDB::Table
std::unique_ptr<ResourceProvider> make_ec2_instance_provider();           // AWS::EC2::Instance
std::unique_ptr<ResourceProvider> make_ec2_volume_provider();             // AWS::EC2::Volume
std::unique_ptr<ResourceProvider> make_ec2_volume_attachment_provider();  // AWS::EC2::VolumeAttachment
std::unique_ptr<ResourceProvider> make_ec2_launch_template_provider();    // AWS::EC2::LaunchTemplate
std::unique_ptr<ResourceProvider> make_ec2_key_pair_provider();           // AWS::EC2::KeyPair
std::unique_ptr<ResourceProvider> make_ec2_eip_provider();                // AWS::EC2::EIP
std::unique_ptr<ResourceProvider> make_ec2_eip_association_provider();    // AWS::EC2::EIPAssociation
std::unique_ptr<ResourceProvider> make_ec2_network_interface_provider();  // AWS::EC2::NetworkInterface
std::unique_ptr<ResourceProvider> make_ec2_vpc_provider();                // AWS::EC2::VPC
std::unique_ptr<ResourceProvider> make_ec2_subnet_provider();             // AWS::EC2::Subnet
std::unique_ptr<ResourceProvider> make_ec2_security_group_provider();     // AWS::EC2::SecurityGroup
std::unique_ptr<ResourceProvider> make_ec2_security_group_ingress_provider();  // AWS::EC2::SecurityGroupIngress
std::unique_ptr<ResourceProvider> make_ec2_internet_gateway_provider();   // AWS::EC2::InternetGateway
std::unique_ptr<ResourceProvider> make_ec2_gateway_attachment_provider();  // AWS::EC2::VPCGatewayAttachment
std::unique_ptr<ResourceProvider> make_ec2_route_table_provider();        // AWS::EC2::RouteTable
std::unique_ptr<ResourceProvider> make_ec2_route_provider();              // AWS::EC2::Route
std::unique_ptr<ResourceProvider> make_ec2_route_table_association_provider();  // AWS::EC2::SubnetRouteTableAssociation
std::unique_ptr<ResourceProvider> make_wait_condition_handle_provider();  // AWS::CloudFormation::WaitConditionHandle
std::unique_ptr<ResourceProvider> make_nested_stack_provider();           // AWS::CloudFormation::Stack
std::unique_ptr<ResourceProvider> make_scalable_target_provider();        // AWS::ApplicationAutoScaling::ScalableTarget
std::unique_ptr<ResourceProvider> make_scaling_policy_provider();         // AWS::ApplicationAutoScaling::ScalingPolicy
// Types of services Chokepoint does not emulate, provisioned through the upstream emulator.
std::unique_ptr<ResourceProvider> make_s3_bucket_provider();              // AWS::S3::Bucket
std::unique_ptr<ResourceProvider> make_sqs_queue_provider();              // AWS::SQS::Queue
std::unique_ptr<ResourceProvider> make_sns_topic_provider();              // AWS::SNS::Topic
std::unique_ptr<ResourceProvider> make_iam_role_provider();               // AWS::IAM::Role
std::unique_ptr<ResourceProvider> make_iam_policy_provider();             // AWS::IAM::Policy
std::unique_ptr<ResourceProvider> make_secretsmanager_secret_provider();  // AWS::SecretsManager::Secret
std::unique_ptr<ResourceProvider> make_kms_key_provider();                // AWS::KMS::Key
std::unique_ptr<ResourceProvider> make_lambda_function_provider();        // AWS::Lambda::Function

// A task that fails at once (property validation failures).
std::unique_ptr<ResourceTask> failed_task(std::string reason);

}  // namespace chokepoint
