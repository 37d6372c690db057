"""Contributor Insights for DynamoDB with real boto3: enabling and disabling on a table and an index, the rules
CloudWatch lists, and the cookbook's hot-partition scenario, where the hot key must be the top contributor of the
most-throttled-keys rule. Durable mode keeps the setting across a restart. Loads are bounded in count and time."""
import datetime
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest

from botocore.exceptions import ClientError

from harness import Server, ServerTestCase, aws_clis, wait_until

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HOT_PARTITION_CONFIG = os.path.join(ROOT, "scripts", "examples", "dynamodb_hot_partition.yaml")
THROTTLE_CODES = ("ProvisionedThroughputExceededException", "ThrottlingException")


def create_events(ddb, name="events", wcu=400):
    ddb.create_table(TableName=name,
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "N"},
                                           {"AttributeName": "device", "AttributeType": "S"}],
                     GlobalSecondaryIndexes=[{"IndexName": "by-device",
                                              "KeySchema": [{"AttributeName": "device", "KeyType": "HASH"}],
                                              "Projection": {"ProjectionType": "KEYS_ONLY"},
                                              "ProvisionedThroughput": {"ReadCapacityUnits": 100,
                                                                        "WriteCapacityUnits": wcu}}],
                     BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 100,
                                                                        "WriteCapacityUnits": wcu})
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})


def rules_of(ddb, table, index=None):
    kwargs = {"TableName": table, **({"IndexName": index} if index else {})}
    return ddb.describe_contributor_insights(**kwargs).get("ContributorInsightsRuleList", [])


def status_of(ddb, table, index=None):
    kwargs = {"TableName": table, **({"IndexName": index} if index else {})}
    return ddb.describe_contributor_insights(**kwargs)["ContributorInsightsStatus"]


