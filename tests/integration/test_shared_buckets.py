"""Replicas that share their API rate buckets through Redis (throttling.store): together they admit what one
bucket allows; when Redis goes away they answer per store_failure, and the limits hold again once it is back.
Each test starts its own redis-server on a free port; they skip when redis-server is not installed."""
import http.client
import json
import threading
import time
import unittest

import prometheus_format
from botocore.exceptions import ClientError

from fake_upstream import FakeUpstream
from harness import Server, wait_until
from redis_server import REDIS_SERVER, SKIP_REASON, RedisServer

RATE = 20  # SSM GetParameter's bucket (ParameterReads), lowered so a few seconds measure it
LIMITS = f"""
limits:
  - match: {{service: ssm}}
    buckets:
      ParameterReads: {{rate: {RATE}, burst: {RATE}}}
"""


def config(store_url=None, failure=None):
    text = LIMITS
    if store_url:
        text += f"throttling:\n  store: {store_url}\n"
        if failure:
            text += f"  store_failure: {failure}\n"
    return text


def get_parameter(connection):
    """One unsigned GetParameter; True when admitted (the parameter does not exist), False when throttled."""
    body = json.dumps({"Name": "/shared/missing"})
    connection.request("POST", "/", body, {"X-Amz-Target": "AmazonSSM.GetParameter",
                                           "Content-Type": "application/x-amz-json-1.1"})
    response = connection.getresponse()
    text = response.read().decode()
    if "ThrottlingException" in text:
        return False
    if "ParameterNotFound" not in text:
        raise AssertionError(f"unexpected answer {response.status}: {text}")
    return True


def offer(endpoints, per_second, seconds, clients_per_endpoint=4):
    """Clients spread over `endpoints` send GetParameter at `per_second` in all, for `seconds` (each client bounded
    by count too). Returns (admitted, throttled, elapsed seconds from the first call to the last)."""
    clients = [e for e in endpoints for _ in range(clients_per_endpoint)]
    interval = len(clients) / per_second
    max_calls = int(seconds * per_second / len(clients)) + 2
    counts = {"admitted": 0, "throttled": 0}
    times = []
    lock = threading.Lock()
    start = time.monotonic() + 0.2  # every client starts at once

    def client(index, endpoint):
        host, port = endpoint.replace("http://", "").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        # Spread over the interval, so the offered load is even.
        next_at = start + interval * index / len(clients)
        for _ in range(max_calls):
            now = time.monotonic()
            if next_at - start >= seconds:
                break
            if next_at > now:
                time.sleep(next_at - now)
            sent = time.monotonic()
            ok = get_parameter(connection)
            with lock:
                counts["admitted" if ok else "throttled"] += 1
                times.append(sent)
            next_at += interval
        connection.close()

    threads = [threading.Thread(target=client, args=(i, e)) for i, e in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 30)
    return counts["admitted"], counts["throttled"], max(times) - min(times)


def expected_admitted(elapsed):
    return RATE + RATE * elapsed  # the burst, then the refill


class SharedStoreTestCase(unittest.TestCase):
    def setUp(self):
        if not REDIS_SERVER:
            self.skipTest(SKIP_REASON)
        self.redis = RedisServer().start()
        self.addCleanup(self.redis.close)

    def replicas(self, count, failure=None, store_url=None):
        servers = []
        for _ in range(count):
            server = Server(config(store_url or self.redis.url, failure)).start()
            self.addCleanup(server.stop)
            servers.append(server)
        for server in servers:
            self.assertTrue(wait_until(lambda s=server: store_state(s) == "up"), server.stderr())
        return servers


def store_state(server):
    status, body = server.admin("/_chokepoint/health")
    return body.get("bucket_store", {}).get("state") if status == 200 else None


def metric(server, name, **labels):
    """A sample's value on /metrics (0 when absent); the whole exposition must be valid Prometheus text."""
    connection = http.client.HTTPConnection(server.endpoint.replace("http://", ""), timeout=10)
    connection.request("GET", "/_chokepoint/metrics")
    text = connection.getresponse().read().decode()
    connection.close()
    return prometheus_format.value(prometheus_format.parse(text), name, **labels)


class ThreeReplicasShareOneLimit(SharedStoreTestCase):
    def test_three_replicas_admit_what_one_bucket_allows(self):
        servers = self.replicas(3)
        admitted, throttled, elapsed = offer([s.endpoint for s in servers], per_second=4 * RATE, seconds=4)
        expected = expected_admitted(elapsed)
        self.assertGreater(throttled, admitted, "4x the rate must be throttled")
        self.assertLess(abs(admitted - expected), max(3, 0.05 * expected),
                        f"admitted {admitted}, expected {expected:.1f} over {elapsed:.2f} s")

    def test_control_three_in_process_replicas_admit_three_times(self):
        servers = []
        for _ in range(3):
            server = Server(config()).start()
            self.addCleanup(server.stop)
            servers.append(server)
        admitted, _, elapsed = offer([s.endpoint for s in servers], per_second=4 * RATE, seconds=4)
        self.assertGreater(admitted, 2.5 * expected_admitted(elapsed),
                           "each replica keeps its own bucket without a shared store")


