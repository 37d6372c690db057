"""EC2 instances end to end with real clients: RunInstances, waiters, the describe_instances paginator with
filters, tags, stop/start/terminate, catalogs, errors as EC2 sends them, and the AWS CLI."""
import html
import http.client
import json
import re
import subprocess
import time
import unittest

from botocore.exceptions import ClientError, WaiterError

from harness import Server, ServerTestCase, aws_clis
from ec2_fast import AMI, CONFIG, FAST_WAITER, NO_RETRIES

ARM_AMI = "ami-0a1b2c3d4e5f60002"


def instance_ids(reservation):
    return [i["InstanceId"] for i in reservation["Instances"]]


def tagged(key, value):
    return [{"ResourceType": "instance", "Tags": [{"Key": key, "Value": value}]}]


class Ec2InstancesTest(ServerTestCase):
    CONFIG = CONFIG

    def client(self, account):
        """Each test its own account, so that tests share neither instances nor buckets."""
        return self.server.client("ec2", access_key=account, retries=NO_RETRIES)

    def test_run_instances_and_instance_running_waiter(self):
        ec2 = self.client("100000000001")
        ec2.create_key_pair(KeyName="deploy")
        reservation = ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", MinCount=5, MaxCount=5,
                                        KeyName="deploy", TagSpecifications=tagged("Name", "web"))
        ids = instance_ids(reservation)
        self.assertEqual(len(ids), 5)
        self.assertEqual(reservation["OwnerId"], "100000000001")
        self.assertTrue(all(i["State"] == {"Code": 0, "Name": "pending"} for i in reservation["Instances"]))
        self.assertEqual(sorted(i["AmiLaunchIndex"] for i in reservation["Instances"]), [0, 1, 2, 3, 4])
        self.assertTrue(reservation["Instances"][0]["ClientToken"])  # botocore fills it in

        ec2.get_waiter("instance_running").wait(InstanceIds=ids, WaiterConfig=FAST_WAITER)
        described = ec2.describe_instances(InstanceIds=ids)["Reservations"]
        self.assertEqual(len(described), 1)
        instances = described[0]["Instances"]
        self.assertEqual({i["State"]["Name"] for i in instances}, {"running"})
        first = instances[0]
        self.assertEqual(first["InstanceType"], "t3.micro")
        self.assertEqual(first["KeyName"], "deploy")
        self.assertEqual(first["Tags"], [{"Key": "Name", "Value": "web"}])
        self.assertEqual(first["Placement"]["AvailabilityZone"], "us-east-1a")
        self.assertTrue(first["PrivateIpAddress"].startswith("172.31."))
        self.assertTrue(first["PublicIpAddress"])
        self.assertEqual(first["NetworkInterfaces"][0]["PrivateIpAddress"], first["PrivateIpAddress"])
        self.assertEqual(first["BlockDeviceMappings"][0]["DeviceName"], "/dev/xvda")
        self.assertEqual(first["SecurityGroups"][0]["GroupName"], "default")
        self.assertGreaterEqual(first["LaunchTime"].year, 2020)

        status = ec2.describe_instance_status(InstanceIds=ids)["InstanceStatuses"]
        self.assertEqual({s["InstanceStatus"]["Status"] for s in status}, {"ok"})
        ec2.get_waiter("instance_status_ok").wait(InstanceIds=ids, WaiterConfig=FAST_WAITER)

    def test_describe_instances_paginator_with_filters(self):
        ec2 = self.client("100000000002")
        team_a = []
        for _ in range(3):
            team_a += instance_ids(ec2.run_instances(ImageId=AMI, MinCount=4, MaxCount=4,
                                                     TagSpecifications=tagged("team", "a")))
        team_b = instance_ids(ec2.run_instances(ImageId=AMI, MinCount=3, MaxCount=3,
                                                TagSpecifications=tagged("team", "b")))
        paginator = ec2.get_paginator("describe_instances")
        pages = list(paginator.paginate(Filters=[{"Name": "tag:team", "Values": ["a"]},
                                                 {"Name": "instance-state-name", "Values": ["pending", "running"]}],
                                        PaginationConfig={"PageSize": 5}))
        self.assertEqual(len(pages), 3)
        seen = [i["InstanceId"] for page in pages for r in page["Reservations"] for i in r["Instances"]]
        self.assertEqual(seen, team_a)
        self.assertIn("NextToken", pages[0])
        self.assertNotIn("NextToken", pages[-1])

        found = paginator.paginate(Filters=[{"Name": "tag-value", "Values": ["?"]},
                                            {"Name": "instance-id", "Values": team_b[:2]}]).build_full_result()
        self.assertEqual([i["InstanceId"] for r in found["Reservations"] for i in r["Instances"]], team_b[:2])
        with self.assertRaises(ClientError) as e:
            ec2.describe_instances(InstanceIds=team_b, MaxResults=5)
        self.assertEqual(e.exception.response["Error"]["Code"], "InvalidParameterCombination")
        with self.assertRaises(ClientError) as e:
            ec2.describe_instances(Filters=[{"Name": "flavour", "Values": ["x"]}])
        self.assertEqual(e.exception.response["Error"]["Code"], "InvalidParameterValue")

    def test_tagging(self):
        ec2 = self.client("100000000003")
        ids = instance_ids(ec2.run_instances(ImageId=AMI, MinCount=2, MaxCount=2))
        ec2.create_tags(Resources=ids, Tags=[{"Key": "env", "Value": "prod"}, {"Key": "owner", "Value": "ops"}])
        tags = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [ids[0]]}])["Tags"]
        self.assertEqual({(t["Key"], t["Value"], t["ResourceType"]) for t in tags},
                         {("env", "prod", "instance"), ("owner", "ops", "instance")})
        ec2.delete_tags(Resources=[ids[0]], Tags=[{"Key": "owner"}])
        found = ec2.describe_instances(Filters=[{"Name": "tag-key", "Values": ["owner"]}])["Reservations"]
        self.assertEqual([i["InstanceId"] for r in found for i in r["Instances"]], [ids[1]])

        # The resource interface goes through the same calls.
        instance = self.server.resource("ec2", access_key="100000000003").Instance(ids[1])
        instance.create_tags(Tags=[{"Key": "Name", "Value": "second"}])
        instance.reload()
        self.assertIn({"Key": "Name", "Value": "second"}, instance.tags)

        pages = ec2.get_paginator("describe_tags").paginate(PaginationConfig={"PageSize": 5})
        self.assertEqual(sum(len(p["Tags"]) for p in pages), 4)
        with self.assertRaises(ClientError) as e:
            ec2.create_tags(Resources=[ids[0]], Tags=[{"Key": "aws:reserved", "Value": "x"}])
        self.assertEqual(e.exception.response["Error"]["Code"], "InvalidParameterValue")

    def test_stop_start_terminate_and_instance_terminated_waiter(self):
        ec2 = self.client("100000000004")
        ids = instance_ids(ec2.run_instances(ImageId=ARM_AMI, InstanceType="t4g.micro", MinCount=2, MaxCount=2))
        ec2.get_waiter("instance_running").wait(InstanceIds=ids, WaiterConfig=FAST_WAITER)

        stopping = ec2.stop_instances(InstanceIds=ids)["StoppingInstances"]
        self.assertEqual({(s["PreviousState"]["Name"], s["CurrentState"]["Name"]) for s in stopping},
                         {("running", "stopping")})
        ec2.get_waiter("instance_stopped").wait(InstanceIds=ids, WaiterConfig=FAST_WAITER)
        stopped = ec2.describe_instances(InstanceIds=ids)["Reservations"][0]["Instances"][0]
        self.assertEqual(stopped["StateReason"]["Code"], "Client.UserInitiatedShutdown")
        self.assertNotIn("PublicIpAddress", stopped)

        starting = ec2.start_instances(InstanceIds=[ids[0]])["StartingInstances"]
        self.assertEqual(starting[0]["CurrentState"]["Name"], "pending")
        ec2.get_waiter("instance_running").wait(InstanceIds=[ids[0]], WaiterConfig=FAST_WAITER)
        ec2.reboot_instances(InstanceIds=[ids[0]])

        terminating = ec2.terminate_instances(InstanceIds=ids)["TerminatingInstances"]
        self.assertEqual({t["CurrentState"]["Name"] for t in terminating}, {"shutting-down"})
        ec2.get_waiter("instance_terminated").wait(InstanceIds=ids, WaiterConfig=FAST_WAITER)
        with self.assertRaises(ClientError) as e:
            ec2.start_instances(InstanceIds=ids)
        self.assertEqual(e.exception.response["Error"]["Code"], "IncorrectInstanceState")
        # instance_running gives up at once on a terminated instance (a failure acceptor, not a timeout).
        with self.assertRaises(WaiterError) as w:
            ec2.get_waiter("instance_running").wait(InstanceIds=ids, WaiterConfig=FAST_WAITER)
        self.assertIn("terminal failure state", str(w.exception))

    def test_errors_as_ec2_sends_them(self):
        ec2 = self.client("100000000005")
        cases = [
            (lambda: ec2.describe_instances(InstanceIds=["i-123"]), "InvalidInstanceID.Malformed", 400),
            (lambda: ec2.terminate_instances(InstanceIds=["i-0123456789abcdef0"]), "InvalidInstanceID.NotFound", 400),
            (lambda: ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, InstanceType="t4g.micro"),
             "InvalidParameterValue", 400),
            (lambda: ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, DryRun=True), "DryRunOperation", 412),
            (lambda: ec2.describe_images(ImageIds=["ami-12345678"]), "InvalidAMIID.NotFound", 400),
            (lambda: ec2.describe_instance_types(InstanceTypes=["q9.nano"]), "InvalidInstanceType", 400),
        ]
        for call, code, status in cases:
            with self.subTest(code=code):
                with self.assertRaises(ClientError) as e:
                    call()
                self.assertEqual(e.exception.response["Error"]["Code"], code)
                self.assertEqual(e.exception.response["ResponseMetadata"]["HTTPStatusCode"], status)
                self.assertTrue(e.exception.response["ResponseMetadata"]["RequestId"])
        self.assertEqual(ec2.describe_instances()["Reservations"], [])

        # The raw envelope: <Response><Errors><Error>...</Error></Errors><RequestID>.
        conn = http.client.HTTPConnection(self.server.endpoint.split("//")[1], timeout=10)
        conn.request("POST", "/", body="Action=StopInstances&Version=2016-11-15&InstanceId.1=i-1",
                     headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        response = conn.getresponse()
        text = response.read().decode()
        conn.close()
        self.assertEqual(response.status, 400)
        self.assertIn("<Response><Errors><Error><Code>InvalidInstanceID.Malformed</Code>", text)
        self.assertIn("<RequestID>" + response.getheader("x-amzn-RequestId") + "</RequestID></Response>", text)

    def test_catalogs(self):
        ec2 = self.client("100000000006")
        images = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "architecture", "Values": ["arm64"]}])
        self.assertEqual([i["ImageId"] for i in images["Images"]], [ARM_AMI])
        self.assertEqual(images["Images"][0]["State"], "available")
        types = ec2.get_paginator("describe_instance_types").paginate(
            Filters=[{"Name": "burstable-performance-supported", "Values": ["true"]}],
            PaginationConfig={"PageSize": 5}).build_full_result()["InstanceTypes"]
        self.assertIn("t3.micro", [t["InstanceType"] for t in types])
        self.assertTrue(all(t["BurstablePerformanceSupported"] for t in types))
        zones = ec2.describe_availability_zones()["AvailabilityZones"]
        placed = ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1,
                                   Placement={"AvailabilityZone": zones[-1]["ZoneName"]})["Instances"][0]
        self.assertEqual(placed["Placement"]["AvailabilityZone"], zones[-1]["ZoneName"])
        self.assertEqual(placed["Placement"]["AvailabilityZoneId"], zones[-1]["ZoneId"])

    def test_every_documented_filter_name_is_accepted(self):
        """The filter names botocore's model documents for each Describe action are all known to the server."""
        ec2 = self.client("100000000008")
        ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1)
        for operation, call in [("DescribeInstances", ec2.describe_instances),
                                ("DescribeInstanceStatus", ec2.describe_instance_status),
                                ("DescribeImages", ec2.describe_images),
                                ("DescribeInstanceTypes", ec2.describe_instance_types),
                                ("DescribeTags", ec2.describe_tags)]:
            model = ec2.meta.service_model.operation_model(operation).input_shape.members["Filters"]
            names = [html.unescape(n) for n in re.findall(r"<li> <p> <code>([^<]+)</code>", model.documentation)]
            names = ["tag:Name" if n in ("tag:<key>", "tag") else n for n in names]
            self.assertGreater(len(names), 4, operation)
            for start in range(0, len(names), 50):
                with self.subTest(operation=operation, first=names[start]):
                    call(Filters=[{"Name": n, "Values": ["*"]} for n in names[start:start + 50]])

    def test_aws_cli_describe_instances_with_filters_and_query(self):
        clis = aws_clis()
        self.assertTrue(clis, "no AWS CLI found")
        account = "100000000007"
        ec2 = self.client(account)
        launched = instance_ids(ec2.run_instances(ImageId=AMI, MinCount=3, MaxCount=3))
        ec2.get_waiter("instance_running").wait(InstanceIds=launched, WaiterConfig=FAST_WAITER)
        other = instance_ids(ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1))
        ec2.get_waiter("instance_running").wait(InstanceIds=other, WaiterConfig=FAST_WAITER)
        ec2.stop_instances(InstanceIds=other)
        ec2.get_waiter("instance_stopped").wait(InstanceIds=other, WaiterConfig=FAST_WAITER)  # filtered out
        for cli, version in clis:
            with self.subTest(cli=version):
                out = subprocess.run(
                    [cli, "ec2", "describe-instances", "--endpoint-url", self.server.endpoint,
                     "--filters", "Name=instance-state-name,Values=running",
                     "--query", "Reservations[].Instances[].InstanceId", "--output", "json"],
                    capture_output=True, text=True, timeout=120, env=self.server.cli_env(account))
                self.assertEqual(out.returncode, 0, out.stderr)
                self.assertEqual(sorted(json.loads(out.stdout)), sorted(launched))
                out = subprocess.run(
                    [cli, "ec2", "describe-instances", "--endpoint-url", self.server.endpoint,
                     "--instance-ids", launched[0], "--query", "Reservations[0].Instances[0].State.Name",
                     "--output", "text"], capture_output=True, text=True, timeout=120,
                    env=self.server.cli_env(account))
                self.assertEqual(out.stdout.strip(), "running", out.stderr)


