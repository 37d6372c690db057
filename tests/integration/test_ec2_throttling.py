"""EC2's request and resource token buckets with AWS's default sizes, as real clients meet them.

Every test uses its own account: buckets are per account and region, so tests cannot drain each other's.
"""
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import ClientError

from harness import ServerTestCase

AMI = "ami-0a1b2c3d4e5f60001"
NO_RETRIES = {"total_max_attempts": 1}
RUNNING = [{"Name": "instance-state-name", "Values": ["running"]}]


def error_code(e):
    return e.response["Error"]["Code"]


class Ec2ThrottlingTest(ServerTestCase):
    def client(self, account, **config):
        return self.server.client("ec2", access_key=account, retries=NO_RETRIES, **config)

    def buckets(self, account):
        status, body = self.server.admin(f"/_chokepoint/buckets?account={account}&service=ec2")
        self.assertEqual(status, 200)
        return {b["bucket"]: b["tokens"] for b in body["buckets"]}

    def calls_before_first_throttle(self, call, limit=500):
        """Calls `call` back to back until it is throttled; returns (calls that passed, seconds taken)."""
        start = time.monotonic()
        for passed in range(limit):
            try:
                call()
            except ClientError as e:
                self.assertEqual(error_code(e), "RequestLimitExceeded")
                return passed, time.monotonic() - start
        self.fail(f"no throttle in {limit} calls")

    def test_seed_scenario_retries_off_many_threads(self):
        """300 describe_instances() with no sleep from 16 threads sharing one client, retries off."""
        account = "200000000001"
        ec2 = self.client(account, max_pool_connections=16)

        def call(_):
            try:
                ec2.describe_instances()
                return None
            except ClientError as e:
                return e

        start = time.monotonic()
        with ThreadPoolExecutor(16) as pool:
            results = list(pool.map(call, range(300)))
        elapsed = time.monotonic() - start
        errors = [r for r in results if r is not None]
        passed = len(results) - len(errors)
        self.assertTrue(errors)
        for e in errors:
            self.assertEqual(error_code(e), "RequestLimitExceeded")
            self.assertEqual(e.response["ResponseMetadata"]["HTTPStatusCode"], 503)
            self.assertEqual(e.response["Error"]["Message"],
                             f"Request limit exceeded. Account {account} has been throttled on "
                             "ec2:DescribeInstances because it exceeded its request rate limit.")
        # The unfiltered bucket: 50 at once, then 10 per second.
        self.assertGreaterEqual(passed, 50)
        self.assertLessEqual(passed, 50 + 10 * elapsed + 1)

    def test_unfiltered_calls_get_50_filtered_calls_100(self):
        unfiltered = self.client("200000000002")
        passed, elapsed = self.calls_before_first_throttle(unfiltered.describe_instances)
        self.assertGreaterEqual(passed, 50)
        self.assertLessEqual(passed, 50 + 10 * elapsed + 1)

        filtered = self.client("200000000003")
        passed, elapsed = self.calls_before_first_throttle(lambda: filtered.describe_instances(Filters=RUNNING))
        self.assertGreaterEqual(passed, 100)
        self.assertLessEqual(passed, 100 + 20 * elapsed + 1)
        # Pagination also keeps a call out of the unfiltered bucket: this account's is never created. (It draws
        # from the same bucket as the filtered calls, so wait for that one to refill a little.)
        time.sleep(0.2)
        filtered.describe_instances(MaxResults=5)
        self.assertNotIn("DescribeInstances@unfiltered", self.buckets("200000000003"))

    def test_thousand_instances_in_paced_calls_then_resource_tokens_throttle(self):
        account = "200000000004"
        ec2 = self.client(account)
        launched = 0
        for _ in range(10):
            started = time.monotonic()
            launched += len(ec2.run_instances(ImageId=AMI, MinCount=100, MaxCount=100)["Instances"])
            # The RunInstances request bucket refills 2 per second: one call every 0.5 s never drains it.
            time.sleep(max(0.0, 0.5 - (time.monotonic() - started)))
        self.assertEqual(launched, 1000)

        levels = self.buckets(account)
        self.assertLess(levels["resource:RunInstances"], 100)
        self.assertGreaterEqual(levels["RunInstances"], 1)  # the request bucket still admits a call
        with self.assertRaises(ClientError) as e:
            ec2.run_instances(ImageId=AMI, MinCount=100, MaxCount=100)
        self.assertEqual(error_code(e.exception), "RequestLimitExceeded")
        self.assertEqual(e.exception.response["ResponseMetadata"]["HTTPStatusCode"], 503)
        self.assertEqual(len(ec2.describe_instances(Filters=[{"Name": "instance-type",
                                                             "Values": ["m1.small"]}],
                                                    MaxResults=1000)["Reservations"]), 10)

        # Resource tokens come back at 2 per second; what has come back can be launched.
        started = time.monotonic()
        before = self.buckets(account)["resource:RunInstances"]
        time.sleep(1.5)
        after = self.buckets(account)["resource:RunInstances"]
        self.assertGreaterEqual(after - before, 2 * 1.5 - 0.1)
        self.assertLessEqual(after - before, 2 * (time.monotonic() - started) + 0.1)
        small = int(after)
        self.assertEqual(len(ec2.run_instances(ImageId=AMI, MinCount=small, MaxCount=small)["Instances"]), small)
        with self.assertRaises(ClientError) as e:
            ec2.run_instances(ImageId=AMI, MinCount=100, MaxCount=100)
        self.assertEqual(error_code(e.exception), "RequestLimitExceeded")

    def test_burst_of_single_instance_calls_hits_the_request_bucket(self):
        account = "200000000005"
        ec2 = self.client(account)
        passed, elapsed = self.calls_before_first_throttle(
            lambda: ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1), limit=10)
        self.assertGreaterEqual(passed, 5)  # a burst of 5, plus what refilled at 2 per second meanwhile
        self.assertLessEqual(passed, 5 + 2 * elapsed + 1)
        levels = self.buckets(account)
        self.assertGreaterEqual(levels["resource:RunInstances"], 990)  # plenty of resource tokens left
        self.assertLess(levels["RunInstances"], 1)


if __name__ == "__main__":
    unittest.main()
