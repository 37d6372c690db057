"""Forwarding to an upstream emulator (one written in the test, so no third-party emulator is needed): admitted
calls to services Chokepoint does not emulate reach the upstream unchanged and its answers come back unchanged;
Chokepoint's buckets and concurrency limits still apply; an upstream that is down or slow gets a clear 503 naming
it, and service resumes when it returns."""
import json
import re
import threading
import time
import unittest
import urllib.request

from botocore.exceptions import ClientError

from fake_upstream import FakeUpstream
from harness import Server, wait_until


def lambda_answer(method, path, headers, body):
    return 200, {"Content-Type": "application/json"}, json.dumps({"Functions": [{"FunctionName": "f1"}]}).encode()


class ForwardingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.upstream = FakeUpstream().start()
        config = f"""
upstream: {{url: "{cls.upstream.url}", timeout_ms: 2000}}
limits:
  - match: {{service: secretsmanager}}
    buckets: {{GetSecretValue: {{rate: 0.01, burst: 3}}}}
"""
        cls.server = Server(config).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.upstream.stop()

    def setUp(self):
        self.upstream.requests.clear()
        self.upstream.answer = lambda *a: (200, {"Content-Type": "application/xml"}, b"<ok/>")
        self.server.admin("/_chokepoint/reset", "POST")

    def test_the_call_reaches_the_upstream_unchanged_and_its_answer_comes_back(self):
        body = b"<ListBucketResult><Name>reports</Name><KeyCount>0</KeyCount></ListBucketResult>"
        self.upstream.answer = lambda *a: (200, {"Content-Type": "application/xml", "x-amz-request-id": "UP1"}, body)
        s3 = self.server.client("s3", s3={"addressing_style": "path"})
        result = s3.list_objects_v2(Bucket="reports", Prefix="2026/")
        self.assertEqual(result["Name"], "reports")
        self.assertEqual(result["ResponseMetadata"]["RequestId"], "UP1")
        method, path, headers, _ = self.upstream.requests[-1]
        self.assertEqual(method, "GET")
        self.assertTrue(path.startswith("/reports?list-type=2"), path)
        self.assertIn("prefix=2026%2F", path)
        self.assertTrue(headers["authorization"].startswith("AWS4-HMAC-SHA256 Credential=123456789012/"))
        self.assertEqual(headers["host"], self.server.endpoint.split("//")[1])

    def test_a_request_body_is_forwarded_byte_for_byte(self):
        self.upstream.answer = lambda *a: (200, {"Content-Type": "application/x-amz-json-1.1"},
                                           json.dumps({"Name": "db", "SecretString": "s3cr3t"}).encode())
        sm = self.server.client("secretsmanager")
        self.assertEqual(sm.get_secret_value(SecretId="db")["SecretString"], "s3cr3t")
        method, path, headers, body = self.upstream.requests[-1]
        self.assertEqual((method, path), ("POST", "/"))
        self.assertEqual(headers["x-amz-target"], "secretsmanager.GetSecretValue")
        self.assertEqual(json.loads(body), {"SecretId": "db"})

    def test_the_rate_limit_applies_before_the_upstream(self):
        self.upstream.answer = lambda *a: (200, {"Content-Type": "application/x-amz-json-1.1"}, b"{}")
        sm = self.server.client("secretsmanager", retries={"total_max_attempts": 1})
        for _ in range(3):
            sm.get_secret_value(SecretId="db")
        with self.assertRaises(ClientError) as e:
            sm.get_secret_value(SecretId="db")
        self.assertEqual(e.exception.response["Error"]["Code"], "ThrottlingException")
        self.assertEqual(len(self.upstream.requests), 3)  # the throttled call never left Chokepoint

    def test_fault_rules_match_forwarded_calls_by_resource(self):
        status, _ = self.server.admin("/_chokepoint/faults", "POST",
                                      {"service": "s3", "operation": "GetObject", "resource": "reports/2026/*",
                                       "throttle": True, "count": 1})
        self.assertEqual(status, 200)
        s3 = self.server.client("s3", s3={"addressing_style": "path"}, retries={"total_max_attempts": 1})
        with self.assertRaises(ClientError) as e:
            s3.get_object(Bucket="reports", Key="2026/12/a.csv")
        self.assertEqual(e.exception.response["Error"]["Code"], "SlowDown")
        self.assertEqual(self.upstream.requests, [])  # refused before the upstream
        self.upstream.answer = lambda *a: (200, {"Content-Type": "text/csv"}, b"a,b\n")
        self.assertEqual(s3.get_object(Bucket="reports", Key="2026/12/a.csv")["Body"].read(), b"a,b\n")

        def outcomes():
            # A forwarded call is logged when its answer has gone out, which may be just after the client has it.
            status, log = self.server.admin("/_chokepoint/requests?limit=5")
            return {(r["service"], r["operation"], r["outcome"]) for r in log["requests"]}

        self.assertTrue(wait_until(lambda: {("s3", "GetObject", "fault"), ("s3", "GetObject", "ok")} <= outcomes()),
                        outcomes())

    def test_connections_to_the_upstream_are_reused(self):
        self.upstream.answer = lambda_answer
        lam = self.server.client("lambda")
        for _ in range(10):
            self.assertEqual(lam.list_functions()["Functions"][0]["FunctionName"], "f1")
        self.assertLessEqual(len(self.upstream.connections), 4)

    def test_upstream_errors_come_back_as_the_upstreams_own(self):
        error = json.dumps({"__type": "ResourceNotFoundException", "message": "Secrets Manager can't find it"})
        self.upstream.answer = lambda *a: (400, {"Content-Type": "application/x-amz-json-1.1"}, error.encode())
        sm = self.server.client("secretsmanager", retries={"total_max_attempts": 1})
        with self.assertRaises(ClientError) as e:
            sm.get_secret_value(SecretId="missing")
        self.assertEqual(e.exception.response["Error"]["Code"], "ResourceNotFoundException")


