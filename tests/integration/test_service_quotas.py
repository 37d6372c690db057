"""Service Quotas: the rate buckets Chokepoint enforces, listed as quotas by boto3 and the AWS CLI, and an increase
request that moves PENDING -> CASE_OPENED -> APPROVED on the emulated clock, after which the requesting account's
GetParameter burst admits the new rate while other accounts and regions keep the default. The clock is frozen
(--clock manual) and moved with POST /_chokepoint/clock, so no test waits in real time."""
import json
import subprocess
import tempfile
import unittest
import urllib.error
import urllib.request

from botocore.exceptions import ClientError

from harness import ManualClockTestCase, Server, aws_clis

ALICE, BOB = "111111111111", "222222222222"
READS = "CP-ParameterReads"
NO_RETRIES = {"total_max_attempts": 1}
CONFIG = "ssm:\n  parameters:\n" + "".join(
    f"    - {{name: /sq/flag, value: on, account: \"{account}\", region: {region}}}\n"
    for account, region in [(ALICE, "us-east-1"), (BOB, "us-east-1"), (ALICE, "eu-west-1")])


def error_code(call):
    try:
        call()
        return None
    except ClientError as e:
        return e.response["Error"]["Code"]


class ServiceQuotasTest(ManualClockTestCase):
    CONFIG = CONFIG

    def quotas(self, account=ALICE, region="us-east-1"):
        return self.server.client("service-quotas", access_key=account, region=region)

    def burst(self, account, region="us-east-1", attempts=150):
        """GetParameter calls admitted back to back, with the clock frozen and no retries."""
        ssm = self.server.client("ssm", access_key=account, region=region, retries=NO_RETRIES)
        admitted = 0
        for _ in range(attempts):
            code = error_code(lambda: ssm.get_parameter(Name="/sq/flag"))
            if code is None:
                admitted += 1
            else:
                self.assertEqual(code, "ThrottlingException")
        return admitted

    def test_lists_services_and_the_parameter_store_quota(self):
        sq = self.quotas()
        codes = [s["ServiceCode"] for s in sq.list_services()["Services"]]
        for code in ("cloudformation", "dynamodb", "ec2", "monitoring", "servicequotas", "ssm", "sts"):
            self.assertIn(code, codes)
        quotas = {q["QuotaCode"]: q for q in sq.list_service_quotas(ServiceCode="ssm")["Quotas"]}
        reads = quotas[READS]
        self.assertEqual(reads["Value"], 40)
        self.assertEqual(reads["Unit"], "None")
        self.assertTrue(reads["Adjustable"])
        self.assertIn("GetParameter, GetParameters and GetParametersByPath", reads["QuotaName"])
        self.assertEqual(reads["QuotaArn"], f"arn:aws:servicequotas:us-east-1:{ALICE}:ssm/{READS}")
        # Unlimited groups (DynamoDB's data plane) are not quotas; the control plane's are.
        dynamodb = [q["QuotaCode"] for q in sq.list_service_quotas(ServiceCode="dynamodb")["Quotas"]]
        self.assertNotIn("CP-DataPlane", dynamodb)
        self.assertIn("CP-DescribeLimits", dynamodb)

    def test_paginates_with_the_boto3_paginator(self):
        sq = self.quotas()
        pages = list(sq.get_paginator("list_service_quotas").paginate(ServiceCode="ec2",
                                                                        PaginationConfig={"PageSize": 5}))
        self.assertGreater(len(pages), 1)
        codes = [q["QuotaCode"] for page in pages for q in page["Quotas"]]
        whole = [q["QuotaCode"] for q in sq.list_service_quotas(ServiceCode="ec2")["Quotas"]]
        self.assertEqual(codes, whole)
        self.assertEqual(error_code(lambda: sq.list_service_quotas(ServiceCode="ec2", NextToken="bm9wZQ==")),
                         "InvalidPaginationTokenException")

    def test_approved_increase_raises_only_that_account_and_region(self):
        self.assertEqual(self.burst(ALICE), 40)
        sq = self.quotas()
        opened = sq.request_service_quota_increase(ServiceCode="ssm", QuotaCode=READS, DesiredValue=100)
        request = opened["RequestedQuota"]
        self.assertEqual(request["Status"], "PENDING")
        self.assertEqual(request["DesiredValue"], 100)
        self.advance(1)
        step = sq.get_requested_service_quota_change(RequestId=request["Id"])["RequestedQuota"]
        self.assertEqual(step["Status"], "CASE_OPENED")
        self.assertIn("CaseId", step)
        self.advance(5)
        done = sq.get_requested_service_quota_change(RequestId=request["Id"])["RequestedQuota"]
        self.assertEqual(done["Status"], "APPROVED")
        self.assertGreater(done["LastUpdated"], done["Created"])
        self.assertEqual(sq.get_service_quota(ServiceCode="ssm", QuotaCode=READS)["Quota"]["Value"], 100)
        self.assertEqual(sq.get_aws_default_service_quota(ServiceCode="ssm", QuotaCode=READS)["Quota"]["Value"], 40)
        # The approval resized the bucket at once (full at 40 before, full at 100 now): the first burst already
        # admits 100; from then on each second refills 100.
        self.assertEqual(self.burst(ALICE), 100)
        self.advance(1)
        self.assertEqual(self.burst(ALICE), 100)
        self.assertEqual(self.burst(BOB), 40)
        self.assertEqual(self.burst(ALICE, region="eu-west-1"), 40)
        self.assertEqual(self.quotas(BOB).get_service_quota(ServiceCode="ssm", QuotaCode=READS)["Quota"]["Value"], 40)
        history = sq.list_requested_service_quota_change_history(ServiceCode="ssm")["RequestedQuotas"]
        self.assertEqual([r["Id"] for r in history], [request["Id"]])
        by_quota = sq.list_requested_service_quota_change_history_by_quota(ServiceCode="ssm", QuotaCode=READS)
        self.assertEqual(by_quota["RequestedQuotas"][0]["Status"], "APPROVED")

    def test_reset_forgets_requests_and_applied_values(self):
        sq = self.quotas()
        sq.request_service_quota_increase(ServiceCode="ssm", QuotaCode=READS, DesiredValue=100)
        self.advance(6)
        self.assertEqual(sq.get_service_quota(ServiceCode="ssm", QuotaCode=READS)["Quota"]["Value"], 100)
        self.reset()
        self.assertEqual(sq.get_service_quota(ServiceCode="ssm", QuotaCode=READS)["Quota"]["Value"], 40)
        self.assertEqual(sq.list_requested_service_quota_change_history()["RequestedQuotas"], [])

    def test_refusals(self):
        sq = self.quotas()
        self.assertEqual(error_code(lambda: sq.get_service_quota(ServiceCode="ssm", QuotaCode="L-12345678")),
                         "NoSuchResourceException")
        self.assertEqual(error_code(lambda: sq.list_service_quotas(ServiceCode="nosuchservice")),
                         "NoSuchResourceException")
        self.assertEqual(error_code(lambda: sq.get_requested_service_quota_change(RequestId="abc123")),
                         "NoSuchResourceException")
        self.assertEqual(
            error_code(lambda: sq.request_service_quota_increase(ServiceCode="ssm", QuotaCode=READS, DesiredValue=40)),
            "IllegalArgumentException")
        sq.request_service_quota_increase(ServiceCode="ssm", QuotaCode=READS, DesiredValue=80)
        self.assertEqual(
            error_code(lambda: sq.request_service_quota_increase(ServiceCode="ssm", QuotaCode=READS, DesiredValue=90)),
            "ResourceAlreadyExistsException")
        # Input that botocore would refuse before sending gets the model's validation errors, and changes nothing.
        self.assertEqual(self.raw("ListServices", {"MaxResults": 0})[0], "ValidationException")
        code, message = self.raw("RequestServiceQuotaIncrease", {"ServiceCode": "ssm", "QuotaCode": READS})
        self.assertEqual(code, "ValidationException")
        self.assertIn("desiredValue", message)
        self.assertEqual(self.raw("GetServiceQuota", {"ServiceCode": "s s", "QuotaCode": READS})[0],
                         "ValidationException")
        self.assertEqual(len(sq.list_requested_service_quota_change_history()["RequestedQuotas"]), 1)

    def raw(self, operation, body):
        """An unsigned JSON 1.1 call (the default account); returns the error's (__type, Message)."""
        request = urllib.request.Request(self.server.endpoint + "/", data=json.dumps(body).encode(), method="POST",
                                         headers={"X-Amz-Target": "ServiceQuotasV20190624." + operation,
                                                  "Content-Type": "application/x-amz-json-1.1"})
        try:
            with urllib.request.urlopen(request, timeout=10):
                return None, None
        except urllib.error.HTTPError as e:
            self.assertEqual(e.code, 400)
            error = json.loads(e.read())
            return error["__type"], error.get("Message")

    def test_a_request_above_the_ceiling_is_denied(self):
        sq = self.quotas()
        request = sq.request_service_quota_increase(ServiceCode="ssm", QuotaCode=READS, DesiredValue=401)
        self.advance(6)
        done = sq.get_requested_service_quota_change(RequestId=request["RequestedQuota"]["Id"])["RequestedQuota"]
        self.assertEqual(done["Status"], "DENIED")
        self.assertEqual(sq.get_service_quota(ServiceCode="ssm", QuotaCode=READS)["Quota"]["Value"], 40)
        denied = sq.list_requested_service_quota_change_history(Status="DENIED")["RequestedQuotas"]
        self.assertEqual(len(denied), 1)

    def test_utilization_report_names_the_throttled_quota(self):
        self.assertEqual(self.burst(ALICE, attempts=60), 40)
        sq = self.quotas()
        started = sq.start_quota_utilization_report()
        self.assertEqual(started["Status"], "PENDING")
        self.advance(1)  # the frozen clock runs the report's completion when moved
        report = sq.get_quota_utilization_report(ReportId=started["ReportId"])
        self.assertEqual(report["Status"], "COMPLETED")
        top = report["Quotas"][0]
        self.assertEqual((top["ServiceCode"], top["QuotaCode"]), ("ssm", READS))
        self.assertEqual(top["Utilization"], 100)
        self.assertEqual(report["TotalCount"], len(report["Quotas"]))
        # Another account's report starts from its own, unused buckets.
        other = self.quotas(BOB)
        report_id = other.start_quota_utilization_report()["ReportId"]
        self.advance(1)
        report = other.get_quota_utilization_report(ReportId=report_id)
        self.assertNotEqual(report["Quotas"][0]["QuotaCode"], READS)

    def test_tags_on_an_applied_quota(self):
        sq = self.quotas()
        arn = sq.get_service_quota(ServiceCode="ssm", QuotaCode=READS)["Quota"]["QuotaArn"]
        sq.tag_resource(ResourceARN=arn, Tags=[{"Key": "team", "Value": "payments"}])
        self.assertEqual(sq.list_tags_for_resource(ResourceARN=arn)["Tags"], [{"Key": "team", "Value": "payments"}])
        sq.untag_resource(ResourceARN=arn, TagKeys=["team"])
        self.assertEqual(sq.list_tags_for_resource(ResourceARN=arn)["Tags"], [])
        other = arn.replace(ALICE, BOB)
        self.assertEqual(error_code(lambda: sq.list_tags_for_resource(ResourceARN=other)), "NoSuchResourceException")

    def test_templates_need_an_organization_and_a_case_can_be_opened_later(self):
        sq = self.quotas()
        self.assertEqual(error_code(sq.associate_service_quota_template), "NoAvailableOrganizationException")
        self.assertEqual(error_code(lambda: sq.put_service_quota_increase_request_into_template(
            ServiceCode="ssm", QuotaCode=READS, AwsRegion="us-east-1", DesiredValue=100)),
            "NoAvailableOrganizationException")
        request = sq.request_service_quota_increase(ServiceCode="ssm", QuotaCode=READS, DesiredValue=100,
                                                    SupportCaseAllowed=False)["RequestedQuota"]
        sq.create_support_case(RequestId=request["Id"])
        self.assertEqual(sq.get_requested_service_quota_change(RequestId=request["Id"])["RequestedQuota"]["Status"],
                         "CASE_OPENED")

    def test_aws_cli_lists_and_requests(self):
        clis = aws_clis()
        if not clis:
            self.skipTest("no AWS CLI on this machine")
        for path, version in clis:
            with self.subTest(cli=version):
                self.reset()
                base = [path, "service-quotas", "--endpoint-url", self.server.endpoint, "--output", "json"]
                env = self.server.cli_env(access_key=ALICE)
                out = subprocess.run(base + ["list-service-quotas", "--service-code", "ssm"], env=env,
                                     capture_output=True, text=True, timeout=120)
                self.assertEqual(out.returncode, 0, out.stderr)
                values = {q["QuotaCode"]: q["Value"] for q in json.loads(out.stdout)["Quotas"]}
                self.assertEqual(values[READS], 40)
                out = subprocess.run(base + ["request-service-quota-increase", "--service-code", "ssm",
                                             "--quota-code", READS, "--desired-value", "100"],
                                     env=env, capture_output=True, text=True, timeout=120)
                self.assertEqual(out.returncode, 0, out.stderr)
                self.advance(6)
                out = subprocess.run(base + ["get-service-quota", "--service-code", "ssm", "--quota-code", READS],
                                     env=env, capture_output=True, text=True, timeout=120)
                self.assertEqual(out.returncode, 0, out.stderr)
                self.assertEqual(json.loads(out.stdout)["Quota"]["Value"], 100)


