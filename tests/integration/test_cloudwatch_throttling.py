"""CloudWatch's own throttling: botocore (JSON with x-amzn-query-mode) reports code Throttling from the
x-amzn-query-error header and retries it in every mode; the AWS CLI v1 (JSON) and v2 (query form) both print it."""
import subprocess
import unittest

from botocore.exceptions import ClientError

from harness import ServerTestCase, aws_clis

BURST = 3


class CloudWatchThrottlingTest(ServerTestCase):
    # One token every 50 s: once drained, ListMetrics stays throttled for the length of a test.
    CONFIG = f"""
limits:
  - match: {{service: monitoring}}
    buckets: {{ListMetrics: {{rate: 0.02, burst: {BURST}}}}}
"""

    def setUp(self):
        self.reset()

    def drain(self):
        client = self.server.client("cloudwatch", retries={"total_max_attempts": 1})
        for _ in range(BURST):
            client.list_metrics()
        return client

    def test_the_throttling_error_on_the_wire(self):
        client = self.drain()
        with self.assertRaises(ClientError) as e:
            client.list_metrics()
        response = e.exception.response
        self.assertEqual(response["Error"]["Code"], "Throttling")
        self.assertEqual(response["Error"]["Message"], "Rate exceeded")
        self.assertEqual(response["Error"]["Type"], "Sender")
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertEqual(response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-query-error"], "Throttling;Sender")
        self.assertTrue(response["ResponseMetadata"]["RequestId"])
        # Other operations have their own buckets.
        client.describe_alarms()

    def test_botocore_retries_it_in_every_mode(self):
        for mode in ("legacy", "standard", "adaptive"):
            with self.subTest(mode=mode):
                self.reset()
                self.drain()
                client = self.server.client("cloudwatch", retries={"mode": mode, "total_max_attempts": 2})
                with self.assertRaises(ClientError) as e:
                    client.list_metrics()
                self.assertEqual(e.exception.response["Error"]["Code"], "Throttling")
                self.assertEqual(e.exception.response["ResponseMetadata"]["RetryAttempts"], 1)

    def test_aws_cli_v1_and_v2_report_it(self):
        clis = aws_clis()
        self.assertTrue(clis)
        for cli, version in clis:
            with self.subTest(cli=version):
                self.reset()
                self.drain()
                env = self.server.cli_env()
                env["AWS_MAX_ATTEMPTS"] = "2"
                out = subprocess.run([cli, "cloudwatch", "list-metrics", "--endpoint-url", self.server.endpoint],
                                     capture_output=True, text=True, timeout=120, env=env)
                self.assertNotEqual(out.returncode, 0)
                self.assertIn("An error occurred (Throttling)", out.stderr)
                self.assertIn("Rate exceeded", out.stderr)


if __name__ == "__main__":
    unittest.main()


class PublishedDefaultsTest(ServerTestCase):
    """The built-in defaults are AWS's published API rates (config/default.yaml cites each): read back from the
    bucket view after one call of each."""

    def setUp(self):
        self.reset()

    def bucket(self, service, name):
        _, levels = self.server.admin(f"/_chokepoint/buckets?service={service}")
        found = [b for b in levels["buckets"] if b["bucket"] == name]
        self.assertEqual(len(found), 1, levels)
        return found[0]["rate"], found[0]["burst"]

    def test_cloudwatch_rates_per_api(self):
        cloudwatch = self.server.client("cloudwatch")
        cloudwatch.describe_alarms()
        cloudwatch.put_metric_data(Namespace="App", MetricData=[{"MetricName": "m", "Value": 1}])
        cloudwatch.list_dashboards()
        self.assertEqual(self.bucket("monitoring", "DescribeAlarms"), (9, 9))
        self.assertEqual(self.bucket("monitoring", "PutMetricData"), (500, 500))
        self.assertEqual(self.bucket("monitoring", "ListDashboards"), (10, 10))

    def test_put_metric_alarm_is_throttled_past_three_a_second(self):
        cloudwatch = self.server.client("cloudwatch", retries={"total_max_attempts": 1})
        alarm = {"MetricName": "m", "Namespace": "App", "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1,
                 "Threshold": 1, "ComparisonOperator": "GreaterThanThreshold"}
        codes = []
        for i in range(6):
            try:
                cloudwatch.put_metric_alarm(AlarmName=f"a{i}", **alarm)
                codes.append("ok")
            except ClientError as e:
                codes.append(e.response["Error"]["Code"])
        # Three back to back, then at most one more token refilled while the loop ran.
        self.assertIn(codes.count("ok"), (3, 4), codes)
        self.assertEqual(set(codes) - {"ok"}, {"Throttling"}, codes)

    def test_sts_calls_share_one_600_a_second_bucket(self):
        sts = self.server.client("sts")
        sts.get_caller_identity()
        sts.get_session_token()
        _, levels = self.server.admin("/_chokepoint/buckets?service=sts")
        names = {b["bucket"] for b in levels["buckets"]}
        self.assertEqual(names, {"Requests"}, levels)
        self.assertEqual(self.bucket("sts", "Requests"), (600, 600))

    def test_service_quotas_rates(self):
        quotas = self.server.client("service-quotas")
        quotas.list_services()
        quotas.request_service_quota_increase(ServiceCode="ssm", QuotaCode="CP-ParameterReads", DesiredValue=100)
        self.assertEqual(self.bucket("servicequotas", "ListServices"), (10, 20))
        self.assertEqual(self.bucket("servicequotas", "RequestServiceQuotaIncrease"), (3, 6))
