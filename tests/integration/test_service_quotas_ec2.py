"""Service Quotas for EC2's Running On-Demand vCPU limits: the quotas under AWS's codes, VcpuLimitExceeded with
AWS's message once an account's running and pending instances hold its vCPU limit, and an approved increase that
lets the refused launch through. The clock is frozen (--clock manual) and moved with POST /_chokepoint/clock."""
import json
import subprocess

from botocore.exceptions import ClientError

from harness import ManualClockTestCase, aws_clis

ALICE, BOB = "111111111111", "222222222222"
STANDARD = "L-1216C47A"
AMI = "ami-0a1b2c3d4e5f60001"
NO_RETRIES = {"total_max_attempts": 1}
CONFIG = f"""
service_quotas:
  applied:
    - {{account: "{ALICE}", service: ec2, quota_code: {STANDARD}, value: 32}}
"""


def vcpu_message(limit):
    return (f"You have requested more vCPU capacity than your current vCPU limit of {limit} allows for the instance "
            "bucket that the specified instance type belongs to. Please visit "
            "http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.")


class Ec2VcpuQuotaTest(ManualClockTestCase):
    CONFIG = CONFIG

    def ec2(self, account=ALICE):
        return self.server.client("ec2", access_key=account, retries=NO_RETRIES)

    def launch(self, ec2, count=1, instance_type="m5.xlarge"):
        return ec2.run_instances(ImageId=AMI, InstanceType=instance_type, MinCount=count, MaxCount=count)

    def running_count(self, ec2):
        pages = ec2.get_paginator("describe_instances").paginate(
            Filters=[{"Name": "instance-state-name", "Values": ["pending", "running"]}])
        return sum(len(r["Instances"]) for page in pages for r in page["Reservations"])

    def test_lists_the_on_demand_quotas_under_aws_codes(self):
        sq = self.server.client("service-quotas", access_key=ALICE)
        pages = sq.get_paginator("list_service_quotas").paginate(ServiceCode="ec2")
        quotas = {q["QuotaCode"]: q for page in pages for q in page["Quotas"]}
        standard = quotas[STANDARD]
        self.assertEqual(standard["QuotaName"], "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances")
        self.assertEqual(standard["Value"], 32)
        self.assertTrue(standard["Adjustable"])
        self.assertNotIn("Period", standard)  # a count, not a rate
        self.assertEqual(quotas["L-DB2E81BA"]["QuotaName"], "Running On-Demand G and VT instances")
        self.assertEqual(quotas["L-DB2E81BA"]["Value"], 0)
        for code in ("L-6E869C2A", "L-74FC7D96", "L-F7808C92", "L-43DA4232", "L-1945791B", "L-417A185B",
                     "L-2C3B7624", "L-7295265B"):
            self.assertIn(code, quotas)
        default = sq.get_aws_default_service_quota(ServiceCode="ec2", QuotaCode=STANDARD)["Quota"]["Value"]
        self.assertEqual(default, 80000)
        bob = self.server.client("service-quotas", access_key=BOB)
        self.assertEqual(bob.get_service_quota(ServiceCode="ec2", QuotaCode=STANDARD)["Quota"]["Value"], 80000)

    def test_ninth_instance_is_refused_until_an_increase_is_approved(self):
        ec2 = self.ec2()
        # Two calls of four (RunInstances' request bucket admits 5 calls at once): 4 vCPUs each, 32 in all.
        self.launch(ec2, count=4)
        self.launch(ec2, count=4)
        with self.assertRaises(ClientError) as refused:
            self.launch(ec2)
        error = refused.exception.response["Error"]
        self.assertEqual(error["Code"], "VcpuLimitExceeded")
        self.assertEqual(error["Message"], vcpu_message(32))
        self.assertEqual(self.running_count(ec2), 8)  # nothing launched
        # MinCount beyond the room refuses the call; Bob's account has its own, default quota.
        self.assertEqual(len(self.launch(self.ec2(BOB), count=9)["Instances"]), 9)

        sq = self.server.client("service-quotas", access_key=ALICE)
        request = sq.request_service_quota_increase(ServiceCode="ec2", QuotaCode=STANDARD,
                                                    DesiredValue=40)["RequestedQuota"]
        self.assertEqual(request["QuotaName"], "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances")
        self.advance(1)
        with self.assertRaises(ClientError):  # CASE_OPENED is not approved yet
            self.launch(ec2)
        self.advance(5)
        done = sq.get_requested_service_quota_change(RequestId=request["Id"])["RequestedQuota"]
        self.assertEqual(done["Status"], "APPROVED")
        self.assertEqual(sq.get_service_quota(ServiceCode="ec2", QuotaCode=STANDARD)["Quota"]["Value"], 40)
        self.assertEqual(len(self.launch(ec2)["Instances"]), 1)
        # 36 of 40 in use: MinCount 1, MaxCount 3 launches the one that fits.
        out = ec2.run_instances(ImageId=AMI, InstanceType="m5.xlarge", MinCount=1, MaxCount=3)
        self.assertEqual(len(out["Instances"]), 1)
        with self.assertRaises(ClientError) as refused:
            self.launch(ec2)
        self.assertEqual(refused.exception.response["Error"]["Message"], vcpu_message(40))

    def test_start_instances_beyond_the_limit_starts_none(self):
        ec2 = self.ec2()
        stopped = [i["InstanceId"] for i in self.launch(ec2, count=4)["Instances"]]
        self.advance(3)
        ec2.stop_instances(InstanceIds=stopped)
        self.advance(3)
        self.launch(ec2, count=5)  # 20 of 32 vCPUs
        with self.assertRaises(ClientError) as refused:
            ec2.start_instances(InstanceIds=stopped)  # 16 more would make 36
        self.assertEqual(refused.exception.response["Error"]["Code"], "VcpuLimitExceeded")
        states = {i["InstanceId"]: i["State"]["Name"] for r in
                  ec2.describe_instances(InstanceIds=stopped)["Reservations"] for i in r["Instances"]}
        self.assertEqual(set(states.values()), {"stopped"})
        started = ec2.start_instances(InstanceIds=stopped[:3])["StartingInstances"]  # 12 more: 32
        self.assertEqual({s["CurrentState"]["Name"] for s in started}, {"pending"})

    def test_aws_cli_lists_the_ec2_quotas(self):
        clis = aws_clis()
        if not clis:
            self.skipTest("no AWS CLI on this machine")
        for path, version in clis:
            with self.subTest(cli=version):
                out = subprocess.run([path, "service-quotas", "--endpoint-url", self.server.endpoint, "--output",
                                      "json", "list-service-quotas", "--service-code", "ec2"],
                                     env=self.server.cli_env(access_key=ALICE), capture_output=True, text=True,
                                     timeout=120)
                self.assertEqual(out.returncode, 0, out.stderr)
                values = {q["QuotaCode"]: q["Value"] for q in json.loads(out.stdout)["Quotas"]}
                self.assertEqual(values[STANDARD], 32)