def parameters_template(prefix, count):
    lines = ["Resources:"]
    for i in range(count):
        lines += [f"  P{i}:", "    Type: AWS::SSM::Parameter", "    Properties:", f"      Name: {prefix}{i}",
                  "      Type: String", f"      Value: value-{i}"]
    return "\n".join(lines) + "\n"


class CloudFormationQuotaTest(ManualClockTestCase):
    """The CloudFormation scenario's last step: a stack of 60 parameters created at once exceeds the account's
    PutParameter rate and rolls back; after the PutParameter quota is raised the same stack completes."""

    CONFIG = """
limits:
  - match: {service: ssm}
    buckets:
      DeleteParameter: {rate: 100, burst: 100}
cloudformation:
  downstream_throttling: {retries: 3, base_delay_ms: 100, max_delay_ms: 400}
"""

    def stack_status(self, cf, name):
        self.advance(60)  # provisioning, retries and rollback all run on the emulated clock
        return cf.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]

    def test_raised_put_parameter_quota_lets_the_stack_complete(self):
        cf = self.server.client("cloudformation")
        sq = self.server.client("service-quotas")
        quota = sq.get_service_quota(ServiceCode="ssm", QuotaCode="CP-PutParameter")["Quota"]
        self.assertEqual(quota["QuotaName"], "Rate of PutParameter requests")
        self.assertEqual(quota["Value"], 3)
        cf.create_stack(StackName="before", TemplateBody=parameters_template("/cfq/before/", 60))
        self.assertEqual(self.stack_status(cf, "before"), "ROLLBACK_COMPLETE")

        request = sq.request_service_quota_increase(ServiceCode="ssm", QuotaCode="CP-PutParameter", DesiredValue=30)
        self.advance(6)
        request_id = request["RequestedQuota"]["Id"]
        self.assertEqual(sq.get_requested_service_quota_change(RequestId=request_id)["RequestedQuota"]["Status"],
                         "APPROVED")
        # The raised size is in force from approval; a few seconds refill what the first stack drained.
        self.server.client("ssm").put_parameter(Name="/cfq/marker", Value="on", Type="String")
        self.advance(5)
        cf.create_stack(StackName="after", TemplateBody=parameters_template("/cfq/after/", 60))
        self.assertEqual(self.stack_status(cf, "after"), "CREATE_COMPLETE")


