"""VPC networking with boto3 and the AWS CLI: VPCs, subnets and security groups created and deleted, their rules,
filters, waiters and paginators, RunInstances into a created subnet, and EC2's errors for bad input."""
import json
import shutil
import subprocess
import tempfile
import unittest


from harness import Server, aws_clis
from ec2_fast import AMI, Ec2AccountTestCase, FAST_WAITER, NO_RETRIES


class Ec2NetworkTest(Ec2AccountTestCase):

    def test_vpc_subnet_group_lifecycle_with_waiters(self):
        ec2 = self.client("400000000001")
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "app"}]}])["Vpc"]
        vpc_id = vpc["VpcId"]
        self.assertFalse(vpc["IsDefault"])
        ec2.get_waiter("vpc_exists").wait(VpcIds=[vpc_id], WaiterConfig=FAST_WAITER)
        ec2.get_waiter("vpc_available").wait(VpcIds=[vpc_id], WaiterConfig=FAST_WAITER)
        ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsHostnames={"Value": True})
        attribute = ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute="enableDnsHostnames")
        self.assertTrue(attribute["EnableDnsHostnames"]["Value"])

        subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]
        ec2.get_waiter("subnet_available").wait(SubnetIds=[subnet["SubnetId"]], WaiterConfig=FAST_WAITER)
        self.assertEqual(subnet["AvailableIpAddressCount"], 251)
        self.assert_error("InvalidSubnet.Conflict", ec2.create_subnet, VpcId=vpc_id, CidrBlock="10.0.1.0/25")
        self.assert_error("InvalidSubnet.Range", ec2.create_subnet, VpcId=vpc_id, CidrBlock="10.1.0.0/24")
        self.assert_error("InvalidVpc.Range", ec2.create_vpc, CidrBlock="10.0.0.0/8")
        ec2.modify_subnet_attribute(SubnetId=subnet["SubnetId"], MapPublicIpOnLaunch={"Value": True})
        described = ec2.describe_subnets(SubnetIds=[subnet["SubnetId"]])["Subnets"][0]
        self.assertTrue(described["MapPublicIpOnLaunch"])

        group_id = ec2.create_security_group(GroupName="web", Description="web servers", VpcId=vpc_id)["GroupId"]
        ec2.get_waiter("security_group_exists").wait(GroupIds=[group_id], WaiterConfig=FAST_WAITER)
        self.assert_error("InvalidGroup.Duplicate", ec2.create_security_group, GroupName="web",
                          Description="again", VpcId=vpc_id)
        names = sorted(g["GroupName"] for g in ec2.describe_security_groups(
            Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["SecurityGroups"])
        self.assertEqual(names, ["default", "web"])

        self.assert_error("DependencyViolation", ec2.delete_vpc, VpcId=vpc_id)
        ec2.delete_security_group(GroupId=group_id)
        ec2.delete_subnet(SubnetId=subnet["SubnetId"])
        ec2.delete_vpc(VpcId=vpc_id)
        self.assert_error("InvalidVpcID.NotFound", ec2.describe_vpcs, VpcIds=[vpc_id])
        self.assertEqual(len(ec2.describe_vpcs()["Vpcs"]), 1)  # the default VPC remains

    def test_security_group_rules(self):
        ec2 = self.client("400000000002")
        vpc_id = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
        web = ec2.create_security_group(GroupName="web", Description="w", VpcId=vpc_id)["GroupId"]
        db = ec2.create_security_group(GroupName="db", Description="d", VpcId=vpc_id)["GroupId"]
        https = {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                 "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "public"}],
                 "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}
        added = ec2.authorize_security_group_ingress(GroupId=web, IpPermissions=[https])
        self.assertTrue(added["Return"])
        self.assertEqual(len(added["SecurityGroupRules"]), 2)
        error = self.assert_error("InvalidPermission.Duplicate", ec2.authorize_security_group_ingress,
                                  GroupId=web, IpPermissions=[https])
        self.assertIn("already exists", error.response["Error"]["Message"])
        ec2.authorize_security_group_ingress(GroupId=web, IpProtocol="tcp", FromPort=22, ToPort=22,
                                             CidrIp="10.0.0.0/8")
        ec2.authorize_security_group_ingress(GroupId=db, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": web}]}])
        ec2.authorize_security_group_egress(GroupId=db, IpPermissions=[
            {"IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "PrefixListIds": [{"PrefixListId": "pl-0123abcd"}]}])

        group = ec2.describe_security_groups(GroupIds=[web])["SecurityGroups"][0]
        first = group["IpPermissions"][0]
        self.assertEqual((first["FromPort"], first["IpRanges"][0]["Description"]), (443, "public"))
        self.assertEqual(first["Ipv6Ranges"], [{"CidrIpv6": "::/0"}])
        self.assertEqual(group["IpPermissionsEgress"][0]["IpProtocol"], "-1")
        referencing = ec2.describe_security_groups(
            Filters=[{"Name": "ip-permission.group-id", "Values": [web]}])["SecurityGroups"]
        self.assertEqual([g["GroupId"] for g in referencing], [db])
        self.assert_error("DependencyViolation", ec2.delete_security_group, GroupId=web)

        rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [web]}])
        self.assertEqual(len(rules["SecurityGroupRules"]), 4)  # three in, the default one out
        self.assertEqual(sum(r["IsEgress"] for r in rules["SecurityGroupRules"]), 1)
        self.assert_error("InvalidPermission.NotFound", ec2.revoke_security_group_ingress, GroupId=web,
                          IpPermissions=[{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80,
                                          "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        ssh = [r["SecurityGroupRuleId"] for r in rules["SecurityGroupRules"] if r.get("FromPort") == 22]
        revoked = ec2.revoke_security_group_ingress(GroupId=web, SecurityGroupRuleIds=ssh)
        self.assertEqual(revoked["RevokedSecurityGroupRules"][0]["SecurityGroupRuleId"], ssh[0])
        self.assert_error("InvalidGroup.NotFound", ec2.authorize_security_group_ingress,
                          GroupId="sg-0123456789abcdef0", IpPermissions=[https])
        self.assert_error("InvalidParameterValue", ec2.authorize_security_group_ingress, GroupId=web,
                          IpPermissions=[{"IpProtocol": "tcp", "IpRanges": [{"CidrIp": "1.2.3.4/32"}]}])
        self.assert_error("DryRunOperation", ec2.authorize_security_group_ingress, GroupId=web,
                          IpProtocol="tcp", FromPort=8080, ToPort=8080, CidrIp="0.0.0.0/0", DryRun=True)
        self.assertEqual(len(ec2.describe_security_group_rules(
            Filters=[{"Name": "group-id", "Values": [web]}])["SecurityGroupRules"]), 3)

    def test_paginators_and_filters(self):
        ec2 = self.client("400000000003")
        vpc_ids = [ec2.create_vpc(CidrBlock=f"10.{n}.0.0/16")["Vpc"]["VpcId"] for n in range(6)]
        for n in range(8):
            ec2.create_subnet(VpcId=vpc_ids[0], CidrBlock=f"10.0.{n}.0/24")
        pages = list(ec2.get_paginator("describe_vpcs").paginate(PaginationConfig={"PageSize": 5}))
        self.assertEqual([len(p["Vpcs"]) for p in pages], [5, 2])
        subnets = [s for p in ec2.get_paginator("describe_subnets").paginate(
            Filters=[{"Name": "vpc-id", "Values": [vpc_ids[0]]}], PaginationConfig={"PageSize": 5})
            for s in p["Subnets"]]
        self.assertEqual(len(subnets), 8)
        self.assertEqual(len({s["AvailabilityZone"] for s in subnets}), 6)  # the zones take turns
        groups = [g for p in ec2.get_paginator("describe_security_groups").paginate(PaginationConfig={"PageSize": 5})
                  for g in p["SecurityGroups"]]
        self.assertEqual(len(groups), 7)  # one default group per VPC
        rules = [r for p in ec2.get_paginator("describe_security_group_rules").paginate(
            PaginationConfig={"PageSize": 5}) for r in p["SecurityGroupRules"]]
        self.assertEqual(len(rules), 14)
        by_cidr = ec2.describe_vpcs(Filters=[{"Name": "cidr", "Values": ["10.3.0.0/16"]}])["Vpcs"]
        self.assertEqual([v["VpcId"] for v in by_cidr], [vpc_ids[3]])
        self.assert_error("InvalidParameterValue", ec2.describe_vpcs, Filters=[{"Name": "flavour", "Values": ["x"]}])

    def test_run_instances_in_a_created_subnet(self):
        ec2 = self.client("400000000004")
        vpc_id = ec2.create_vpc(CidrBlock="10.2.0.0/16")["Vpc"]["VpcId"]
        subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.2.5.0/24", AvailabilityZone="us-east-1b")[
            "Subnet"]["SubnetId"]
        group_id = ec2.create_security_group(GroupName="app", Description="a", VpcId=vpc_id)["GroupId"]
        instance = ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, SubnetId=subnet_id,
                                     SecurityGroupIds=[group_id])["Instances"][0]
        self.assertEqual((instance["VpcId"], instance["SubnetId"]), (vpc_id, subnet_id))
        self.assertEqual(instance["PrivateIpAddress"], "10.2.5.4")
        self.assertEqual(instance["Placement"]["AvailabilityZone"], "us-east-1b")
        self.assertEqual(instance["SecurityGroups"], [{"GroupId": group_id, "GroupName": "app"}])
        self.assert_error("InvalidSubnetID.NotFound", ec2.run_instances, ImageId=AMI, MinCount=1, MaxCount=1,
                          SubnetId="subnet-0123456789abcdef0")
        self.assert_error("InvalidGroup.NotFound", ec2.run_instances, ImageId=AMI, MinCount=1, MaxCount=1,
                          SecurityGroupIds=["sg-0123456789abcdef0"])
        self.assert_error("DependencyViolation", ec2.delete_subnet, SubnetId=subnet_id)
        self.assert_error("DependencyViolation", ec2.delete_security_group, GroupId=group_id)
        ec2.terminate_instances(InstanceIds=[instance["InstanceId"]])
        ec2.get_waiter("instance_terminated").wait(InstanceIds=[instance["InstanceId"]], WaiterConfig=FAST_WAITER)
        ec2.delete_security_group(GroupId=group_id)
        ec2.delete_subnet(SubnetId=subnet_id)

    def test_internet_gateways_route_tables_and_account_attributes(self):
        ec2 = self.client("400000000005")
        vpc_id = ec2.create_vpc(CidrBlock="10.3.0.0/16")["Vpc"]["VpcId"]
        subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.3.0.0/24")["Subnet"]["SubnetId"]
        igw = ec2.create_internet_gateway(TagSpecifications=[
            {"ResourceType": "internet-gateway", "Tags": [{"Key": "Name", "Value": "edge"}]}])["InternetGateway"]
        igw_id = igw["InternetGatewayId"]
        ec2.get_waiter("internet_gateway_exists").wait(InternetGatewayIds=[igw_id], WaiterConfig=FAST_WAITER)
        ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
        attached = ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc_id]}])
        self.assertEqual(attached["InternetGateways"][0]["Attachments"], [{"State": "available", "VpcId": vpc_id}])
        table_id = ec2.create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=table_id, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id)
        self.assert_error("RouteAlreadyExists", ec2.create_route, RouteTableId=table_id,
                          DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id)
        association = ec2.associate_route_table(RouteTableId=table_id, SubnetId=subnet_id)["AssociationId"]
        main = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]},
                                                  {"Name": "association.main", "Values": ["true"]}])["RouteTables"]
        self.assertEqual(main[0]["Routes"], [{"DestinationCidrBlock": "10.3.0.0/16", "GatewayId": "local",
                                              "Origin": "CreateRouteTable", "State": "active"}])
        tables = [t for p in ec2.get_paginator("describe_route_tables").paginate(PaginationConfig={"PageSize": 5})
                  for t in p["RouteTables"]]
        self.assertEqual(len(tables), 2)
        self.assert_error("DependencyViolation", ec2.delete_internet_gateway, InternetGatewayId=igw_id)
        self.assert_error("DependencyViolation", ec2.delete_vpc, VpcId=vpc_id)
        ec2.detach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
        routes = ec2.describe_route_tables(RouteTableIds=[table_id])["RouteTables"][0]["Routes"]
        self.assertEqual(routes[1]["State"], "blackhole")
        ec2.disassociate_route_table(AssociationId=association)
        ec2.delete_route_table(RouteTableId=table_id)
        ec2.delete_internet_gateway(InternetGatewayId=igw_id)
        ec2.delete_subnet(SubnetId=subnet_id)
        ec2.delete_vpc(VpcId=vpc_id)

        attributes = {a["AttributeName"]: [v["AttributeValue"] for v in a["AttributeValues"]]
                      for a in ec2.describe_account_attributes()["AccountAttributes"]}
        self.assertEqual(attributes["supported-platforms"], ["VPC"])
        self.assertEqual(attributes["default-vpc"], [ec2.describe_vpcs()["Vpcs"][0]["VpcId"]])
        self.assertEqual(attributes["vpc-max-elastic-ips"], ["5"])

    def test_aws_cli(self):
        clis = aws_clis()
        self.assertTrue(clis, "no AWS CLI found")
        for n, (cli, version) in enumerate(clis):
            with self.subTest(cli=version):
                env = self.server.cli_env(access_key=f"40000000010{n}")

                def run(*args):
                    out = subprocess.run([cli, "ec2", *args, "--endpoint-url", self.server.endpoint, "--output",
                                          "json"], capture_output=True, text=True, timeout=120, env=env)
                    self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
                    return json.loads(out.stdout) if out.stdout.strip() else {}

                vpc_id = run("create-vpc", "--cidr-block", "10.8.0.0/16")["Vpc"]["VpcId"]
                run("wait", "vpc-available", "--vpc-ids", vpc_id)
                subnet_id = run("create-subnet", "--vpc-id", vpc_id, "--cidr-block", "10.8.1.0/24")["Subnet"][
                    "SubnetId"]
                group_id = run("create-security-group", "--group-name", "cli", "--description", "from the CLI",
                               "--vpc-id", vpc_id)["GroupId"]
                run("authorize-security-group-ingress", "--group-id", group_id, "--protocol", "tcp", "--port", "22",
                    "--cidr", "203.0.113.0/24")
                group = run("describe-security-groups", "--group-ids", group_id)["SecurityGroups"][0]
                self.assertEqual(group["IpPermissions"][0]["IpRanges"], [{"CidrIp": "203.0.113.0/24"}])
                run("delete-security-group", "--group-id", group_id)
                run("delete-subnet", "--subnet-id", subnet_id)
                run("delete-vpc", "--vpc-id", vpc_id)


