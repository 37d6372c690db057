"""Fault rules and scenarios from the YAML config: phases in time, manual starts, reset and reload."""
import subprocess
import time
import unittest
from datetime import datetime

from botocore.exceptions import ClientError

from harness import BINARY, ServerTestCase, wait_until

LIMITS = """
limits:
  - match: {service: ec2}
    buckets: {DescribeRegions: {enabled: false}, DescribeAvailabilityZones: {enabled: false}}
  - match: {service: sts}
    buckets: {GetCallerIdentity: {enabled: false}}
"""

CONFIG = LIMITS + """
faults:
  - {name: cfg-throttle, service: sts, tag: cfg, throttle: true}
scenarios:
  - name: storm
    start: manual
    phases:
      - duration: 1s
      - duration: 1s
        faults:
          - {service: ec2, operation: DescribeRegions, tag: storm, throttle: true}
      - {}
  - name: boot
    phases:
      - faults: [{service: ec2, operation: DescribeAvailabilityZones, tag: boot, error: {code: Booting, status: 500}}]
"""

NO_RETRIES = {"total_max_attempts": 1}


def tagged(client, tag):
    client.meta.events.register("before-send.*", lambda request, **_: request.headers.__setitem__("x-chokepoint-tag", tag))
    return client


def outcome(call):
    try:
        call()
        return "ok"
    except ClientError as e:
        return e.response["Error"]["Code"]


def server_time(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


class ScenarioTest(ServerTestCase):
    CONFIG = CONFIG

    def setUp(self):
        self.reset()

    def scenario(self, name):
        _, body = self.server.admin("/_chokepoint/scenarios")
        return next(s for s in body["scenarios"] if s["name"] == name)

    def test_config_rule_applies_and_is_listed(self):
        sts = tagged(self.server.client("sts", retries=NO_RETRIES), "cfg")
        self.assertEqual(outcome(sts.get_caller_identity), "Throttling")
        self.assertEqual(outcome(self.server.client("sts", retries=NO_RETRIES).get_caller_identity), "ok")
        _, body = self.server.admin("/_chokepoint/faults")
        config_rules = [r for r in body["faults"] if r["source"] == "config"]
        self.assertEqual(len(config_rules), 1)
        self.assertEqual((config_rules[0]["name"], config_rules[0]["applied"]), ("cfg-throttle", 1))

    def test_scenario_started_with_the_server(self):
        boot = self.scenario("boot")
        self.assertEqual((boot["state"], boot["phase"], boot["start"]), ("running", 0, "server"))
        ec2 = tagged(self.server.client("ec2", retries=NO_RETRIES), "boot")
        self.assertEqual(outcome(ec2.describe_availability_zones), "Booting")
        self.assertEqual(outcome(ec2.describe_regions), "ok")

    def test_manual_scenario_runs_its_phases_on_time(self):
        self.assertEqual(self.scenario("storm")["state"], "waiting")
        ec2 = tagged(self.server.client("ec2", retries=NO_RETRIES), "storm")
        self.assertEqual(outcome(ec2.describe_regions), "ok")
        status, started = self.server.admin("/_chokepoint/scenarios/storm/start", "POST")
        self.assertEqual((status, started["state"], started["phase"]), (200, "running", 0))
        anchor = server_time(started["started_at"])
        deadline = time.monotonic() + 2.5
        while time.monotonic() < deadline:
            outcome(ec2.describe_regions)
            time.sleep(0.01)
        _, log = self.server.admin("/_chokepoint/requests?limit=1000")
        calls = sorted((server_time(r["time"]) - anchor, r["outcome"]) for r in log["requests"]
                       if r.get("tag") == "storm" and server_time(r["time"]) >= anchor)
        faulted = [t for t, o in calls if o == "fault"]
        self.assertTrue(faulted, calls)
        self.assertLess(abs(faulted[0] - 1.0), 0.1)
        self.assertLess(abs(min(t for t, o in calls if o == "ok" and t > faulted[-1]) - 2.0), 0.1)
        self.assertEqual(self.scenario("storm")["phase"], 2)
        self.assertEqual(self.server.admin("/_chokepoint/scenarios/storm/stop", "POST")[1]["state"], "waiting")
        self.assertEqual(self.server.admin("/_chokepoint/scenarios/nope/start", "POST")[0], 404)

    def test_ctl_scenarios(self):
        out = subprocess.run([BINARY, "ctl", "--endpoint", self.server.endpoint, "scenario", "start", "storm"],
                             capture_output=True, text=True, timeout=30)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertRegex(out.stdout, r"storm\s+manual\s+running\s+1/3")
        listing = subprocess.run([BINARY, "ctl", "--endpoint", self.server.endpoint, "scenario", "list"],
                                 capture_output=True, text=True, timeout=30)
        self.assertRegex(listing.stdout, r"boot\s+server\s+running\s+1/1")

    def test_reset_restores_config_rules_after_clear(self):
        self.assertEqual(self.server.admin("/_chokepoint/faults", "DELETE")[0], 200)
        sts = tagged(self.server.client("sts", retries=NO_RETRIES), "cfg")
        self.assertEqual(outcome(sts.get_caller_identity), "ok")
        self.reset()
        self.assertEqual(outcome(sts.get_caller_identity), "Throttling")


class ReloadTest(ServerTestCase):
    CONFIG = LIMITS + "faults:\n  - {service: sts, throttle: true}\n"

    def test_reload_replaces_config_rules_and_keeps_runtime_ones(self):
        sts = self.server.client("sts", retries=NO_RETRIES)
        ec2 = self.server.client("ec2", retries=NO_RETRIES)
        self.assertEqual(outcome(sts.get_caller_identity), "Throttling")
        self.server.admin("/_chokepoint/faults", "POST", {"service": "ec2", "operation": "DescribeRegions",
                                                          "throttle": True})
        with open(self.server.config_path, "w") as f:
            f.write(LIMITS + "faults:\n  - {service: ec2, operation: DescribeAvailabilityZones, throttle: true}\n")
        self.assertEqual(self.server.admin("/_chokepoint/config/reload", "POST")[0], 200)
        self.assertEqual(outcome(sts.get_caller_identity), "ok")
        self.assertEqual(outcome(ec2.describe_availability_zones), "RequestLimitExceeded")
        self.assertEqual(outcome(ec2.describe_regions), "RequestLimitExceeded")
        # A bad file changes nothing.
        with open(self.server.config_path, "w") as f:
            f.write(LIMITS + "faults:\n  - {service: ec2, throttle: maybe}\n")
        status, body = self.server.admin("/_chokepoint/config/reload", "POST")
        self.assertEqual(status, 400)
        self.assertIn("faults[0].throttle: expected true", body["errors"][0])
        self.assertEqual(outcome(ec2.describe_availability_zones), "RequestLimitExceeded")
        # SIGHUP reloads too.
        with open(self.server.config_path, "w") as f:
            f.write(LIMITS)
        self.server.process.send_signal(1)
        self.assertTrue(wait_until(lambda: outcome(ec2.describe_availability_zones) == "ok"))


if __name__ == "__main__":
    unittest.main()
