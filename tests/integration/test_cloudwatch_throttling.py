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
