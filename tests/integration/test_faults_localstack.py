"""LocalStack's Chaos API: the example requests from its documentation, sent unchanged (with curl, as the docs
do), and their effect on real calls."""
import json
import subprocess
import time
import unittest

from botocore.exceptions import ClientError

from harness import ServerTestCase

CONFIG = """
limits:
  - match: {service: ec2}
    buckets: {DescribeRegions: {enabled: false}, DescribeAvailabilityZones: {enabled: false}}
  - match: {service: sts}
    buckets: {GetCallerIdentity: {enabled: false}}
"""

NO_RETRIES = {"total_max_attempts": 1}

# The documentation's examples, verbatim.
DOCS_POST = """
[
    {
        "service": "s3",
        "region": "us-east-1"
    },
    {
        "service": "s3",
        "region": "ap-south-1"
    },
    {
        "service": "lambda"
    }
]"""
DOCS_PATCH = """
[
    {
        "service": "kinesis",
        "operation": "PutRecord",
        "probability": 0.3,
        "error": {
            "statusCode": 400,
            "code": "ProvisionedThroughputExceededException"
        }
    }
]"""
DOCS_DELETE = '[{"service": "lambda"}]'


class LocalStackChaosTest(ServerTestCase):
    CONFIG = CONFIG

    def setUp(self):
        self.reset()

    def curl(self, method, path, data=None):
        """The docs' curl command line, pointed at this server."""
        cmd = ["curl", "--silent", "--location", "--request", method, self.server.endpoint + path]
        if data is not None:
            cmd += ["--header", "Content-Type: application/json", "--data", data]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        self.assertEqual(out.returncode, 0, out.stderr)
        return json.loads(out.stdout)

    def outcome(self, client_call):
        try:
            client_call()
            return "ok"
        except ClientError as e:
            return (e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Code"],
                    e.response["Error"].get("Message", ""))

    def test_documented_requests_work_unchanged(self):
        self.assertEqual(self.curl("POST", "/_localstack/chaos/faults", DOCS_POST), json.loads(DOCS_POST))
        self.assertEqual(self.curl("GET", "/_localstack/chaos/faults"), json.loads(DOCS_POST))
        after_patch = self.curl("PATCH", "/_localstack/chaos/faults", DOCS_PATCH)
        self.assertEqual(after_patch, json.loads(DOCS_POST) + json.loads(DOCS_PATCH))
        after_delete = self.curl("DELETE", "/_localstack/chaos/faults", DOCS_DELETE)
        self.assertEqual(after_delete, json.loads(DOCS_POST)[:2] + json.loads(DOCS_PATCH))
        # Services that are not emulated here are simply never matched.
        self.assertEqual(self.outcome(self.server.client("sts").get_caller_identity), "ok")
        self.assertEqual(self.curl("POST", "/_localstack/chaos/faults", "[]"), [])
        self.assertEqual(self.curl("GET", "/_localstack/chaos/faults"), [])
        self.assertEqual(self.curl("GET", "/_localstack/chaos/effects"), {"latency": 0})

    def test_outage_of_a_service_in_one_region(self):
        self.curl("POST", "/_localstack/chaos/faults", '[{"service": "ec2", "region": "us-east-1"}]')
        east = self.server.client("ec2", region="us-east-1", retries=NO_RETRIES)
        west = self.server.client("ec2", region="eu-west-1", retries=NO_RETRIES)
        self.assertEqual(self.outcome(east.describe_regions),
                         (503, "ServiceUnavailable", "Service 'ec2' not accessible due to an outage"))
        self.assertEqual(self.outcome(west.describe_regions), "ok")
        self.assertEqual(self.outcome(self.server.client("sts").get_caller_identity), "ok")
        _, native = self.server.admin("/_chokepoint/faults")
        self.assertEqual([(r["source"], r["applied"]) for r in native["faults"]], [("localstack", 1)])

    def test_empty_rule_fails_every_call(self):
        self.curl("POST", "/_localstack/chaos/faults", "[{}]")
        sts = self.server.client("sts", retries=NO_RETRIES)
        self.assertEqual(self.outcome(sts.get_caller_identity)[:2], (503, "ServiceUnavailable"))
        ec2 = self.server.client("ec2", retries=NO_RETRIES)
        self.assertEqual(self.outcome(ec2.describe_availability_zones)[:2], (503, "ServiceUnavailable"))

    def test_probabilistic_custom_error(self):
        self.curl("PATCH", "/_localstack/chaos/faults", DOCS_PATCH.replace('"kinesis"', '"ec2"')
                  .replace('"PutRecord"', '"DescribeRegions"'))
        ec2 = self.server.client("ec2", retries=NO_RETRIES)
        results = [self.outcome(ec2.describe_regions) for _ in range(300)]
        failures = [r for r in results if r != "ok"]
        self.assertEqual({r[:2] for r in failures}, {(400, "ProvisionedThroughputExceededException")})
        self.assertGreaterEqual(len(failures), 81)
        self.assertLessEqual(len(failures), 99)
        self.assertEqual(self.outcome(ec2.describe_availability_zones), "ok")

    def test_network_effects_latency(self):
        sts = self.server.client("sts")
        sts.get_caller_identity()
        self.assertEqual(self.curl("POST", "/_localstack/chaos/effects", '{"latency": 200}'), {"latency": 200})
        self.assertEqual(self.curl("GET", "/_localstack/chaos/effects"), {"latency": 200})
        start = time.perf_counter()
        sts.get_caller_identity()
        self.server.client("ec2").describe_regions()
        self.assertGreaterEqual(time.perf_counter() - start, 0.4)
        self.assertEqual(self.curl("POST", "/_localstack/chaos/effects", '{"latency": 0}'), {"latency": 0})
        start = time.perf_counter()
        sts.get_caller_identity()
        self.assertLess(time.perf_counter() - start, 0.15)

    def test_bad_requests_are_refused_and_change_nothing(self):
        self.curl("POST", "/_localstack/chaos/faults", '[{"service": "sts"}]')
        status, body = self.server.admin("/_localstack/chaos/faults", "PATCH", [{"service": "ec2", "probabilty": 1}])
        self.assertEqual(status, 400)
        self.assertEqual(body["field"], "[0].probabilty")
        status, body = self.server.admin("/_localstack/chaos/effects", "POST", {"latency": "fast"})
        self.assertEqual((status, body["field"]), (400, "latency"))
        self.assertEqual(self.curl("GET", "/_localstack/chaos/faults"), [{"service": "sts"}])


if __name__ == "__main__":
    unittest.main()
