"""Calls to AWS services Chokepoint does not emulate, without an upstream: each is recognised, passes the rate
buckets like any call, and then gets a clear error in its own protocol that botocore and the AWS CLI print legibly;
never a success. Past a lowered limit each gets its service's own throttling error, which every botocore retry
mode retries."""
import subprocess
import unittest

from botocore.exceptions import ClientError

from harness import ServerTestCase, aws_clis
from unemulated_cases import CASES, limits_yaml

BURST = 2


class NotEmulatedTest(ServerTestCase):
    CONFIG = limits_yaml(rate=0.02, burst=BURST)

    def setUp(self):
        self.reset()

    def call(self, service, **client_config):
        name, call, *_ = CASES[service]
        client = self.server.client(name, retries={"total_max_attempts": 1}, **client_config)
        with self.assertRaises(ClientError) as e:
            call(client)
        return e.exception.response

    def test_each_protocol_answers_not_emulated_in_its_own_shape(self):
        expected = {"s3": ("NotImplemented", 501, "ListObjectsV2"), "lambda": ("NotImplemented", 501, "ListFunctions"),
                    "secretsmanager": ("UnknownOperationException", 400, "GetSecretValue"),
                    "kms": ("UnknownOperationException", 400, "Encrypt"),
                    "logs": ("UnknownOperationException", 400, "DescribeLogGroups"),
                    "sqs": ("UnknownOperationException", 400, "ListQueues"),
                    "sns": ("InvalidAction", 400, "ListTopics"), "iam": ("InvalidAction", 400, "ListRoles")}
        for service, (code, status, operation) in expected.items():
            with self.subTest(service=service):
                error = self.call(service)
                self.assertEqual(error["Error"]["Code"], code)
                self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], status)
                message = error["Error"]["Message"]
                self.assertIn("Chokepoint does not emulate", message)
                self.assertIn(operation, message)
                self.assertIn("--upstream", message)

    def test_s3_virtual_hosted_and_path_style_are_both_recognised(self):
        for style in ("path", "virtual"):
            with self.subTest(style=style):
                error = self.call("s3", s3={"addressing_style": style})
                self.assertEqual(error["Error"]["Code"], "NotImplemented")
                self.assertIn("ListObjectsV2", error["Error"]["Message"])

    def test_unimplemented_operations_of_emulated_services_name_themselves(self):
        ddb = self.server.client("dynamodb", retries={"total_max_attempts": 1})
        with self.assertRaises(ClientError) as e:
            ddb.describe_global_table(GlobalTableName="orders")
        self.assertEqual(e.exception.response["Error"]["Code"], "UnknownOperationException")
        self.assertIn("DescribeGlobalTable", e.exception.response["Error"]["Message"])
        ec2 = self.server.client("ec2", retries={"total_max_attempts": 1})
        with self.assertRaises(ClientError) as e:
            ec2.describe_nat_gateways()
        self.assertEqual(e.exception.response["Error"]["Code"], "InvalidAction")
        self.assertIn("DescribeNatGateways", e.exception.response["Error"]["Message"])

    def test_a_query_action_an_emulated_service_also_has_is_not_taken_for_it(self):
        # ELB's DescribeTags is not EC2's, though both are query calls with that action.
        elb = self.server.client("elb", retries={"total_max_attempts": 1})
        with self.assertRaises(ClientError) as e:
            elb.describe_tags(LoadBalancerNames=["web"])
        self.assertEqual(e.exception.response["Error"]["Code"], "InvalidAction")
        self.assertIn("DescribeTags", e.exception.response["Error"]["Message"])
        self.assertIn("Chokepoint does not emulate", e.exception.response["Error"]["Message"])

    def test_past_the_limit_each_service_answers_its_throttling_error(self):
        for service, (_, _, _, code, status, message) in CASES.items():
            with self.subTest(service=service):
                for _ in range(BURST):
                    self.assertNotIn(self.call(service)["Error"]["Code"], (code,))
                error = self.call(service)
                self.assertEqual(error["Error"]["Code"], code)
                self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], status)
                self.assertTrue(error["Error"]["Message"].startswith(message), error["Error"]["Message"])

    def test_botocore_retries_the_throttling_error_in_every_mode(self):
        for mode in ("legacy", "standard", "adaptive"):
            for service, (name, call, _, code, *_rest) in CASES.items():
                with self.subTest(mode=mode, service=service):
                    self.reset()
                    for _ in range(BURST):
                        self.call(service)
                    client = self.server.client(name, retries={"mode": mode, "total_max_attempts": 2})
                    with self.assertRaises(ClientError) as e:
                        call(client)
                    self.assertEqual(e.exception.response["Error"]["Code"], code)
                    self.assertEqual(e.exception.response["ResponseMetadata"]["RetryAttempts"], 1)

    def test_the_request_log_names_service_and_operation(self):
        self.call("secretsmanager")
        status, log = self.server.admin("/_chokepoint/requests?limit=5")
        self.assertEqual(status, 200)
        entries = log["requests"] if isinstance(log, dict) else log
        self.assertTrue(any(r["service"] == "secretsmanager" and r["operation"] == "GetSecretValue" for r in entries),
                        entries)

    def test_aws_cli_prints_the_error_and_fails(self):
        clis = aws_clis()
        self.assertTrue(clis)
        for cli, version in clis:
            for command in (["s3api", "list-buckets"], ["lambda", "list-functions"],
                            ["secretsmanager", "list-secrets"], ["iam", "list-users"]):
                with self.subTest(cli=version, command=command):
                    out = subprocess.run([cli, *command, "--endpoint-url", self.server.endpoint],
                                         capture_output=True, text=True, timeout=120, env=self.server.cli_env())
                    self.assertNotEqual(out.returncode, 0)
                    self.assertIn("Chokepoint does not emulate", out.stderr)


if __name__ == "__main__":
    unittest.main()