class LambdaConcurrencyTest(unittest.TestCase):
    def test_invoke_past_the_concurrency_limit_gets_429(self):
        release = threading.Event()

        def slow_invoke(method, path, headers, body):
            if path.endswith("/invocations"):
                release.wait(10)
            return 200, {"Content-Type": "application/json"}, b'{"ok": true}'

        upstream = FakeUpstream().start()
        upstream.answer = slow_invoke
        config = f"""
upstream: {{url: "{upstream.url}"}}
throttling:
  lambda:
    concurrency: {{limit: 2}}
"""
        with Server(config) as server:
            results = []

            def invoke():
                lam = server.client("lambda", retries={"total_max_attempts": 1})
                try:
                    lam.invoke(FunctionName="worker", Payload=b"{}")
                    results.append("ok")
                except ClientError as e:
                    results.append(e.response)

            running = [threading.Thread(target=invoke) for _ in range(2)]
            for t in running:
                t.start()
            deadline = time.monotonic() + 10
            while len([r for r in upstream.requests if r[1].endswith("/invocations")]) < 2:
                self.assertLess(time.monotonic(), deadline)
                time.sleep(0.02)
            invoke()  # a third, while two are in flight
            release.set()
            for t in running:
                t.join(10)
            refused = [r for r in results if r != "ok"]
            self.assertEqual(len(refused), 1, results)
            self.assertEqual(refused[0]["Error"]["Code"], "TooManyRequestsException")
            self.assertEqual(refused[0]["ResponseMetadata"]["HTTPStatusCode"], 429)
            self.assertEqual(refused[0]["Reason"], "ConcurrentInvocationLimitExceeded")
            self.assertEqual(results.count("ok"), 2)
            # Slots come back when calls end.
            server.client("lambda", retries={"total_max_attempts": 1}).invoke(FunctionName="worker", Payload=b"{}")
        upstream.stop()


class UpstreamDownTest(unittest.TestCase):
    def test_down_then_back(self):
        upstream = FakeUpstream().start()
        port = upstream.port
        upstream.answer = lambda_answer
        with Server(f'upstream: {{url: "http://127.0.0.1:{port}", timeout_ms: 500}}') as server:
            lam = server.client("lambda", retries={"total_max_attempts": 1})
            self.assertEqual(len(lam.list_functions()["Functions"]), 1)
            upstream.stop()
            with self.assertRaises(ClientError) as e:
                lam.list_functions()
            self.assertEqual(e.exception.response["ResponseMetadata"]["HTTPStatusCode"], 503)
            self.assertIn(f"upstream at http://127.0.0.1:{port}", e.exception.response["Error"]["Message"])
            status, _ = server.admin("/_chokepoint/health")
            self.assertEqual(status, 200)

            def metrics():
                with urllib.request.urlopen(server.endpoint + "/_chokepoint/metrics", timeout=10) as response:
                    return response.read().decode()

            failed = re.compile(r'chokepoint_requests_total\{service="lambda",operation="ListFunctions",'
                                r'[^}]*outcome="upstream_error"\} 1')
            self.assertTrue(wait_until(lambda: failed.search(metrics())), metrics())
            back = FakeUpstream(port).start()
            back.answer = lambda_answer
            self.assertEqual(len(lam.list_functions()["Functions"]), 1)
            back.stop()

    def test_an_upstream_that_never_answers_times_out(self):
        gate = threading.Event()
        upstream = FakeUpstream().start()
        upstream.answer = lambda *a: (gate.wait(5), (200, {}, b""))[1]
        with Server(f'upstream: {{url: "{upstream.url}", timeout_ms: 300}}') as server:
            lam = server.client("lambda", retries={"total_max_attempts": 1})
            started = time.monotonic()
            with self.assertRaises(ClientError) as e:
                lam.list_functions()
            self.assertLess(time.monotonic() - started, 4)
            self.assertEqual(e.exception.response["ResponseMetadata"]["HTTPStatusCode"], 503)
            gate.set()
        upstream.stop()


class LargeBodyTest(unittest.TestCase):
    def test_a_body_over_the_servers_limit_is_streamed_to_the_upstream(self):
        upstream = FakeUpstream().start()
        upstream.answer = lambda m, p, h, b: (200, {"ETag": f'"{len(b)}"'}, b"")
        config = f'server: {{max_body_bytes: 1048576}}\nupstream: {{url: "{upstream.url}"}}\n'
        with Server(config) as server:
            s3 = server.client("s3", s3={"addressing_style": "path"})
            body = bytes(range(256)) * (32 * 1024)  # 8 MiB, eight times the server's own limit
            result = s3.put_object(Bucket="big", Key="blob.bin", Body=body)
            self.assertEqual(result["ETag"], f'"{len(body)}"')
            method, path, _, received = upstream.requests[-1]
            self.assertEqual((method, path.split("?")[0]), ("PUT", "/big/blob.bin"))
            self.assertEqual(received, body)
        upstream.stop()


if __name__ == "__main__":
    unittest.main()
