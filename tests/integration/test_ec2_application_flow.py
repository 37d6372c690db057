"""The EC2 calls an infrastructure tool makes, end to end: a VPC, subnet, security group, key pair and launch
template, an instance launched from them and a volume attached to it, with waiters and paginators; the same as one
CloudFormation stack, deleted in dependency order; and a Terraform-style refresh that describes every resource at
full speed, meets RequestLimitExceeded at the NonMutating bucket's size and completes under adaptive retries."""
from botocore.exceptions import ClientError

from ec2_fast import AMI, FAST_WAITER, Ec2AccountTestCase
from harness import ManualClockTestCase

STACK = f"""
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {{CidrBlock: 10.40.0.0/16}}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {{VpcId: !Ref Vpc, CidrBlock: 10.40.1.0/24, AvailabilityZone: us-east-1a}}
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}}]
  Key:
    Type: AWS::EC2::KeyPair
    Properties: {{KeyName: flow-key}}
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: {AMI}
        InstanceType: t3.micro
        KeyName: !Ref Key
        SecurityGroupIds: [!GetAtt Web.GroupId]
  Server:
    Type: AWS::EC2::Instance
    Properties:
      LaunchTemplate: {{LaunchTemplateId: !Ref Template, Version: !GetAtt Template.LatestVersionNumber}}
      SubnetId: !Ref Subnet
  Data:
    Type: AWS::EC2::Volume
    Properties: {{AvailabilityZone: !GetAtt Subnet.AvailabilityZone, Size: 20, VolumeType: gp3}}
  Mount:
    Type: AWS::EC2::VolumeAttachment
    Properties: {{InstanceId: !Ref Server, VolumeId: !Ref Data, Device: /dev/sdf}}
Outputs:
  VpcId: {{Value: !Ref Vpc}}
  SubnetId: {{Value: !Ref Subnet}}
  GroupId: {{Value: !GetAtt Web.GroupId}}
  InstanceId: {{Value: !Ref Server}}
  VolumeId: {{Value: !Ref Data}}
  TemplateId: {{Value: !Ref Template}}
"""


DESCRIBE_ACTIONS = ("DescribeVpcs", "DescribeSubnets", "DescribeSecurityGroups", "DescribeVolumes",
                    "DescribeInstances", "DescribeKeyPairs", "DescribeLaunchTemplates")


def refresh(test, ec2, ids, calls):
    """A Terraform-style refresh at full speed: each kind of resource described by id `calls` times in a row. EC2
    keeps a bucket per action, so each Describe action is counted on its own: {action: calls that succeeded before
    its first refusal, which must be RequestLimitExceeded}; an action is not called again once refused."""
    describes = dict(zip(DESCRIBE_ACTIONS, (
        lambda: ec2.describe_vpcs(VpcIds=[ids["vpc"]]),
        lambda: ec2.describe_subnets(SubnetIds=[ids["subnet"]]),
        lambda: ec2.describe_security_groups(GroupIds=[ids["group"]]),
        lambda: ec2.describe_volumes(VolumeIds=[ids["volume"]]),
        lambda: ec2.describe_instances(InstanceIds=[ids["instance"]]),
        lambda: ec2.describe_key_pairs(KeyNames=[ids["key"]]),
        lambda: ec2.describe_launch_templates(LaunchTemplateIds=[ids["template"]]))))
    succeeded = dict.fromkeys(describes, 0)
    for action, describe in describes.items():
        for _ in range(calls):
            try:
                describe()
                succeeded[action] += 1
            except ClientError as e:
                test.assertEqual((e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]),
                                 ("RequestLimitExceeded", 503))
                break
    return succeeded


