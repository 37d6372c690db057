"""CloudFormation's EC2 launch template, key pair, Elastic IP and network interface types, provisioned through the
emulated EC2 API: Ref and Fn::GetAtt values as AWS documents them, an instance launched from the stack's
template, a template update making a new default version, and a stack delete that removes everything."""
from ec2_fast import AMI, CONFIG
from harness import ServerTestCase

FAST_WAIT = {"Delay": 1, "MaxAttempts": 60}

TEMPLATE = """
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Subnet:
    Type: String
  InstanceType:
    Type: String
    Default: t3.micro
Resources:
  Key:
    Type: AWS::EC2::KeyPair
    Properties:
      KeyName: stack-key
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateName: stack-template
      LaunchTemplateData:
        ImageId: %(ami)s
        InstanceType: !Ref InstanceType
        KeyName: !Ref Key
        TagSpecifications:
          - ResourceType: instance
            Tags: [{Key: Name, Value: from-stack}]
  Server:
    Type: AWS::EC2::Instance
    Properties:
      LaunchTemplate:
        LaunchTemplateId: !Ref Template
        Version: !GetAtt Template.LatestVersionNumber
  Address:
    Type: AWS::EC2::EIP
    Properties:
      InstanceId: !Ref Server
  Interface:
    Type: AWS::EC2::NetworkInterface
    Properties:
      SubnetId: !Ref Subnet
      Description: extra
      SourceDestCheck: false
Outputs:
  TemplateId:
    Value: !GetAtt Template.LaunchTemplateId
  TemplateRef:
    Value: !Ref Template
  Latest:
    Value: !GetAtt Template.LatestVersionNumber
  Default:
    Value: !GetAtt Template.DefaultVersionNumber
  KeyName:
    Value: !Ref Key
  KeyPairId:
    Value: !GetAtt Key.KeyPairId
  Fingerprint:
    Value: !GetAtt Key.KeyFingerprint
  PublicIp:
    Value: !Ref Address
  AllocationId:
    Value: !GetAtt Address.AllocationId
  InterfaceId:
    Value: !Ref Interface
  InterfaceIp:
    Value: !GetAtt Interface.PrimaryPrivateIpAddress
  ServerId:
    Value: !Ref Server
""" % {"ami": AMI}


def outputs(stack):
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


class CloudFormationEc2TemplatesTest(ServerTestCase):
    CONFIG = CONFIG

    def test_stack_of_template_key_address_and_interface(self):
        account = "330000000001"
        cf = self.server.client("cloudformation", access_key=account)
        ec2 = self.server.client("ec2", access_key=account)
        subnet = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
        cf.create_stack(StackName="fleet", TemplateBody=TEMPLATE,
                        Parameters=[{"ParameterKey": "Subnet", "ParameterValue": subnet}])
        cf.get_waiter("stack_create_complete").wait(StackName="fleet", WaiterConfig=FAST_WAIT)
        out = outputs(cf.describe_stacks(StackName="fleet")["Stacks"][0])

        template = ec2.describe_launch_templates(LaunchTemplateNames=["stack-template"])["LaunchTemplates"][0]
        self.assertEqual(out["TemplateId"], template["LaunchTemplateId"])
        self.assertEqual(out["TemplateRef"], template["LaunchTemplateId"])
        self.assertEqual((out["Latest"], out["Default"]), ("1", "1"))
        key = ec2.describe_key_pairs(KeyNames=["stack-key"])["KeyPairs"][0]
        self.assertEqual((out["KeyName"], out["KeyPairId"], out["Fingerprint"]),
                         ("stack-key", key["KeyPairId"], key["KeyFingerprint"]))
        server = ec2.describe_instances(InstanceIds=[out["ServerId"]])["Reservations"][0]["Instances"][0]
        self.assertEqual((server["InstanceType"], server["KeyName"], server["PublicIpAddress"]),
                         ("t3.micro", "stack-key", out["PublicIp"]))
        tags = {t["Key"]: t["Value"] for t in server["Tags"]}
        self.assertEqual(tags["Name"], "from-stack")
        self.assertEqual(tags["aws:ec2launchtemplate:id"], out["TemplateId"])
        address = ec2.describe_addresses(AllocationIds=[out["AllocationId"]])["Addresses"][0]
        self.assertEqual(address["InstanceId"], out["ServerId"])
        interface = ec2.describe_network_interfaces(NetworkInterfaceIds=[out["InterfaceId"]])["NetworkInterfaces"][0]
        self.assertEqual((interface["PrivateIpAddress"], interface["SourceDestCheck"], interface["Description"]),
                         (out["InterfaceIp"], False, "extra"))

        # A new instance type is a new template version, made the default; the instance follows it.
        cf.update_stack(StackName="fleet", TemplateBody=TEMPLATE,
                        Parameters=[{"ParameterKey": "Subnet", "UsePreviousValue": True},
                                    {"ParameterKey": "InstanceType", "ParameterValue": "t3.small"}])
        cf.get_waiter("stack_update_complete").wait(StackName="fleet", WaiterConfig=FAST_WAIT)
        out = outputs(cf.describe_stacks(StackName="fleet")["Stacks"][0])
        self.assertEqual((out["Latest"], out["Default"]), ("2", "2"))
        versions = ec2.describe_launch_template_versions(LaunchTemplateId=out["TemplateId"],
                                                         Versions=["$Default"])["LaunchTemplateVersions"]
        self.assertEqual(versions[0]["LaunchTemplateData"]["InstanceType"], "t3.small")

        cf.delete_stack(StackName="fleet")
        cf.get_waiter("stack_delete_complete").wait(StackName="fleet", WaiterConfig=FAST_WAIT)
        self.assertEqual(ec2.describe_launch_templates()["LaunchTemplates"], [])
        self.assertEqual(ec2.describe_key_pairs()["KeyPairs"], [])
        self.assertEqual(ec2.describe_addresses()["Addresses"], [])
        created = ec2.describe_network_interfaces(Filters=[{"Name": "description", "Values": ["extra"]}])
        self.assertEqual(created["NetworkInterfaces"], [])
