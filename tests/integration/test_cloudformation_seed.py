"""The documented failure, for real: a stack whose resources all call SSM PutParameter at once exceeds the
account's PutParameter rate and ends ROLLBACK_COMPLETE with "Rate exceeded"; a DependsOn chain, or one stack at
a time, succeeds. Needs the emulated SSM service; skipped when the server does not offer it."""
import time
import unittest

from harness import Server

N = 60
FAST_RETRIES = """
cloudformation:
  downstream_throttling: {retries: 3, base_delay_ms: 100, max_delay_ms: 400}
"""


def template(prefix, chain):
    lines = ["Resources:"]
    for i in range(N):
        lines += [f"  P{i}:", "    Type: AWS::SSM::Parameter"]
        if chain and i:
            lines.append(f"    DependsOn: P{i - 1}")
        lines += ["    Properties:", f"      Name: {prefix}{i}", "      Type: String", f"      Value: value-{i}"]
    return "\n".join(lines) + "\n"


def server_has_ssm():
    with Server() as server:
        return "ssm" in server.admin("/_chokepoint/health")[1]["services"]


HAS_SSM = server_has_ssm()


@unittest.skipUnless(HAS_SSM, "the server does not emulate SSM Parameter Store")
class SeedScenarioTest(unittest.TestCase):
    def start(self, ssm_limits):
        config = "limits:\n  - match: {service: ssm}\n    buckets:\n" + ssm_limits + FAST_RETRIES
        self.server = Server(config).start()
        self.addCleanup(self.server.stop)
        self.cf = self.server.client("cloudformation")
        self.ssm = self.server.client("ssm", retries={"mode": "standard", "total_max_attempts": 10})

    def settle(self, name, timeout=40):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.cf.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
            if not status.endswith("_IN_PROGRESS"):
                return status
            time.sleep(0.1)
        self.fail(f"{name} did not settle")

    def existing(self, prefix):
        names = [f"{prefix}{i}" for i in range(N)]
        found = {}
        for i in range(0, N, 10):
            for p in self.ssm.get_parameters(Names=names[i:i + 10])["Parameters"]:
                found[p["Name"]] = p["Value"]
        return found

    def rate_exceeded_reasons(self, name):
        reasons = []
        for page in self.cf.get_paginator("describe_stack_events").paginate(StackName=name):
            reasons += [e.get("ResourceStatusReason", "") for e in page["StackEvents"]
                        if e["ResourceStatus"] == "CREATE_FAILED"]
        return [r for r in reasons if "Rate exceeded" in r]

    def test_parallel_parameters_roll_back_and_a_chain_succeeds(self):
        self.start("      PutParameter: {rate: 5, burst: 5}\n      DeleteParameter: {rate: 100, burst: 100}\n")
        self.cf.create_stack(StackName="parallel", TemplateBody=template("/seed/parallel/", False))
        self.assertEqual(self.settle("parallel"), "ROLLBACK_COMPLETE")
        reasons = self.rate_exceeded_reasons("parallel")
        self.assertTrue(reasons)
        self.assertIn("(Service: Ssm, Status Code: 400, Request ID: ", reasons[0])
        self.assertEqual(self.existing("/seed/parallel/"), {})

        self.cf.create_stack(StackName="chain", TemplateBody=template("/seed/chain/", True))
        self.assertEqual(self.settle("chain", timeout=60), "CREATE_COMPLETE")
        found = self.existing("/seed/chain/")
        self.assertEqual(len(found), N)
        self.assertEqual(found["/seed/chain/59"], "value-59")

    def test_two_stacks_at_once_fail_where_one_at_a_time_succeeds(self):
        self.start("      PutParameter: {rate: 10, burst: 60}\n      DeleteParameter: {rate: 100, burst: 200}\n")
        self.cf.create_stack(StackName="alone", TemplateBody=template("/seed/alone/", False))
        self.assertEqual(self.settle("alone"), "CREATE_COMPLETE")
        self.assertEqual(self.server.admin("/_chokepoint/reset", "POST")[0], 200)  # full buckets, no state
        self.cf.create_stack(StackName="first", TemplateBody=template("/seed/first/", False))
        self.cf.create_stack(StackName="second", TemplateBody=template("/seed/second/", False))
        outcomes = {self.settle("first"), self.settle("second")}
        self.assertIn("ROLLBACK_COMPLETE", outcomes)


if __name__ == "__main__":
    unittest.main()