NETWORK_STACK = """
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.20.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true
      Tags: [{Key: Name, Value: stacked}]
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 2, 8]]
      AvailabilityZone: us-east-1b
      MapPublicIpOnLaunch: true
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Gateway
  Routes:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  DefaultRoute:
    Type: AWS::EC2::Route
    DependsOn: Attachment
    Properties:
      RouteTableId: !Ref Routes
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Gateway
  SubnetRoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Subnet
      RouteTableId: !Ref Routes
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web servers
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
      SecurityGroupEgress:
        - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.20.0.0/16}
  Ssh:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Web.GroupId
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 10.0.0.0/8
Outputs:
  VpcId: {Value: !Ref Vpc}
  DefaultGroup: {Value: !GetAtt Vpc.DefaultSecurityGroup}
  SubnetZone: {Value: !GetAtt Subnet.AvailabilityZone}
  SubnetId: {Value: !Ref Subnet}
  GroupId: {Value: !Ref Web}
  GroupVpc: {Value: !GetAtt Web.VpcId}
  RuleId: {Value: !Ref Ssh}
  RouteTable: {Value: !Ref Routes}
"""


class Ec2NetworkStackTest(Ec2AccountTestCase):
    def test_stack_creates_and_deletes_the_network(self):
        account = "400000000201"
        cf = self.server.client("cloudformation", access_key=account)
        ec2 = self.server.client("ec2", access_key=account, retries=NO_RETRIES)
        cf.create_stack(StackName="net", TemplateBody=NETWORK_STACK)
        cf.get_waiter("stack_create_complete").wait(StackName="net", WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        stack = cf.describe_stacks(StackName="net")["Stacks"][0]
        outputs = {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}
        vpc_id = outputs["VpcId"]
        self.assertTrue(vpc_id.startswith("vpc-"))
        self.assertEqual(outputs["GroupVpc"], vpc_id)
        self.assertEqual(outputs["SubnetZone"], "us-east-1b")
        self.assertTrue(outputs["RuleId"].startswith("sgr-"))
        vpc = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]
        self.assertEqual(vpc["Tags"], [{"Key": "Name", "Value": "stacked"}])
        hostnames = ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute="enableDnsHostnames")
        self.assertTrue(hostnames["EnableDnsHostnames"]["Value"])
        default_group = ec2.describe_security_groups(GroupIds=[outputs["DefaultGroup"]])["SecurityGroups"][0]
        self.assertEqual((default_group["GroupName"], default_group["VpcId"]), ("default", vpc_id))
        subnet = ec2.describe_subnets(SubnetIds=[outputs["SubnetId"]])["Subnets"][0]
        self.assertEqual(subnet["CidrBlock"], "10.20.0.0/24")
        self.assertTrue(subnet["MapPublicIpOnLaunch"])
        group = ec2.describe_security_groups(GroupIds=[outputs["GroupId"]])["SecurityGroups"][0]
        self.assertEqual(sorted(p["FromPort"] for p in group["IpPermissions"]), [22, 443])
        self.assertEqual([p["FromPort"] for p in group["IpPermissionsEgress"]], [5432])  # the default rule went
        table = ec2.describe_route_tables(RouteTableIds=[outputs["RouteTable"]])["RouteTables"][0]
        self.assertEqual([(r["DestinationCidrBlock"], r["State"]) for r in table["Routes"]],
                         [("10.20.0.0/16", "active"), ("0.0.0.0/0", "active")])
        self.assertEqual(table["Associations"][0]["SubnetId"], outputs["SubnetId"])

        cf.delete_stack(StackName="net")
        cf.get_waiter("stack_delete_complete").wait(StackName="net", WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        self.assertEqual([v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"]],
                         [v["VpcId"] for v in ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]])
        self.assertEqual(ec2.describe_internet_gateways()["InternetGateways"], [])
        self.assertEqual(ec2.describe_route_tables()["RouteTables"], [])


class Ec2NetworkDurableTest(unittest.TestCase):
    def test_network_survives_a_restart(self):
        data_dir = tempfile.mkdtemp(prefix="chokepoint-network-")
        try:
            server = Server(args=["--data-dir", data_dir]).start()
            ec2 = server.client("ec2")
            vpc_id = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
            subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.30.1.0/24")["Subnet"]["SubnetId"]
            group_id = ec2.create_security_group(GroupName="kept", Description="k", VpcId=vpc_id)["GroupId"]
            ec2.authorize_security_group_ingress(GroupId=group_id, IpProtocol="tcp", FromPort=80, ToPort=80,
                                                 CidrIp="0.0.0.0/0")
            igw_id = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
            ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
            before = (ec2.describe_vpcs()["Vpcs"], ec2.describe_subnets()["Subnets"],
                      ec2.describe_security_groups()["SecurityGroups"], ec2.describe_route_tables()["RouteTables"],
                      ec2.describe_internet_gateways()["InternetGateways"])
            self.assertEqual(server.stop(), 0)

            server = Server(args=["--data-dir", data_dir]).start()
            ec2 = server.client("ec2")
            after = (ec2.describe_vpcs()["Vpcs"], ec2.describe_subnets()["Subnets"],
                     ec2.describe_security_groups()["SecurityGroups"], ec2.describe_route_tables()["RouteTables"],
                     ec2.describe_internet_gateways()["InternetGateways"])
            self.assertEqual(after, before)
            self.assertIn(subnet_id, [s["SubnetId"] for s in after[1]])
            self.assertEqual(server.stop(), 0)
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)