class Ec2DefaultNetworkTest(ServerTestCase):
    """The default VPC, subnets and security group, through boto3's calls, paginators and the AWS CLI."""

    def test_the_default_network_is_described(self):
        ec2 = self.server.client("ec2", access_key="100000000041", retries=NO_RETRIES)
        vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]
        subnets = [s for page in ec2.get_paginator("describe_subnets").paginate(
            Filters=[{"Name": "vpc-id", "Values": [vpc["VpcId"]]}], PaginationConfig={"PageSize": 5})
            for s in page["Subnets"]]
        self.assertEqual(len(subnets), 6)
        self.assertTrue(all(s["DefaultForAz"] and s["VpcId"] == vpc["VpcId"] for s in subnets))
        group = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"][0]
        self.assertEqual(group["VpcId"], vpc["VpcId"])
        self.assertEqual(group["IpPermissions"][0]["UserIdGroupPairs"][0]["GroupId"], group["GroupId"])
        # What RunInstances puts an instance in is what these calls describe.
        instance = ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, SubnetId=subnets[2]["SubnetId"],
                                     SecurityGroupIds=[group["GroupId"]])["Instances"][0]
        self.assertEqual(instance["Placement"]["AvailabilityZone"], subnets[2]["AvailabilityZone"])
        self.assertEqual(instance["VpcId"], vpc["VpcId"])
        with self.assertRaises(ClientError) as e:
            ec2.describe_vpcs(VpcIds=["vpc-0123456789abcdef0"])
        self.assertEqual(e.exception.response["Error"]["Code"], "InvalidVpcID.NotFound")
        for cli, version in aws_clis():
            with self.subTest(cli=version):
                out = subprocess.run([cli, "--endpoint-url", self.server.endpoint, "ec2", "describe-subnets",
                                      "--filters", "Name=availability-zone,Values=us-east-1a", "--output", "json"],
                                     capture_output=True, text=True, timeout=60,
                                     env=self.server.cli_env(access_key="100000000041"))
                self.assertEqual(out.returncode, 0, out.stderr)
                self.assertEqual([s["SubnetId"] for s in json.loads(out.stdout)["Subnets"]],
                                 [subnets[0]["SubnetId"]])