class DurableServiceQuotasTest(unittest.TestCase):
    """With --data-dir, requests survive a restart and approved values size buckets again."""

    def test_requests_survive_a_restart(self):
        with tempfile.TemporaryDirectory() as data_dir:
            args = ["--clock", "manual", "--data-dir", data_dir]
            with Server(CONFIG, args) as server:
                sq = server.client("service-quotas", access_key=ALICE)
                request_id = sq.request_service_quota_increase(ServiceCode="ssm", QuotaCode=READS,
                                                               DesiredValue=100)["RequestedQuota"]["Id"]
                status, body = server.admin("/_chokepoint/clock", "POST", {"advance": 6})
                self.assertEqual(status, 200, body)
                open_id = sq.request_service_quota_increase(ServiceCode="sts", QuotaCode="CP-default",
                                                            DesiredValue=70)["RequestedQuota"]["Id"]
            with Server(CONFIG, args) as server:
                sq = server.client("service-quotas", access_key=ALICE)
                done = sq.get_requested_service_quota_change(RequestId=request_id)["RequestedQuota"]
                self.assertEqual(done["Status"], "APPROVED")
                self.assertEqual(sq.get_service_quota(ServiceCode="ssm", QuotaCode=READS)["Quota"]["Value"], 100)
                # The open request is decided 5 s after it was opened (at the first server's +6 s); the restarted
                # clock starts from the wall clock again, a few seconds after the first one did.
                self.assertEqual(sq.get_requested_service_quota_change(RequestId=open_id)["RequestedQuota"]["Status"],
                                 "CASE_OPENED")
                status, body = server.admin("/_chokepoint/clock", "POST", {"advance": 12})
                self.assertEqual(status, 200, body)
                later = sq.get_requested_service_quota_change(RequestId=open_id)["RequestedQuota"]
                self.assertEqual(later["Status"], "APPROVED")


if __name__ == "__main__":
    unittest.main()