class ContributorInsightsLifecycleTest(ServerTestCase):
    CONFIG = "dynamodb: {table_creation_delay_ms: 0}\n"

    def setUp(self):
        self.reset()
        self.ddb = self.server.client("dynamodb")
        self.cw = self.server.client("cloudwatch")

    def test_enable_describe_list_disable(self):
        create_events(self.ddb)
        self.assertEqual(status_of(self.ddb, "events"), "DISABLED")
        out = self.ddb.update_contributor_insights(TableName="events", ContributorInsightsAction="ENABLE")
        self.assertEqual(out["ContributorInsightsStatus"], "ENABLING")
        self.assertTrue(wait_until(lambda: status_of(self.ddb, "events") == "ENABLED", timeout=5))
        described = self.ddb.describe_contributor_insights(TableName="events")
        self.assertIsInstance(described["LastUpdateDateTime"], datetime.datetime)
        rules = described["ContributorInsightsRuleList"]
        self.assertEqual([r.split("-")[1] for r in rules], ["PKC", "SKC", "PKT", "SKT"])
        stamp = rules[0].rsplit("-", 1)[1]
        self.assertEqual(len(stamp), 13)
        self.assertEqual(rules[0], f"DynamoDBContributorInsights-PKC-events-{stamp}")

        self.ddb.update_contributor_insights(TableName="events", IndexName="by-device",
                                             ContributorInsightsAction="ENABLE")
        index_rules = rules_of(self.ddb, "events", "by-device")
        self.assertEqual(len(index_rules), 2)  # the index has no sort key
        self.assertTrue(index_rules[0].startswith("DynamoDBContributorInsights-PKC-events-by-device-"))

        # CloudWatch lists all six rules.
        listed = [r["Name"] for r in self.cw.describe_insight_rules()["InsightRules"]]
        self.assertEqual(sorted(listed), sorted(rules + index_rules))

        paginator = self.ddb.get_paginator("list_contributor_insights") if self.ddb.can_paginate(
            "list_contributor_insights") else None
        summaries = self.ddb.list_contributor_insights(TableName="events")["ContributorInsightsSummaries"]
        self.assertEqual([(s["TableName"], s.get("IndexName")) for s in summaries],
                         [("events", None), ("events", "by-device")])
        if paginator:
            pages = list(paginator.paginate(PaginationConfig={"PageSize": 1}))
            self.assertEqual(sum(len(p["ContributorInsightsSummaries"]) for p in pages), 2)

        self.assertEqual(self.ddb.update_contributor_insights(
            TableName="events", ContributorInsightsAction="DISABLE")["ContributorInsightsStatus"], "DISABLING")
        self.assertTrue(wait_until(lambda: status_of(self.ddb, "events") == "DISABLED", timeout=5))
        self.assertEqual(rules_of(self.ddb, "events"), [])
        with self.assertRaises(ClientError) as gone:
            now = datetime.datetime.now(datetime.timezone.utc)
            self.cw.get_insight_rule_report(RuleName=rules[2], StartTime=now - datetime.timedelta(hours=1),
                                            EndTime=now, Period=60)
        self.assertEqual(gone.exception.response["Error"]["Code"], "ResourceNotFoundException")

    def test_bad_input_changes_nothing(self):
        create_events(self.ddb)
        with self.assertRaises(ClientError) as missing:
            self.ddb.update_contributor_insights(TableName="nothing", ContributorInsightsAction="ENABLE")
        self.assertEqual(missing.exception.response["Error"]["Code"], "ResourceNotFoundException")
        with self.assertRaises(ClientError) as no_index:
            self.ddb.update_contributor_insights(TableName="events", IndexName="nope",
                                                 ContributorInsightsAction="ENABLE")
        self.assertEqual(no_index.exception.response["Error"]["Code"], "ResourceNotFoundException")
        self.assertEqual(status_of(self.ddb, "events"), "DISABLED")
        self.assertEqual(self.cw.describe_insight_rules()["InsightRules"], [])

    def test_cli_enables_and_describes(self):
        clis = aws_clis()
        if not clis:
            self.skipTest("no AWS CLI")
        create_events(self.ddb)
        for cli, version in clis:
            self.ddb.update_contributor_insights(TableName="events", ContributorInsightsAction="DISABLE")
            subprocess.run([cli, "--endpoint-url", self.server.endpoint, "dynamodb", "update-contributor-insights",
                            "--table-name", "events", "--contributor-insights-action", "ENABLE"],
                           env=self.server.cli_env(), check=True, capture_output=True, timeout=60)
            out = subprocess.run([cli, "--endpoint-url", self.server.endpoint, "dynamodb",
                                  "describe-contributor-insights", "--table-name", "events"],
                                 env=self.server.cli_env(), check=True, capture_output=True, timeout=60, text=True)
            self.assertIn("DynamoDBContributorInsights-PKT-events-", out.stdout, version)
            # CloudWatch in the CLI's protocol (v2's older botocore sends the query form).
            rule = json.loads(out.stdout)["ContributorInsightsRuleList"][0]
            report = subprocess.run([cli, "--endpoint-url", self.server.endpoint, "cloudwatch", "get-insight-rule-report",
                                     "--rule-name", rule, "--start-time", "2020-01-01T00:00:00Z",
                                     "--end-time", "2100-01-01T00:00:00Z", "--period", "3600", "--output", "json"],
                                    env=self.server.cli_env(), check=True, capture_output=True, timeout=60, text=True)
            self.assertEqual(json.loads(report.stdout)["KeyLabels"], ["PartitionKey"], version)


