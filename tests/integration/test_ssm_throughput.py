"""The Parameter Store seed scenario: 300 GetParameter calls with no sleep from many threads sharing one boto3
client against the shared 40 TPS read bucket, under each retry mode, GetParameters in batches, and the
high-throughput service setting."""
import threading
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import ClientError

from harness import DEFAULT_KEY, ServerTestCase

NAMES = [f"/load/param-{i:03d}" for i in range(300)]
HIGH_THROUGHPUT = "/ssm/parameter-store/high-throughput-enabled"

# The 300 parameters come from the YAML seed (creating them with PutParameter would need a raised PutParameter
# limit). The read limits are the built-in defaults: 40 TPS shared, burst 40.
CONFIG = "ssm:\n  parameters:\n" + "".join(
    f"    - {{name: {name}, value: value-{i}, account: \"{DEFAULT_KEY}\"}}\n" for i, name in enumerate(NAMES))


def run_all(client, threads, names=NAMES):
    """Calls get_parameter for every name from `threads` threads; returns (responses, errors)."""
    responses, errors = [], []

    def fetch(name):
        try:
            responses.append(client.get_parameter(Name=name))
        except ClientError as e:
            errors.append(e.response)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(fetch, names))
    return responses, errors


class ReadThroughputTest(ServerTestCase):
    CONFIG = CONFIG

    def setUp(self):
        self.reset()  # fresh parameters (from the seed), settings and full buckets for every test

    def client(self, **config):
        return self.server.client("ssm", max_pool_connections=64, **config)

    def assert_rate_exceeded(self, error):
        self.assertEqual(error["Error"]["Code"], "ThrottlingException")
        self.assertEqual(error["Error"]["Message"], "Rate exceeded")
        self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], 400)

    def test_retries_off_the_first_throttle_raises(self):
        ssm = self.client(retries={"total_max_attempts": 1})
        responses, errors = run_all(ssm, threads=32)
        self.assertTrue(errors, "300 calls at once must exceed 40 TPS")
        for error in errors:
            self.assert_rate_exceeded(error)
            self.assertEqual(error["ResponseMetadata"]["RetryAttempts"], 0)
        self.assertGreaterEqual(len(responses), 40)  # the burst
        self.assertEqual(len(responses) + len(errors), 300)
        values = {r["Parameter"]["Name"]: r["Parameter"]["Value"] for r in responses}
        self.assertTrue(all(values[n] == f"value-{NAMES.index(n)}" for n in values))

    def test_default_retry_mode_exhausts_its_retries(self):
        """boto3's default (legacy: 5 attempts, backoff up to 8 s) cannot save calls from a drained bucket."""
        ssm = self.client()
        self.assertEqual((ssm.meta.config.retries or {}).get("mode", "legacy"), "legacy")
        # Other workers of the same account keep polling the same secrets, keeping the shared bucket drained.
        stop = threading.Event()
        noise = self.client(retries={"total_max_attempts": 1})

        def poll():
            while not stop.is_set():
                try:
                    noise.get_parameter(Name=NAMES[0])
                except ClientError:
                    pass

        pollers = [threading.Thread(target=poll, daemon=True) for _ in range(4)]
        for t in pollers:
            t.start()
        try:
            started = time.monotonic()
            responses, errors = run_all(ssm, threads=300)
            elapsed = time.monotonic() - started
        finally:
            stop.set()
            for t in pollers:
                t.join(10)
        print(f"\n  default retry mode: {len(responses)} succeeded, {len(errors)} exhausted 5 attempts, "
              f"{elapsed:.1f} s", flush=True)
        self.assertTrue(errors, "no call exhausted its retries")
        for error in errors:
            self.assert_rate_exceeded(error)
            self.assertEqual(error["ResponseMetadata"]["RetryAttempts"], 4)  # legacy: 5 attempts in all
        self.assertEqual(len(responses) + len(errors), 300)
        self.assertLess(elapsed, 40)

    def test_adaptive_mode_all_succeed_after_retries(self):
        ssm = self.client(retries={"max_attempts": 10, "mode": "adaptive"})
        responses, errors = run_all(ssm, threads=20)
        self.assertEqual(errors, [])
        self.assertEqual(len(responses), 300)
        retried = [r for r in responses if r["ResponseMetadata"]["RetryAttempts"] > 0]
        self.assertTrue(retried, "adaptive mode should have met throttling and retried")

    def test_get_parameters_in_batches_of_ten_is_not_throttled(self):
        ssm = self.client(retries={"total_max_attempts": 1})
        batches = [NAMES[i:i + 10] for i in range(0, 300, 10)]
        results = []
        with ThreadPoolExecutor(10) as pool:
            results = list(pool.map(lambda names: ssm.get_parameters(Names=names), batches))
        self.assertEqual(len(results), 30)
        self.assertTrue(all(r["InvalidParameters"] == [] for r in results))
        self.assertEqual(sorted(p["Name"] for r in results for p in r["Parameters"]), NAMES)

    def test_high_throughput_setting_lifts_the_limit_at_once(self):
        ssm = self.client(retries={"total_max_attempts": 1})
        ssm.update_service_setting(SettingId=HIGH_THROUGHPUT, SettingValue="true")
        responses, errors = run_all(ssm, threads=32)
        self.assertEqual(errors, [])
        self.assertEqual(len(responses), 300)
        _, buckets = self.server.admin(f"/_chokepoint/buckets?account={DEFAULT_KEY}&service=ssm")
        used = {b["bucket"] for b in buckets["buckets"]}
        self.assertIn("HighThroughputParameterReads", used)
        # Reset goes back to the standard 40 TPS at once.
        ssm.reset_service_setting(SettingId=HIGH_THROUGHPUT)
        responses, errors = run_all(ssm, threads=32)
        self.assertTrue(errors)
        self.assert_rate_exceeded(errors[0])


if __name__ == "__main__":
    unittest.main()
