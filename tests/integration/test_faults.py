"""Fault rules over the control API and `chokepoint ctl`: count, probability, window, latency, rate, tags,
errors, validation, the request log, and the wire shape of injected throttling."""
import json
import statistics
import subprocess
import time
import unittest
from datetime import datetime

from botocore.exceptions import ClientError

from harness import BINARY, Server, ServerTestCase

# The real buckets of the operations used here are switched off, so that only fault rules throttle.
CONFIG = """
limits:
  - match: {service: ec2}
    buckets: {DescribeRegions: {enabled: false}, DescribeAvailabilityZones: {enabled: false}}
  - match: {service: sts}
    buckets: {GetCallerIdentity: {enabled: false}}
"""

NO_RETRIES = {"total_max_attempts": 1}


def tag_requests(client, tag):
    """Sends x-chokepoint-tag: TAG with every call of this client."""
    def add_tag(request, **_):
        request.headers["x-chokepoint-tag"] = tag
    client.meta.events.register("before-send.*", add_tag)
    return client


def outcome(call):
    """'ok', or the error code of the call's ClientError."""
    try:
        call()
        return "ok"
    except ClientError as e:
        return e.response["Error"]["Code"]


def server_time(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


class FaultRulesTest(ServerTestCase):
    CONFIG = CONFIG

    def setUp(self):
        self.reset()
        self.ec2 = self.server.client("ec2", retries=NO_RETRIES)
        self.sts = self.server.client("sts", retries=NO_RETRIES)

    def add(self, rule):
        status, body = self.server.admin("/_chokepoint/faults", "POST", rule)
        self.assertEqual(status, 200, body)
        return body["ids"][0] if len(body["ids"]) == 1 else body["ids"]

    def rule(self, rule_id):
        status, body = self.server.admin(f"/_chokepoint/faults/{rule_id}")
        self.assertEqual(status, 200, body)
        return body

    def test_count_three_throttles_exactly_the_next_three_and_no_other_operation(self):
        rule_id = self.add({"service": "ec2", "operation": "DescribeRegions", "throttle": True, "count": 3})
        self.assertEqual(outcome(self.ec2.describe_availability_zones), "ok")
        self.assertEqual(outcome(self.sts.get_caller_identity), "ok")
        results = [outcome(self.ec2.describe_regions) for _ in range(5)]
        self.assertEqual(results, ["RequestLimitExceeded"] * 3 + ["ok"] * 2)
        self.assertEqual(outcome(self.ec2.describe_availability_zones), "ok")
        rule = self.rule(rule_id)
        self.assertEqual((rule["state"], rule["matched"], rule["applied"], rule["remaining"]), ("expired", 3, 3, 0))

    def test_probability_030_over_2000_calls(self):
        self.add({"service": "ec2", "operation": "DescribeRegions", "throttle": True, "probability": 0.3})
        throttled = sum(outcome(self.ec2.describe_regions) != "ok" for _ in range(2000))
        print(f"\nprobability 0.3: {throttled} of 2000 throttled ({throttled / 20:.1f} %)")
        self.assertGreaterEqual(throttled, 540)
        self.assertLessEqual(throttled, 660)

    def test_a_two_second_window_starts_and_ends_on_time(self):
        status, body = self.server.admin("/_chokepoint/faults", "POST", {
            "service": "sts", "tag": "window", "throttle": True, "start_after": "1s", "duration": "2s"})
        self.assertEqual(status, 200, body)
        anchor = server_time(body["faults"][0]["anchored_at"])
        sts = tag_requests(self.server.client("sts", retries=NO_RETRIES), "window")
        deadline = time.monotonic() + 3.6
        while time.monotonic() < deadline:
            outcome(sts.get_caller_identity)
            time.sleep(0.01)
        _, log = self.server.admin("/_chokepoint/requests?limit=1000")
        calls = sorted((server_time(r["time"]) - anchor, r["outcome"]) for r in log["requests"] if r.get("tag") == "window")
        faulted = [t for t, o in calls if o == "fault"]
        self.assertTrue(faulted, calls)
        first_fault, last_fault = faulted[0], faulted[-1]
        first_ok_after = min(t for t, o in calls if o == "ok" and t > last_fault)
        print(f"\nwindow 1s..3s observed: first fault at {first_fault:.3f} s, first ok after it at {first_ok_after:.3f} s")
        self.assertLess(abs(first_fault - 1.0), 0.1)
        self.assertLess(abs(first_ok_after - 3.0), 0.1)
        # Logged times have millisecond resolution: allow that much either side of each edge.
        self.assertTrue(all(o == "ok" for t, o in calls if t < 0.998 or t >= 3.002), calls)
        self.assertTrue(all(o == "fault" for t, o in calls if 1.002 <= t < 2.998), calls)

    def test_latency_200ms_adds_200_to_260ms(self):
        def timed_calls(n):
            out = []
            for _ in range(n):
                start = time.perf_counter()
                self.sts.get_caller_identity()
                out.append((time.perf_counter() - start) * 1000)
            return out
        timed_calls(3)  # warm up the connection
        baseline = statistics.median(timed_calls(7))
        self.add({"service": "sts", "latency": {"ms": 200}})
        delayed = timed_calls(7)
        added = [d - baseline for d in delayed]
        print(f"\nlatency 200 ms: baseline {baseline:.1f} ms, added {min(added):.1f}..{max(added):.1f} ms")
        for total, extra in zip(delayed, added):
            self.assertGreaterEqual(total, 200)  # the response is never sent early
            self.assertLessEqual(extra, 260)

    def test_rate_5_per_second_admits_5_per_second_over_5_seconds(self):
        self.add({"service": "ec2", "operation": "DescribeRegions", "rate": {"per_second": 5, "burst": 1}})
        admitted = [0] * 5
        start = time.monotonic()
        calls = 0
        while (elapsed := time.monotonic() - start) < 5.0:
            second = int(elapsed)
            ok = outcome(self.ec2.describe_regions) == "ok"
            calls += 1
            admitted[second] += ok
        print(f"\nrate 5/s: admitted per second {admitted} out of {calls} calls")
        for count in admitted:
            self.assertGreaterEqual(count, 4)
            self.assertLessEqual(count, 6)
        self.assertGreater(calls, 100)
        self.assertEqual(outcome(self.ec2.describe_availability_zones), "ok")

    def test_tag_scoped_rule_leaves_untagged_requests_alone(self):
        self.add({"service": "sts", "tag": "test-a", "throttle": True})
        tagged = tag_requests(self.server.client("sts", retries=NO_RETRIES), "test-a")
        other = tag_requests(self.server.client("sts", retries=NO_RETRIES), "test-b")
        self.assertEqual(outcome(self.sts.get_caller_identity), "ok")
        self.assertEqual(outcome(other.get_caller_identity), "ok")
        self.assertEqual(outcome(tagged.get_caller_identity), "Throttling")

    def test_error_action_in_each_protocol(self):
        self.add({"service": "ec2", "error": {"code": "InternalError", "status": 500, "message": "boom"}})
        self.add({"service": "sts", "error": {"code": "ExpiredToken", "status": 403, "message": "old {operation}"}})
        with self.assertRaises(ClientError) as e:
            self.ec2.describe_regions()
        self.assertEqual(e.exception.response["Error"], {"Code": "InternalError", "Message": "boom"})
        self.assertEqual(e.exception.response["ResponseMetadata"]["HTTPStatusCode"], 500)
        with self.assertRaises(ClientError) as e:
            self.sts.get_caller_identity()
        self.assertEqual(e.exception.response["Error"]["Code"], "ExpiredToken")
        self.assertEqual(e.exception.response["Error"]["Message"], "old GetCallerIdentity")
        self.assertEqual(e.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)

    def test_an_error_without_a_message_names_its_rule(self):
        rule_id = self.add({"service": "ec2", "error": {"code": "InternalError", "status": 500}})
        with self.assertRaises(ClientError) as e:
            self.ec2.describe_regions()
        self.assertEqual(e.exception.response["Error"],
                         {"Code": "InternalError", "Message": f"Injected by fault rule {rule_id}"})

    def test_bad_rule_json_gets_400_with_the_field_and_leaves_rules_alone(self):
        rule_id = self.add({"service": "sts", "throttle": True})
        cases = [
            ({"service": "sts", "throttle": True, "probability": 1.5}, "probability"),
            ({"service": "stss", "throttle": True}, "service"),
            ({"service": "sts", "latency": {"ms": "slow"}}, "latency.ms"),
            ([{"throttle": True}, {"throttle": True, "count": 0}], "[1].count"),
            ({"service": "sts"}, ""),
            ({"service": "sts", "throttle": True, "colour": "red"}, "colour"),
        ]
        for body, field in cases:
            with self.subTest(body=body):
                status, answer = self.server.admin("/_chokepoint/faults", "POST", body)
                self.assertEqual(status, 400, answer)
                self.assertEqual(answer["field"], field)
                self.assertIn(field, answer["error"])
        _, listing = self.server.admin("/_chokepoint/faults")
        self.assertEqual([r["id"] for r in listing["faults"]], [rule_id])
        self.assertEqual(outcome(self.sts.get_caller_identity), "Throttling")

    def test_delete_by_id_and_clear(self):
        first = self.add({"service": "sts", "throttle": True})
        second = self.add({"service": "ec2", "throttle": True})
        self.assertEqual(self.server.admin(f"/_chokepoint/faults/{first}", "DELETE"), (200, {"deleted": first}))
        self.assertEqual(self.server.admin(f"/_chokepoint/faults/{first}", "DELETE")[0], 404)
        self.assertEqual(outcome(self.sts.get_caller_identity), "ok")
        self.assertEqual(outcome(self.ec2.describe_regions), "RequestLimitExceeded")
        self.assertEqual(self.server.admin("/_chokepoint/faults", "DELETE"), (200, {"deleted": 1}))
        self.assertEqual(outcome(self.ec2.describe_regions), "ok")
        self.assertEqual(self.server.admin(f"/_chokepoint/faults/{second}")[0], 404)

    def test_reset_clears_rules(self):
        self.add({"service": "sts", "throttle": True})
        self.reset()
        self.assertEqual(self.server.admin("/_chokepoint/faults")[1]["faults"], [])
        self.assertEqual(outcome(self.sts.get_caller_identity), "ok")

    def test_request_log_names_the_rule_and_the_outcome(self):
        rule_id = self.add({"service": "ec2", "operation": "DescribeRegions", "throttle": True, "count": 1})
        outcome(self.ec2.describe_regions)
        outcome(self.sts.get_caller_identity)
        status, body = self.server.admin("/_chokepoint/requests?limit=2")
        self.assertEqual(status, 200)
        newest, older = body["requests"]
        self.assertEqual((newest["service"], newest["operation"], newest["outcome"]), ("sts", "GetCallerIdentity", "ok"))
        self.assertEqual((older["operation"], older["outcome"], older["status"]), ("DescribeRegions", "fault", 503))
        self.assertEqual((older["rule"], older["error_code"]), (rule_id, "RequestLimitExceeded"))
        self.assertEqual((older["account"], older["region"]), ("123456789012", "us-east-1"))
        self.assertEqual(self.server.admin("/_chokepoint/requests?limit=zero")[0], 400)

    def test_rules_survive_many_concurrent_callers(self):
        import concurrent.futures
        self.add({"service": "ec2", "operation": "DescribeRegions", "throttle": True, "count": 40})

        def call(_):
            client = self.server.client("ec2", retries=NO_RETRIES)
            return [outcome(client.describe_regions) for _ in range(20)]

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            results = [o for batch in pool.map(call, range(8)) for o in batch]
        self.assertEqual(results.count("RequestLimitExceeded"), 40)
        self.assertEqual(results.count("ok"), 120)


class CtlTest(ServerTestCase):

    def ctl(self, *args, endpoint=None):
        cmd = [BINARY, "ctl", "--endpoint", endpoint or self.server.endpoint, *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30)

    def test_fault_add_list_rm_clear(self):
        self.reset()
        out = self.ctl("fault", "add", "--service", "ec2", "--operation", "DescribeRegions", "--throttle", "--count", "3")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertRegex(out.stdout, r"^added (f\d+): ec2 DescribeRegions -> throttle, count 3 \(3 left\)\n$")
        rule_id = out.stdout.split()[1].rstrip(":")
        ec2 = self.server.client("ec2", retries=NO_RETRIES)
        self.assertEqual(outcome(ec2.describe_regions), "RequestLimitExceeded")
        listing = self.ctl("fault", "list")
        self.assertEqual(listing.returncode, 0, listing.stderr)
        self.assertIn(rule_id, listing.stdout)
        self.assertRegex(listing.stdout, rule_id + r"\s+api\s+active\s+1\s+1\s+")
        requests = self.ctl("requests", "--limit", "1")
        self.assertIn("fault:" + rule_id, requests.stdout)
        as_json = self.ctl("--json", "fault", "show", rule_id)
        self.assertEqual(json.loads(as_json.stdout)["applied"], 1)
        self.assertEqual(self.ctl("fault", "rm", rule_id).stdout, f"deleted {rule_id}\n")
        self.assertEqual(outcome(ec2.describe_regions), "ok")
        self.assertEqual(self.ctl("fault", "add", "--service", "sts", "--latency", "10-20").returncode, 0)
        self.assertEqual(self.ctl("fault", "clear").stdout, "deleted 1\n")
        self.assertEqual(self.ctl("fault", "list").stdout, "no fault rules\n")

    def test_buckets_reset_reload_and_scenarios(self):
        self.server.client("sts").get_caller_identity()
        self.assertEqual(self.ctl("reset").stdout, "reset\n")
        self.assertEqual(self.ctl("reload").stdout, "reloaded\n")
        self.assertEqual(self.ctl("scenario", "list").stdout, "no scenarios\n")
        self.server.client("ec2").describe_availability_zones()
        buckets = self.ctl("buckets", "--service", "ec2")
        self.assertEqual(buckets.returncode, 0, buckets.stderr)
        self.assertIn("ACCOUNT", buckets.stdout)

    def test_errors_and_exit_codes(self):
        refused = self.ctl("fault", "add", "--service", "ec2", "--throttle", "--probability", "3")
        self.assertEqual(refused.returncode, 1)
        self.assertIn("probability: must be between 0 and 1", refused.stderr)
        self.assertEqual(self.ctl("fault", "rm", "f999999").returncode, 1)
        usage = self.ctl("fault", "add", "--count", "many")
        self.assertEqual(usage.returncode, 2)
        self.assertIn("--count expects a number", usage.stderr)
        unreachable = self.ctl("fault", "list", endpoint="http://127.0.0.1:1")
        self.assertEqual(unreachable.returncode, 3)
        self.assertIn("cannot connect", unreachable.stderr)
        self.assertIn("fault add", self.ctl("help").stdout)


class WireShapeTest(unittest.TestCase):
    """An injected throttle is byte for byte what a real bucket throttle is (but for the request id and date)."""

    CONFIG = """
limits:
  - match: {service: ec2}
    buckets: {DescribeAvailabilityZones: {rate: 0.001, burst: 1}}
  - match: {service: sts}
    buckets: {GetCallerIdentity: {rate: 0.001, burst: 1}}
"""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(cls.CONFIG).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def capture(self, client, operation):
        raw = []
        client.meta.events.register("after-call.*", lambda http_response, **_: raw.append(http_response))
        with self.assertRaises(ClientError) as e:
            getattr(client, operation)()
        response = raw[-1]
        request_id = e.exception.response["ResponseMetadata"]["RequestId"]
        headers = sorted((k.lower(), v.replace(request_id, "ID")) for k, v in response.headers.items()
                         if k.lower() not in ("date",))
        return response.status_code, headers, response.content.decode().replace(request_id, "ID")

    def check_same_shape(self, service, operation, rule):
        self.assertEqual(self.server.admin("/_chokepoint/reset", "POST")[0], 200)
        client = self.server.client(service, retries=NO_RETRIES)
        getattr(client, operation)()  # takes the only token
        real = self.capture(client, operation)
        self.assertEqual(self.server.admin("/_chokepoint/reset", "POST")[0], 200)
        self.assertEqual(self.server.admin("/_chokepoint/faults", "POST", rule)[0], 200)
        injected = self.capture(self.server.client(service, retries=NO_RETRIES), operation)
        self.assertEqual(injected, real)
        _, log = self.server.admin("/_chokepoint/requests?limit=1")
        self.assertEqual(log["requests"][0]["outcome"], "fault")
        return real

    def test_ec2_request_limit_exceeded(self):
        status, _, body = self.check_same_shape("ec2", "describe_availability_zones",
                                                {"service": "ec2", "throttle": True})
        self.assertEqual(status, 503)
        self.assertIn("<Code>RequestLimitExceeded</Code>", body)

    def test_sts_throttling(self):
        status, _, body = self.check_same_shape("sts", "get_caller_identity", {"service": "sts", "throttle": True})
        self.assertEqual(status, 400)
        self.assertIn("<Code>Throttling</Code>", body)
        self.assertIn("<Message>Rate exceeded</Message>", body)


if __name__ == "__main__":
    unittest.main()