class Ec2ImagesOutsideTheCatalogTest(unittest.TestCase):
    """Test code written for other emulators passes AMI ids of its own: launched by default, refused when strict."""

    def test_any_well_formed_ami_launches_unless_strict(self):
        with Server() as server:
            ec2 = server.client("ec2", retries=NO_RETRIES)
            instance = ec2.run_instances(ImageId="ami-12345678", MinCount=1, MaxCount=1,
                                         InstanceType="t3.micro")["Instances"][0]
            self.assertEqual(instance["ImageId"], "ami-12345678")
            self.assertEqual(instance["Architecture"], "x86_64")
            with self.assertRaises(ClientError) as e:
                ec2.run_instances(ImageId="ami-12", MinCount=1, MaxCount=1)
            self.assertEqual(e.exception.response["Error"]["Code"], "InvalidAMIID.Malformed")
        with Server("ec2: {strict_images: true}\n") as server:
            ec2 = server.client("ec2", retries=NO_RETRIES)
            with self.assertRaises(ClientError) as e:
                ec2.run_instances(ImageId="ami-12345678", MinCount=1, MaxCount=1)
            self.assertEqual(e.exception.response["Error"]["Code"], "InvalidAMIID.NotFound")
            self.assertEqual(e.exception.response["Error"]["Message"], "The image id '[ami-12345678]' does not exist")


if __name__ == "__main__":
    unittest.main()
