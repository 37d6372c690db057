"""GET /_chokepoint/metrics parses as Prometheus text and its counters agree with the requests sent; label caps
fold extra values into "other"; the retry report (GET /_chokepoint/report, `chokepoint ctl report`) shows how
real boto3 clients retried; the decision log writes one JSON line per request and rotates by size."""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import unittest
import urllib.request

from botocore.exceptions import ClientError

import prometheus_format
from harness import BINARY, Server, ServerTestCase

COUNTED = "111111111111"   # 5 reads, then one token every 100 s
ADAPTIVE = "222222222222"  # 5 reads per second
LEGACY = "333333333333"    # 2 reads per second, burst 1
USAGE = "444444444444"     # 10 reads, then one token every 100 s

CONFIG = f"""
limits:
  - match: {{service: ssm, account: "{COUNTED}"}}
    buckets: {{ParameterReads: {{rate: 0.01, burst: 5}}}}
  - match: {{service: ssm, account: "{ADAPTIVE}"}}
    buckets: {{ParameterReads: {{rate: 5, burst: 5}}}}
  - match: {{service: ssm, account: "{LEGACY}"}}
    buckets: {{ParameterReads: {{rate: 2, burst: 1}}}}
  - match: {{service: ssm, account: "{USAGE}"}}
    buckets: {{ParameterReads: {{rate: 0.01, burst: 10}}}}
  - match: {{service: ec2}}
    buckets: {{DescribeRegions: {{enabled: false}}}}
"""


APPLICATION = "666666666666"  # the application-level retry test's account
FAULTED = "777777777777"      # the injected-500 test's account
STACKS = "888888888888"       # the internal-calls test's account


def import_tenacity():
    """tenacity, from the interpreter's own packages or Debian's python3-tenacity (scripts/setup.sh --test
    installs it); None when neither has it."""
    try:
        import tenacity
        return tenacity
    except ImportError:
        pass
    debian = "/usr/lib/python3/dist-packages"
    if os.path.isdir(os.path.join(debian, "tenacity")) and debian not in sys.path:
        sys.path.append(debian)
        try:
            import tenacity
            return tenacity
        except ImportError:
            return None
    return None


def report_for(server, access_key):
    status, report = server.admin(f"/_chokepoint/report?access_key={access_key}")
    assert status == 200, report
    assert len(report["clients"]) == 1, report
    return report["clients"][0]