class Ec2ApplicationFlowTest(Ec2AccountTestCase):
    def build(self, ec2, name):
        """The flow by hand; returns the ids of what it made."""
        vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
        ec2.get_waiter("vpc_available").wait(VpcIds=[vpc], WaiterConfig=FAST_WAITER)
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.30.1.0/24", AvailabilityZone="us-east-1b")["Subnet"]
        ec2.get_waiter("subnet_available").wait(SubnetIds=[subnet["SubnetId"]], WaiterConfig=FAST_WAITER)
        group = ec2.create_security_group(GroupName=name, Description="app", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        ec2.create_key_pair(KeyName=name)
        template = ec2.create_launch_template(LaunchTemplateName=name, LaunchTemplateData={
            "ImageId": AMI, "InstanceType": "t3.micro", "KeyName": name,
            "SecurityGroupIds": [group]})["LaunchTemplate"]["LaunchTemplateId"]
        instance = ec2.run_instances(LaunchTemplate={"LaunchTemplateId": template, "Version": "$Latest"},
                                     SubnetId=subnet["SubnetId"], MinCount=1, MaxCount=1)["Instances"][0]
        ec2.get_waiter("instance_running").wait(InstanceIds=[instance["InstanceId"]], WaiterConfig=FAST_WAITER)
        volume = ec2.create_volume(AvailabilityZone=subnet["AvailabilityZone"], Size=20, VolumeType="gp3")["VolumeId"]
        ec2.get_waiter("volume_available").wait(VolumeIds=[volume], WaiterConfig=FAST_WAITER)
        ec2.attach_volume(VolumeId=volume, InstanceId=instance["InstanceId"], Device="/dev/sdf")
        ec2.get_waiter("volume_in_use").wait(VolumeIds=[volume], WaiterConfig=FAST_WAITER)
        return {"vpc": vpc, "subnet": subnet["SubnetId"], "group": group, "key": name, "template": template,
                "instance": instance["InstanceId"], "volume": volume}

    def test_the_flow_by_hand_with_waiters_and_paginators(self):
        ec2 = self.client("500000000001")
        ids = self.build(ec2, "app")
        [running] = ec2.describe_instances(InstanceIds=[ids["instance"]])["Reservations"][0]["Instances"]
        self.assertEqual((running["VpcId"], running["SubnetId"], running["KeyName"]),
                         (ids["vpc"], ids["subnet"], "app"))
        self.assertEqual([g["GroupId"] for g in running["SecurityGroups"]], [ids["group"]])
        self.assertTrue(running["PrivateIpAddress"].startswith("10.30.1."))
        for paginator, key in (("describe_vpcs", "Vpcs"), ("describe_subnets", "Subnets"),
                               ("describe_security_groups", "SecurityGroups"), ("describe_volumes", "Volumes"),
                               ("describe_launch_templates", "LaunchTemplates"), ("describe_instances", "Reservations")):
            with self.subTest(paginator=paginator):
                pages = ec2.get_paginator(paginator).paginate(PaginationConfig={"PageSize": 5})
                self.assertGreaterEqual(sum(len(page[key]) for page in pages), 1)
        [volume] = ec2.describe_volumes(VolumeIds=[ids["volume"]])["Volumes"]
        self.assertEqual(volume["Attachments"][0]["InstanceId"], ids["instance"])

    def test_the_flow_as_a_stack_deleted_in_dependency_order(self):
        account = "500000000002"
        cf = self.server.client("cloudformation", access_key=account)
        ec2 = self.client(account)
        cf.create_stack(StackName="app", TemplateBody=STACK)
        cf.get_waiter("stack_create_complete").wait(StackName="app", WaiterConfig={"Delay": 1, "MaxAttempts": 90})
        out = {o["OutputKey"]: o["OutputValue"] for o in cf.describe_stacks(StackName="app")["Stacks"][0]["Outputs"]}
        [server] = ec2.describe_instances(InstanceIds=[out["InstanceId"]])["Reservations"][0]["Instances"]
        self.assertEqual((server["SubnetId"], server["KeyName"], server["SecurityGroups"][0]["GroupId"]),
                         (out["SubnetId"], "flow-key", out["GroupId"]))
        [volume] = ec2.describe_volumes(VolumeIds=[out["VolumeId"]])["Volumes"]
        self.assertEqual(volume["Attachments"][0]["InstanceId"], out["InstanceId"])
        cf.delete_stack(StackName="app")
        cf.get_waiter("stack_delete_complete").wait(StackName="app", WaiterConfig={"Delay": 1, "MaxAttempts": 90})
        for code, call, kwargs in (("InvalidVpcID.NotFound", ec2.describe_vpcs, {"VpcIds": [out["VpcId"]]}),
                                   ("InvalidVolume.NotFound", ec2.describe_volumes, {"VolumeIds": [out["VolumeId"]]}),
                                   ("InvalidKeyPair.NotFound", ec2.describe_key_pairs, {"KeyNames": ["flow-key"]})):
            with self.subTest(code=code):
                self.assert_error(code, call, **kwargs)
        [gone] = ec2.describe_instances(InstanceIds=[out["InstanceId"]])["Reservations"][0]["Instances"]
        self.assertIn(gone["State"]["Name"], ("shutting-down", "terminated"))

    def test_a_full_speed_refresh_completes_with_adaptive_retries(self):
        adaptive = self.server.client("ec2", access_key="500000000004",
                                      retries={"mode": "adaptive", "total_max_attempts": 20})
        ids = self.build(self.client("500000000004"), "refresh")
        self.assertEqual(set(refresh(self, adaptive, ids, 130).values()), {130})


class Ec2RefreshBucketTest(ManualClockTestCase, Ec2AccountTestCase):
    """The same refresh on a stopped emulated clock: no token comes back while it runs, so each action's bucket
    gives exactly its size, however fast or slow the client is."""

    def test_each_describe_action_is_refused_after_its_bucket_of_100(self):
        ec2 = self.client("500000000005")
        vpc = ec2.create_vpc(CidrBlock="10.50.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.50.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]
        group = ec2.create_security_group(GroupName="refresh", Description="r", VpcId=vpc)["GroupId"]
        ec2.create_key_pair(KeyName="refresh")
        template = ec2.create_launch_template(LaunchTemplateName="refresh", LaunchTemplateData={
            "ImageId": AMI, "InstanceType": "t3.micro"})["LaunchTemplate"]["LaunchTemplateId"]
        instance = ec2.run_instances(ImageId=AMI, SubnetId=subnet["SubnetId"], MinCount=1,
                                     MaxCount=1)["Instances"][0]["InstanceId"]
        volume = ec2.create_volume(AvailabilityZone="us-east-1a", Size=20)["VolumeId"]
        self.advance(60)  # everything settled, and every bucket full again
        ids = {"vpc": vpc, "subnet": subnet["SubnetId"], "group": group, "key": "refresh", "template": template,
               "instance": instance, "volume": volume}
        # [EC2THR]'s NonMutating category: a bucket of 100 per action.
        self.assertEqual(refresh(self, ec2, ids, 200), dict.fromkeys(DESCRIBE_ACTIONS, 100))


if __name__ == "__main__":
    import unittest

    unittest.main()