class RedisGoesAway(SharedStoreTestCase):
    def test_replicas_answer_per_policy_and_limits_hold_again_after_restart(self):
        admit = self.replicas(1, failure="admit")[0]
        reject = self.replicas(1, failure="reject")[0]
        self.redis.stop()
        self.assertTrue(wait_until(lambda: store_state(admit) == "down" and store_state(reject) == "down"))

        # 2x the rate for 2 s at each: admit answers every call, reject throttles every call; no hang.
        admitted, throttled, _ = offer([admit.endpoint], per_second=2 * RATE, seconds=2, clients_per_endpoint=2)
        self.assertEqual(throttled, 0)
        self.assertGreater(admitted, 2 * RATE)
        admitted, throttled, _ = offer([reject.endpoint], per_second=2 * RATE, seconds=2, clients_per_endpoint=2)
        self.assertEqual(admitted, 0)
        self.assertGreater(throttled, 2 * RATE)

        self.redis.start()  # the same port
        for server in (admit, reject):
            self.assertTrue(wait_until(lambda s=server: store_state(s) == "up", timeout=15), server.stderr())
        admitted, throttled, elapsed = offer([admit.endpoint, reject.endpoint], per_second=4 * RATE, seconds=3)
        expected = expected_admitted(elapsed)
        self.assertLess(abs(admitted - expected), max(3, 0.05 * expected),
                        f"admitted {admitted}, expected {expected:.1f} over {elapsed:.2f} s")
        for server in (admit, reject):
            self.assertIsNone(server.process.poll(), "the replica is still running")


class ForwardedCallsWaitForTheStore(SharedStoreTestCase):
    """Calls for services Chokepoint does not emulate take their token from Redis too, then go to the upstream;
    so does a body too large to hold, which is streamed once admitted."""

    def test_forwarded_calls_and_streamed_bodies_are_admitted_through_redis(self):
        upstream = FakeUpstream().start()
        self.addCleanup(upstream.stop)
        upstream.answer = lambda m, p, h, b: (200, {"ETag": f'"{len(b)}"', "Content-Type": "application/xml"},
                                              b"<ok/>" if m != "PUT" else b"")
        text = (f'server: {{max_body_bytes: 1048576}}\nupstream: {{url: "{upstream.url}"}}\n'
                f"throttling:\n  store: {self.redis.url}\n"
                "limits:\n  - match: {service: secretsmanager}\n    buckets: {GetSecretValue: {rate: 0.01, burst: 2}}\n")
        server = Server(text).start()
        self.addCleanup(server.stop)
        self.assertTrue(wait_until(lambda: store_state(server) == "up"), server.stderr())

        s3 = server.client("s3", s3={"addressing_style": "path"})
        body = bytes(range(256)) * (8 * 1024)  # 2 MiB: twice the server's own limit, so streamed
        self.assertEqual(s3.put_object(Bucket="big", Key="blob.bin", Body=body)["ETag"], f'"{len(body)}"')
        self.assertEqual(upstream.requests[-1][3], body)

        upstream.answer = lambda *a: (200, {"Content-Type": "application/x-amz-json-1.1"}, b"{}")
        sm = server.client("secretsmanager", retries={"total_max_attempts": 1})
        sm.get_secret_value(SecretId="a")
        sm.get_secret_value(SecretId="b")
        before = len(upstream.requests)
        with self.assertRaises(ClientError) as refused:
            sm.get_secret_value(SecretId="c")
        self.assertEqual(refused.exception.response["Error"]["Code"], "ThrottlingException")
        self.assertEqual(len(upstream.requests), before, "a throttled call never reaches the upstream")
        self.assertIn(b"secretsmanager:GetSecretValue", self.redis.command("KEYS", "chokepoint:bucket:*"))


class HealthAndMetrics(SharedStoreTestCase):
    def test_health_and_metrics_show_the_store(self):
        server = self.replicas(1)[0]
        status, health = server.admin("/_chokepoint/health")
        self.assertEqual(status, 200)
        store = health["bucket_store"]
        self.assertEqual(store["kind"], "redis")
        self.assertEqual(store["url"], self.redis.url)
        self.assertEqual(store["state"], "up")
        self.assertEqual(store["failure_policy"], "admit")

        admitted, _, _ = offer([server.endpoint], per_second=2 * RATE, seconds=1, clients_per_endpoint=1)
        self.assertGreater(admitted, 0)
        self.assertEqual(metric(server, "chokepoint_bucket_store_up", url=self.redis.url), 1)
        self.assertGreater(metric(server, "chokepoint_bucket_store_latency_seconds_count"), 0)
        self.assertIn(b"chokepoint:bucket:", self.redis.command("KEYS", "chokepoint:bucket:*"))

        self.redis.stop()
        self.assertTrue(wait_until(lambda: store_state(server) == "down"))
        offer([server.endpoint], per_second=10, seconds=0.5, clients_per_endpoint=1)
        self.assertEqual(metric(server, "chokepoint_bucket_store_up", url=self.redis.url), 0)
        self.assertGreater(metric(server, "chokepoint_bucket_store_unavailable_total", decision="admitted"), 0)

    def test_in_process_store_is_not_in_health(self):
        server = Server(config()).start()
        self.addCleanup(server.stop)
        status, health = server.admin("/_chokepoint/health")
        self.assertEqual(status, 200)
        self.assertNotIn("bucket_store", health)


if __name__ == "__main__":
    unittest.main()