def scrape(server):
    with urllib.request.urlopen(server.endpoint + "/_chokepoint/metrics", timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4"), response.headers
        return prometheus_format.parse(response.read().decode())


def outcome(call):
    try:
        call()
        return "ok"
    except ClientError as e:
        return e.response["Error"]["Code"]


class MetricsEndpointTest(ServerTestCase):
    CONFIG = CONFIG

    def ssm(self, account, **retries):
        client = self.server.client("ssm", access_key=account, retries=retries or {"total_max_attempts": 1})
        client.put_parameter(Name="/metrics/p", Value="v", Type="String", Overwrite=True)
        return client

    def test_counters_agree_with_the_requests_sent(self):
        before = scrape(self.server)
        ssm = self.ssm(COUNTED)
        results = [outcome(lambda: ssm.get_parameter(Name="/metrics/p")) for _ in range(8)]
        self.assertEqual(results, ["ok"] * 5 + ["ThrottlingException"] * 3)
        status, body = self.server.admin("/_chokepoint/faults", "POST",
                                         {"service": "ec2", "operation": "DescribeRegions", "throttle": True, "count": 2})
        self.assertEqual(status, 200, body)
        rule = body["ids"][0]
        ec2 = self.server.client("ec2", access_key=COUNTED, retries={"total_max_attempts": 1})
        self.assertEqual([outcome(ec2.describe_regions) for _ in range(3)], ["RequestLimitExceeded"] * 2 + ["ok"])

        after = scrape(self.server)
        v = prometheus_format.value
        labels = dict(service="ssm", operation="GetParameter", account=COUNTED, region="us-east-1")
        self.assertEqual(v(after, "chokepoint_requests_total", outcome="ok", **labels), 5)
        self.assertEqual(v(after, "chokepoint_requests_total", outcome="throttled", **labels), 3)
        self.assertEqual(v(after, "chokepoint_requests_total", service="ssm", operation="PutParameter",
                           account=COUNTED, outcome="ok"), 1)
        ec2_labels = dict(service="ec2", operation="DescribeRegions", account=COUNTED)
        self.assertEqual(v(after, "chokepoint_requests_total", outcome="fault", **ec2_labels), 2)
        self.assertEqual(v(after, "chokepoint_requests_total", outcome="ok", **ec2_labels), 1)

        def delta(name, **l):
            return v(after, name, **l) - v(before, name, **l)
        self.assertEqual(delta("chokepoint_throttles_total", service="ssm", operation="GetParameter", reason="bucket",
                               source="ParameterReads"), 3)
        self.assertEqual(delta("chokepoint_throttles_total", service="ec2", operation="DescribeRegions", reason="rule",
                               source=rule), 2)
        self.assertEqual(delta("chokepoint_request_duration_seconds_count", service="ssm", operation="GetParameter"), 8)
        tokens = v(after, "chokepoint_bucket_tokens", account=COUNTED, region="us-east-1", service="ssm",
                   bucket="ParameterReads")
        self.assertLess(tokens, 1)
        self.assertEqual(v(after, "chokepoint_bucket_capacity", account=COUNTED, service="ssm", bucket="ParameterReads"), 5)
        # Usage metrics: the same counts through CloudWatch (AWS/Usage CallCount and ThrottleCount).
        print(f"\nscrape: {sum(len(f['samples']) for f in after.values())} samples in {len(after)} families")

    def test_usage_metrics_count_calls_and_throttles_in_cloudwatch(self):
        account = USAGE
        ssm = self.server.client("ssm", access_key=account, retries={"total_max_attempts": 1})
        ssm.put_parameter(Name="/u/p", Value="v", Type="String")
        results = [outcome(lambda: ssm.get_parameter(Name="/u/p")) for _ in range(45)]
        throttled = results.count("ThrottlingException")
        self.assertEqual(throttled, 35)
        cw = self.server.client("cloudwatch", access_key=account)
        now = datetime.datetime.now(datetime.timezone.utc)

        def total(metric):
            points = cw.get_metric_statistics(
                Namespace="AWS/Usage", MetricName=metric, Statistics=["Sum"], Period=3600,
                StartTime=now - datetime.timedelta(minutes=10), EndTime=now + datetime.timedelta(minutes=10),
                Dimensions=[{"Name": "Service", "Value": "SSM"}, {"Name": "Type", "Value": "API"},
                            {"Name": "Resource", "Value": "GetParameter"}, {"Name": "Class", "Value": "None"}])
            return sum(p["Sum"] for p in points["Datapoints"])
        self.assertEqual(total("CallCount"), 45)
        self.assertEqual(total("ThrottleCount"), throttled)

    def test_retry_report_for_an_adaptive_client_driven_into_throttling(self):
        ssm = self.ssm(ADAPTIVE, mode="adaptive", max_attempts=10)
        retried = sum(ssm.get_parameter(Name="/metrics/p")["ResponseMetadata"]["RetryAttempts"] > 0 for _ in range(30))
        self.assertGreater(retried, 0)
        status, report = self.server.admin(f"/_chokepoint/report?access_key={ADAPTIVE}")
        self.assertEqual(status, 200)
        self.assertEqual(len(report["clients"]), 1, report)
        client = report["clients"][0]
        print(f"\nadaptive: amplification {client['amplification']}, waits {client['waits']}, "
              f"jitter {client['jitter']}")
        self.assertEqual(client["retry_mode"], "adaptive")
        self.assertEqual(client["invocations"], 31)
        self.assertGreater(client["amplification"], 1)
        self.assertGreater(client["waits"][0]["p50_ms"], 0)
        self.assertGreater(client["waits"][0]["max_ms"], 0)
        self.assertEqual(client["gave_up_throttled"], 0)
        self.assertEqual(sum(client["attempts"].values()), 31)

        out = subprocess.run([BINARY, "ctl", "--endpoint", self.server.endpoint, "report", "--access-key", ADAPTIVE],
                             capture_output=True, text=True, timeout=30)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("mode adaptive  invocations 31", out.stdout)
        self.assertIn("wait after attempt 1:", out.stdout)

    def test_retry_report_for_a_legacy_client_sees_jittered_backoff(self):
        # botocore's legacy backoff outside DynamoDB is rand() x 2^(n-1) s: jittered. (Its DynamoDB backoff,
        # 50 ms x 2^(n-1) without jitter, is covered by the unit tests with synthetic requests.)
        ssm = self.ssm(LEGACY, mode="legacy")
        for _ in range(8):
            ssm.get_parameter(Name="/metrics/p")
        status, report = self.server.admin(f"/_chokepoint/report?access_key={LEGACY}")
        client = report["clients"][0]
        print(f"\nlegacy: amplification {client['amplification']}, waits {client['waits']}, jitter {client['jitter']}")
        self.assertEqual(client["retry_mode"], "legacy")
        self.assertGreater(client["amplification"], 1)
        retries = sum(w["count"] for w in client["waits"])
        if retries >= 3:
            self.assertEqual(client["jitter"]["verdict"], "jittered")

    def test_tenacity_retries_of_one_call_are_one_logical_call(self):
        """An application retrying around an SDK that makes one attempt: every retry is a new SDK invocation (a
        new invocation id), and the report still shows one logical call with four application-level attempts."""
        tenacity = import_tenacity()
        if tenacity is None:
            self.skipTest("tenacity is not installed (Debian: python3-tenacity; scripts/setup.sh --test installs it)")
        ssm = self.ssm(APPLICATION)
        status, body = self.server.admin("/_chokepoint/faults", "POST", {
            "service": "ssm", "operation": "GetParameter", "account": APPLICATION, "throttle": True, "count": 3})
        self.assertEqual(status, 200, body)

        @tenacity.retry(stop=tenacity.stop_after_attempt(4), wait=tenacity.wait_fixed(0.05),
                        retry=tenacity.retry_if_exception_type(ClientError), reraise=True)
        def get_parameter():
            return ssm.get_parameter(Name="/metrics/p")

        self.assertEqual(get_parameter()["Parameter"]["Value"], "v")
        client = report_for(self.server, APPLICATION)
        print(f"\ntenacity: {client['logical_calls']} logical calls, {client['application_attempts']}")
        self.assertEqual(client["invocations"], 5)  # PutParameter, then four GetParameter invocations
        self.assertEqual(client["logical_calls"], 2)
        self.assertEqual(client["application_retried_calls"], 1)
        self.assertEqual(client["application_attempts"], {"1": 1, "4": 1})
        self.assertEqual(client["fault_requests"], 3)
        out = subprocess.run([BINARY, "ctl", "--endpoint", self.server.endpoint, "report", "--access-key",
                              APPLICATION], capture_output=True, text=True, timeout=30)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("logical calls 2  retried by the application 1  invocations per logical call:  1=1  4=1",
                      out.stdout)

    def test_injected_server_errors_are_counted(self):
        ec2 = self.server.client("ec2", access_key=FAULTED, retries={"mode": "standard", "total_max_attempts": 3})
        status, body = self.server.admin("/_chokepoint/faults", "POST", {
            "service": "ec2", "operation": "DescribeRegions", "account": FAULTED, "count": 2,
            "error": {"code": "InternalError", "status": 500, "message": "injected"}})
        self.assertEqual(status, 200, body)
        response = ec2.describe_regions()
        self.assertEqual(response["ResponseMetadata"]["RetryAttempts"], 2)
        client = report_for(self.server, FAULTED)
        self.assertEqual((client["fault_requests"], client["server_error_requests"]), (2, 2))
        self.assertEqual(client["attempts"], {"3": 1})

    def test_calls_cloudformation_makes_are_labelled_internal(self):
        cfn = self.server.client("cloudformation", access_key=STACKS)
        template = {"Resources": {"P": {"Type": "AWS::SSM::Parameter",
                                        "Properties": {"Name": "/metrics/stack", "Type": "String", "Value": "v"}}}}
        cfn.create_stack(StackName="report-internal", TemplateBody=json.dumps(template))
        cfn.get_waiter("stack_create_complete").wait(StackName="report-internal",
                                                     WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        _, report = self.server.admin("/_chokepoint/report")
        internal = [c for c in report["clients"] if c["internal"]]
        self.assertEqual([c["user_agent"] for c in internal], ["cloudformation.amazonaws.com"], report)
        self.assertGreaterEqual(internal[0]["requests_without_invocation_id"], 1)
        out = subprocess.run([BINARY, "ctl", "--endpoint", self.server.endpoint, "report"], capture_output=True,
                             text=True, timeout=30)
        self.assertIn("internal calls by cloudformation.amazonaws.com", out.stdout)

    def test_reset_clears_the_retry_report_and_keeps_counters(self):
        sts = self.server.client("sts", access_key="555555555555")
        sts.get_caller_identity()
        before = prometheus_format.value(scrape(self.server), "chokepoint_requests_total", service="sts",
                                         account="555555555555", outcome="ok")
        self.reset()
        _, report = self.server.admin("/_chokepoint/report")
        self.assertEqual(report["clients"], [])
        after = prometheus_format.value(scrape(self.server), "chokepoint_requests_total", service="sts",
                                        account="555555555555", outcome="ok")
        self.assertEqual((before, after), (1, 1))


class LabelCapTest(unittest.TestCase):
    def test_accounts_beyond_the_cap_are_other(self):
        with Server("metrics: {prometheus: {max_accounts: 2}}") as server:
            for account in ("111111111111", "222222222222", "333333333333", "444444444444", "333333333333"):
                server.client("sts", access_key=account).get_caller_identity()
            families = scrape(server)
            v = prometheus_format.value
            self.assertEqual(v(families, "chokepoint_requests_total", service="sts", account="111111111111"), 1)
            self.assertEqual(v(families, "chokepoint_requests_total", service="sts", account="other"), 3)
            self.assertEqual(v(families, "chokepoint_label_overflow_total", label="account"), 3)
            accounts = {l.get("account") for _, l, _ in families["chokepoint_requests_total"]["samples"]}
            self.assertEqual(accounts, {"111111111111", "222222222222", "other"})


class DecisionLogTest(unittest.TestCase):
    def test_one_line_per_request_rotated_by_size(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "decisions.jsonl")
            config = f"metrics: {{decision_log: {{path: {json.dumps(path)}, max_bytes: 4096, keep_files: 2}}}}"
            with Server(config) as server:
                sts = server.client("sts", access_key="111111111111")
                for _ in range(40):
                    sts.get_caller_identity()
                files = [path, path + ".1", path + ".2"]
                self.assertTrue(all(os.path.exists(f) for f in files), os.listdir(tmp))
                self.assertFalse(os.path.exists(path + ".3"))
                lines = []
                for f in reversed(files):
                    with open(f) as handle:
                        lines += [json.loads(line) for line in handle]
                    self.assertLessEqual(os.path.getsize(f), 4096)
                self.assertLess(len(lines), 40)  # the oldest file was dropped
                last = lines[-1]
                self.assertEqual((last["service"], last["operation"], last["outcome"], last["status"]),
                                 ("sts", "GetCallerIdentity", "ok", 200))
                self.assertEqual(last["account"], "111111111111")
                self.assertTrue(last["invocation_id"])
                self.assertTrue(last["sdk_request"].startswith("attempt=1"))


if __name__ == "__main__":
    unittest.main()
