"""Chokepoint in front of moto server (`moto_server`, where this machine's Python has moto): the services
Chokepoint does not emulate work through it with boto3 and the AWS CLI, still throttled by Chokepoint's buckets.
Skipped, saying so, where moto_server is not installed."""
import shutil
import subprocess
import time
import unittest
import urllib.request

from botocore.config import Config as BotoConfig
from botocore.exceptions import ClientError

from fake_upstream import free_port
from harness import Server, aws_clis

MOTO = shutil.which("moto_server")


def start_moto():
    port = free_port()
    process = subprocess.Popen([MOTO, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)
            return process, url
        except Exception:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("moto_server did not start within 30 s")


@unittest.skipUnless(MOTO, "moto_server is not installed here (pip install 'moto[server]'); forwarding to moto "
                           "is not tested")
class MotoForwardingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto, cls.moto_url = start_moto()
        config = f"""
upstream: {{url: "{cls.moto_url}", services: [ec2]}}
limits:
  - match: {{service: secretsmanager}}
    buckets: {{GetSecretValue: {{rate: 5, burst: 5}}}}
  - match: {{service: s3}}
    buckets: {{PrefixReads: {{rate: 5, burst: 5}}}}
  - match: {{service: ec2}}
    buckets: {{DescribeVpcs: {{rate: 0.01, burst: 2}}, DescribeVpcs@unfiltered: {{rate: 0.01, burst: 2}}}}
"""
        cls.server = Server(config).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.moto.terminate()
        cls.moto.wait(10)

    def client(self, name, **kwargs):
        return self.server.client(name, **kwargs)

    def test_s3_buckets_and_objects_path_and_virtual_hosted(self):
        for style in ("path", "virtual"):
            with self.subTest(style=style):
                s3 = self.client("s3", s3={"addressing_style": style})
                bucket = f"reports-{style}"
                s3.create_bucket(Bucket=bucket)
                s3.put_object(Bucket=bucket, Key="2026/12/a.csv", Body=b"a,b\n1,2\n")
                self.assertEqual(s3.get_object(Bucket=bucket, Key="2026/12/a.csv")["Body"].read(), b"a,b\n1,2\n")
                keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
                self.assertEqual(keys, ["2026/12/a.csv"])
                self.assertIn(bucket, [b["Name"] for b in s3.list_buckets()["Buckets"]])

    def test_secrets_kms_lambda_sqs(self):
        sm = self.client("secretsmanager")
        sm.create_secret(Name="db-password", SecretString="s3cr3t")
        self.assertEqual(sm.get_secret_value(SecretId="db-password")["SecretString"], "s3cr3t")
        kms = self.client("kms")
        key = kms.create_key()["KeyMetadata"]["KeyId"]
        blob = kms.encrypt(KeyId=key, Plaintext=b"hello")["CiphertextBlob"]
        self.assertEqual(kms.decrypt(CiphertextBlob=blob)["Plaintext"], b"hello")
        self.assertEqual(self.client("lambda").list_functions()["Functions"], [])
        sqs = self.client("sqs")
        url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody="job-1")
        messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)["Messages"]
        self.assertEqual(messages[0]["Body"], "job-1")

    def test_secrets_manager_at_5_per_second_throttles_a_loop_which_standard_mode_retries(self):
        sm = self.client("secretsmanager")
        sm.create_secret(Name="loop-secret", SecretString="x")
        self.server.admin("/_chokepoint/reset", "POST")
        standard = self.client("secretsmanager", retries={"mode": "standard", "max_attempts": 10})
        retried = 0
        for _ in range(50):
            retried += standard.get_secret_value(SecretId="loop-secret")["ResponseMetadata"]["RetryAttempts"]
        self.assertGreater(retried, 0)

    def test_s3_gets_past_the_limit_get_503_slowdown_which_boto3_retries(self):
        s3 = self.client("s3", s3={"addressing_style": "path"})
        s3.create_bucket(Bucket="hot")
        s3.put_object(Bucket="hot", Key="k", Body=b"v")
        once = self.client("s3", s3={"addressing_style": "path"}, retries={"total_max_attempts": 1})
        codes = set()
        for _ in range(10):
            try:
                once.get_object(Bucket="hot", Key="k")
            except ClientError as e:
                codes.add((e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]))
        self.assertEqual(codes, {("SlowDown", 503)})
        retrying = self.client("s3", s3={"addressing_style": "path"}, retries={"mode": "standard", "max_attempts": 10})
        self.assertEqual(retrying.get_object(Bucket="hot", Key="k")["Body"].read(), b"v")

    def test_ec2_listed_in_upstream_services_goes_to_moto_and_keeps_its_buckets(self):
        ec2 = self.client("ec2", retries={"total_max_attempts": 1})
        vpcs = ec2.describe_vpcs()["Vpcs"]
        self.assertTrue(vpcs)  # moto's default VPC
        ec2.describe_vpcs()
        with self.assertRaises(ClientError) as e:
            ec2.describe_vpcs()
        self.assertEqual(e.exception.response["Error"]["Code"], "RequestLimitExceeded")

    def test_aws_cli_through_chokepoint(self):
        for cli, version in aws_clis():
            with self.subTest(cli=version):
                env = self.server.cli_env()
                bucket = "cli-" + str(abs(hash(version)) % 100000)
                for args in (["s3", "mb", f"s3://{bucket}"], ["s3api", "list-buckets"],
                             ["sqs", "list-queues"]):
                    out = subprocess.run([cli, *args, "--endpoint-url", self.server.endpoint], capture_output=True,
                                         text=True, timeout=120, env=env)
                    self.assertEqual(out.returncode, 0, out.stderr)


if __name__ == "__main__":
    unittest.main()
