"""A client in botocore's adaptive mode backs off on the services' throttling errors and completes a loop of
300 calls without an error."""
import time
import unittest

from harness import ServerTestCase
from throttle_cases import CASES, limits_yaml, served

CALLS = 300


class AdaptiveLoopTest(ServerTestCase):
    # 30 per second: 300 calls need about 9 s of refill, enough to drive the client into throttling.
    CONFIG = limits_yaml(rate=30, burst=30)

    def test_adaptive_loop_completes(self):
        services = served(self.server)
        for service, (name, call, *_rest) in CASES.items():
            if service not in services or service == "sts":
                continue
            with self.subTest(service=service):
                client = self.server.client(name, retries={"mode": "adaptive", "max_attempts": 10})
                retried = 0
                started = time.monotonic()
                for _ in range(CALLS):
                    retried += call(client)["ResponseMetadata"]["RetryAttempts"] > 0
                elapsed = time.monotonic() - started
                self.assertGreater(retried, 0, "the bucket never throttled the client")
                self.assertLess(elapsed, 60)


if __name__ == "__main__":
    unittest.main()