class HotPartitionContributorTest(unittest.TestCase):
    """The cookbook's hot partition: the hot key is the most throttled key, and the most accessed one."""

    @classmethod
    def setUpClass(cls):
        with open(HOT_PARTITION_CONFIG) as f:
            cls.server = Server(f.read()).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_hot_key_is_the_top_throttled_contributor(self):
        ddb = self.server.client("dynamodb", retries={"mode": "standard", "total_max_attempts": 1})
        cw = self.server.client("cloudwatch")
        create_events(ddb)
        ddb.update_contributor_insights(TableName="events", ContributorInsightsAction="ENABLE")
        rules = rules_of(ddb, "events")
        pkt = next(r for r in rules if "-PKT-" in r)
        skt = next(r for r in rules if "-SKT-" in r)

        # A few cold keys, then about 150 WCU per second to one key for at most 3 seconds (15 WCU a write).
        for i in range(5):
            ddb.put_item(TableName="events", Item={"pk": {"S": f"device-{i}"}, "sk": {"N": "0"}})
        throttled, start, n = 0, time.monotonic(), 0
        while n < 30 and time.monotonic() - start < 10:
            time.sleep(max(0.0, start + n / 10 - time.monotonic()))
            try:
                ddb.put_item(TableName="events", Item={"pk": {"S": "device-7"}, "sk": {"N": str(n)},
                                                       "body": {"S": "x" * 14900}})
            except ClientError as e:
                self.assertIn(e.response["Error"]["Code"], THROTTLE_CODES)
                throttled += 1
            n += 1
        self.assertGreater(throttled, 0)

        now = datetime.datetime.now(datetime.timezone.utc)
        report = cw.get_insight_rule_report(RuleName=pkt, StartTime=now - datetime.timedelta(minutes=10),
                                            EndTime=now + datetime.timedelta(minutes=1), Period=60,
                                            MaxContributorCount=5, Metrics=["UniqueContributors", "Sum"])
        self.assertEqual(report["KeyLabels"], ["PartitionKey"])
        self.assertEqual(report["AggregationStatistic"], "Sum")
        top = report["Contributors"][0]
        self.assertEqual(top["Keys"], ["device-7"])
        self.assertEqual(top["ApproximateAggregateValue"], throttled)
        self.assertEqual(report["AggregateValue"], throttled)
        self.assertTrue(top["Datapoints"])
        self.assertTrue(all(isinstance(d["Timestamp"], datetime.datetime) for d in top["Datapoints"]))
        self.assertEqual(sum(p["Sum"] for p in report["MetricDatapoints"]), throttled)

        items = cw.get_insight_rule_report(RuleName=skt, StartTime=now - datetime.timedelta(minutes=10),
                                           EndTime=now + datetime.timedelta(minutes=1), Period=300)
        self.assertEqual(items["KeyLabels"], ["PartitionKey", "SortKey"])
        self.assertEqual(items["Contributors"][0]["Keys"][0], "device-7")

        accessed = cw.get_insight_rule_report(RuleName=next(r for r in rules if "-PKC-" in r),
                                              StartTime=now - datetime.timedelta(minutes=10),
                                              EndTime=now + datetime.timedelta(minutes=1), Period=60)
        self.assertEqual(accessed["Contributors"][0]["Keys"], ["device-7"])
        self.assertEqual(accessed["ApproximateUniqueCount"], 6)


class DurableContributorInsightsTest(unittest.TestCase):
    def setUp(self):
        self.data_dir = tempfile.mkdtemp(prefix="chokepoint-insights-")

    def tearDown(self):
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def test_setting_survives_a_restart(self):
        with Server("dynamodb: {table_creation_delay_ms: 0}\n", args=["--data-dir", self.data_dir]) as server:
            ddb = server.client("dynamodb")
            create_events(ddb)
            ddb.update_contributor_insights(TableName="events", IndexName="by-device",
                                            ContributorInsightsAction="ENABLE",
                                            ContributorInsightsMode="THROTTLED_KEYS")
            before = rules_of(ddb, "events", "by-device")
        with Server("dynamodb: {table_creation_delay_ms: 0}\n", args=["--data-dir", self.data_dir]) as server:
            ddb = server.client("dynamodb")
            self.assertEqual(rules_of(ddb, "events", "by-device"), before)
            self.assertEqual(len(before), 1)
            self.assertTrue(wait_until(lambda: status_of(ddb, "events", "by-device") == "ENABLED", timeout=5))
            self.assertEqual(status_of(ddb, "events"), "DISABLED")


if __name__ == "__main__":
    unittest.main()
