"""Each service's throttling error reaches real clients in the exact wire shape AWS uses, so botocore and the
AWS CLI classify it as throttling and retry; buckets are per account and per region."""
import subprocess
import unittest

from botocore.exceptions import ClientError

from harness import ServerTestCase, aws_clis
from throttle_cases import CASES, CLI_COMMANDS, limits_yaml, served

BURST = 3


class ThrottleWireTest(ServerTestCase):
    # A slow refill: once drained, a bucket stays drained for the length of a test.
    CONFIG = limits_yaml(rate=0.02, burst=BURST)

    def setUp(self):
        self.reset()
        self.services = served(self.server)

    def cases(self):
        for service, case in CASES.items():
            if service in self.services:
                yield service, case

    def drain(self, service, access_key="123456789012", region="us-east-1"):
        name, call, *_ = CASES[service]
        client = self.server.client(name, access_key=access_key, region=region, retries={"total_max_attempts": 1})
        for _ in range(BURST):
            call(client)
        return client

    def test_burst_then_the_services_own_throttling_error(self):
        for service, (_, call, _, code, status, message) in self.cases():
            with self.subTest(service=service):
                client = self.drain(service)
                with self.assertRaises(ClientError) as e:
                    call(client)
                error = e.exception.response
                self.assertEqual(error["Error"]["Code"], code)
                self.assertTrue(error["Error"]["Message"].startswith(message), error["Error"]["Message"])
                self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], status)
                self.assertTrue(error["ResponseMetadata"]["RequestId"])

    def test_botocore_retries_it_in_every_mode(self):
        for mode in ("legacy", "standard", "adaptive"):
            for service, (name, call, _, code, *_rest) in self.cases():
                with self.subTest(mode=mode, service=service):
                    self.reset()
                    self.drain(service)
                    client = self.server.client(name, retries={"mode": mode, "total_max_attempts": 2})
                    with self.assertRaises(ClientError) as e:
                        call(client)
                    self.assertEqual(e.exception.response["Error"]["Code"], code)
                    self.assertEqual(e.exception.response["ResponseMetadata"]["RetryAttempts"], 1)

    def test_accounts_and_regions_have_independent_buckets(self):
        for service, (name, call, *_rest) in self.cases():
            with self.subTest(service=service):
                self.drain(service, access_key="111111111111")
                # Same region, another account; same account, another region: both still full.
                self.drain(service, access_key="222222222222")
                self.drain(service, access_key="111111111111", region="eu-west-1")
                drained = self.server.client(name, access_key="111111111111", retries={"total_max_attempts": 1})
                with self.assertRaises(ClientError):
                    call(drained)

    def test_aws_cli_reports_the_throttling_error(self):
        clis = aws_clis()
        self.assertTrue(clis)
        for cli, version in clis:
            for service, (_, _, _, code, *_rest) in self.cases():
                with self.subTest(cli=version, service=service):
                    self.reset()
                    self.drain(service)
                    env = self.server.cli_env()
                    env["AWS_MAX_ATTEMPTS"] = "2"
                    out = subprocess.run([cli, *CLI_COMMANDS[service], "--endpoint-url", self.server.endpoint],
                                         capture_output=True, text=True, timeout=120, env=env)
                    self.assertNotEqual(out.returncode, 0)
                    self.assertIn(f"An error occurred ({code})", out.stderr)


if __name__ == "__main__":
    unittest.main()
