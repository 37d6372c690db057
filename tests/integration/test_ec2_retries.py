"""The seed scenario under boto3's retry modes: 300 describe_instances() calls with no sleep from many threads
sharing one client, against the default unfiltered DescribeInstances bucket (50 at once, 10 per second).

- default (legacy) mode: with enough threads some calls are throttled on all 5 attempts and raise
  RequestLimitExceeded;
- adaptive mode with max_attempts 10: the client slows itself down, every call succeeds, some after retries.
"""
import threading
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import ClientError

from harness import ServerTestCase

CALLS = 300


class Ec2RetryModesTest(ServerTestCase):
    def test_default_retry_mode_exhausts_retries_with_enough_threads(self):
        ec2 = self.server.client("ec2", access_key="300000000001", max_pool_connections=64)
        self.assertEqual(ec2.meta.config.retries["mode"], "legacy")
        exhausted = []
        stop = threading.Event()  # once one call has given up, start no more: the point is made
        deadline = time.monotonic() + 45

        def call(_):
            if stop.is_set() or time.monotonic() > deadline:
                return
            try:
                ec2.describe_instances()
            except ClientError as e:
                exhausted.append(e)
                stop.set()

        with ThreadPoolExecutor(64) as pool:
            list(pool.map(call, range(CALLS)))
        self.assertTrue(exhausted, "no call ran out of retries")
        e = exhausted[0]
        self.assertEqual(e.response["Error"]["Code"], "RequestLimitExceeded")
        self.assertEqual(e.response["ResponseMetadata"]["HTTPStatusCode"], 503)
        self.assertEqual(e.response["ResponseMetadata"]["RetryAttempts"], 4)  # legacy: 5 attempts in all
        self.assertTrue(e.response["ResponseMetadata"]["MaxAttemptsReached"])

    def test_adaptive_retry_mode_with_10_attempts_all_succeed(self):
        ec2 = self.server.client("ec2", access_key="300000000002", max_pool_connections=16,
                                 retries={"mode": "adaptive", "max_attempts": 10})
        start = time.monotonic()
        with ThreadPoolExecutor(16) as pool:
            responses = list(pool.map(lambda _: ec2.describe_instances(), range(CALLS)))
        elapsed = time.monotonic() - start
        retries = [r["ResponseMetadata"]["RetryAttempts"] for r in responses]
        self.assertEqual(len(responses), CALLS)
        self.assertTrue(any(n > 0 for n in retries), retries)
        # The bucket admits 50 at once and 10 per second, so 300 calls take at least 25 s.
        self.assertGreaterEqual(elapsed, (CALLS - 50) / 10 - 1)


if __name__ == "__main__":
    unittest.main()
