"""DynamoDB capacity as CloudWatch shows it (issue 9's DynamoDB acceptance): writes, some throttled, driven with
boto3 and read back with `aws cloudwatch get-metric-statistics`; and a throttle fault rule with a count on GetItem
against boto3's standard retry mode. Loads are bounded in count."""
import datetime
import json
import subprocess
import time
import unittest

from botocore.exceptions import ClientError

from harness import ServerTestCase, aws_clis

ACCOUNT = "123456789012"


def utc(minutes):
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class CloudWatchDynamoDbMetricsTest(ServerTestCase):
    """ConsumedWriteCapacityUnits returns what the test consumed; WriteThrottleEvents the throttles boto3 saw."""

    CONFIG = "dynamodb:\n  capacity:\n    burst_window_seconds: 2\n"

    def setUp(self):
        self.reset()
        self.client = self.server.client("dynamodb", retries={"max_attempts": 0})
        self.cw = self.server.client("cloudwatch")

    def create(self):
        self.client.create_table(
            TableName="Tbl", AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                 {"AttributeName": "g", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
            GlobalSecondaryIndexes=[{"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                     "Projection": {"ProjectionType": "KEYS_ONLY"},
                                     "ProvisionedThroughput": {"ReadCapacityUnits": 100, "WriteCapacityUnits": 100}}])

    def write_load(self, count):
        """`count` 1.5 KB puts without retries; returns (table units, index units, ok, throttled) as boto3 saw them."""
        table_units = index_units = 0.0
        ok = throttled = 0
        for i in range(count):
            try:
                r = self.client.put_item(TableName="Tbl", Item={"pk": {"S": f"k{i}"}, "g": {"S": f"g{i % 3}"},
                                                              "d": {"S": "x" * 1500}},
                                         ReturnConsumedCapacity="INDEXES")
                ok += 1
                table_units += r["ConsumedCapacity"]["Table"]["CapacityUnits"]
                index_units += r["ConsumedCapacity"]["GlobalSecondaryIndexes"]["byG"]["CapacityUnits"]
            except ClientError as e:
                self.assertEqual(e.response["Error"]["Code"], "ProvisionedThroughputExceededException")
                self.assertEqual(e.response["ResponseMetadata"]["RetryAttempts"], 0)
                throttled += 1
        return table_units, index_units, ok, throttled

    def cli_statistics(self, cli, metric, dimensions, statistics=("Average", "Maximum", "Sum")):
        args = [cli, "cloudwatch", "get-metric-statistics", "--endpoint-url", self.server.endpoint, "--output", "json",
                "--namespace", "AWS/DynamoDB", "--metric-name", metric, "--dimensions", *dimensions,
                "--statistics", *statistics, "--period", "60", "--start-time", utc(-10), "--end-time", utc(2)]
        out = subprocess.run(args, env=self.server.cli_env(), capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        result = json.loads(out.stdout)
        self.assertEqual(result["Label"], metric)
        return result["Datapoints"]

    def boto_sum(self, metric, dimensions, statistic="Sum"):
        points = self.cw.get_metric_statistics(Namespace="AWS/DynamoDB", MetricName=metric, Dimensions=dimensions,
                                               StartTime=time.time() - 600, EndTime=time.time() + 120, Period=60,
                                               Statistics=[statistic])["Datapoints"]
        if statistic == "Maximum":
            return max((p[statistic] for p in points), default=None)
        return sum(p[statistic] for p in points)

    def test_consumed_write_capacity_and_throttle_events_with_the_cli(self):
        self.create()
        started = time.monotonic()
        table_units, index_units, ok, throttled = self.write_load(40)
        self.assertGreater(ok, 0)
        self.assertGreater(throttled, 0)
        self.assertEqual(table_units, 2.0 * ok)  # 1.5 KB -> 2 WCU each
        clis = aws_clis()
        self.assertTrue(clis, "no AWS CLI found")
        for cli, version in clis:
            with self.subTest(cli=version):
                points = self.cli_statistics(cli, "ConsumedWriteCapacityUnits", ["Name=TableName,Value=Tbl"])
                self.assertEqual(sum(p["Sum"] for p in points), table_units)
                self.assertEqual(max(p["Maximum"] for p in points), 2.0)
                self.assertTrue(all(p["Average"] == 2.0 and p["Unit"] == "Count" for p in points), points)
        table = [{"Name": "TableName", "Value": "Tbl"}]
        self.assertEqual(self.boto_sum("WriteThrottleEvents", table), throttled)
        index = table + [{"Name": "GlobalSecondaryIndexName", "Value": "byG"}]
        self.assertEqual(self.boto_sum("ConsumedWriteCapacityUnits", index), index_units)
        self.assertEqual(self.boto_sum("WriteThrottleEvents", index), 0)  # the index had capacity to spare
        self.assertEqual(self.boto_sum("ThrottledRequests", table + [{"Name": "Operation", "Value": "PutItem"}]),
                         throttled)
        self.assertEqual(self.boto_sum("ProvisionedWriteCapacityUnits", table, "Maximum"), 5.0)
        self.assertEqual(self.boto_sum("ProvisionedWriteCapacityUnits", index, "Maximum"), 100.0)
        latency = self.boto_sum("SuccessfulRequestLatency", table + [{"Name": "Operation", "Value": "PutItem"}],
                                "SampleCount")
        self.assertEqual(latency, ok)
        # Reads are reported too: an eventually consistent miss costs half a unit.
        self.client.get_item(TableName="Tbl", Key={"pk": {"S": "absent"}})
        self.assertEqual(self.boto_sum("ConsumedReadCapacityUnits", table), 0.5)
        self.assertLess(time.monotonic() - started, 50)

    def test_batch_throttles_are_events_and_a_partial_batch_is_no_throttled_request(self):
        self.create()
        self.write_load(40)  # burst gone
        time.sleep(0.5)  # a couple of units come back; the batch gets some of its requests through
        requests = [{"PutRequest": {"Item": {"pk": {"S": f"b{i}"}, "d": {"S": "x" * 900}}}} for i in range(10)]
        r = self.client.batch_write_item(RequestItems={"Tbl": requests})
        unprocessed = len(r["UnprocessedItems"].get("Tbl", []))
        self.assertGreater(unprocessed, 0)
        self.assertLess(unprocessed, 10)
        table = [{"Name": "TableName", "Value": "Tbl"}]
        operation = table + [{"Name": "Operation", "Value": "BatchWriteItem"}]
        before = self.boto_sum("WriteThrottleEvents", table)
        self.assertEqual(self.boto_sum("ThrottledRequests", operation), 0)
        # A batch of which nothing gets through is a throttled request, with one event per item.
        with self.assertRaises(ClientError):
            for _ in range(20):
                self.client.batch_write_item(RequestItems={"Tbl": requests[:3]})
        self.assertEqual(self.boto_sum("ThrottledRequests", operation), 1)
        self.assertGreaterEqual(self.boto_sum("WriteThrottleEvents", table), before + 3)


class ThrottleFaultOnGetItemTest(ServerTestCase):
    """A throttle fault with `count: 3` on GetItem: boto3's standard mode succeeds on its fourth attempt."""

    def test_standard_mode_retries_through_three_injected_throttles(self):
        client = self.server.client("dynamodb", retries={"mode": "standard", "max_attempts": 5})
        client.create_table(TableName="faulty", BillingMode="PAY_PER_REQUEST",
                            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        client.put_item(TableName="faulty", Item={"pk": {"S": "a"}, "v": {"S": "1"}})
        status, body = self.server.admin("/_chokepoint/faults", "POST",
                                         {"service": "dynamodb", "operation": "GetItem", "throttle": True, "count": 3})
        self.assertEqual(status, 200, body)
        rule = body["ids"][0]
        # PutItem is not GetItem: the rule leaves it alone.
        self.assertEqual(client.put_item(TableName="faulty", Item={"pk": {"S": "b"}})["ResponseMetadata"]["RetryAttempts"], 0)
        first = client.get_item(TableName="faulty", Key={"pk": {"S": "a"}})
        self.assertEqual(first["Item"]["v"], {"S": "1"})
        self.assertEqual(first["ResponseMetadata"]["RetryAttempts"], 3)
        second = client.get_item(TableName="faulty", Key={"pk": {"S": "a"}})
        self.assertEqual(second["ResponseMetadata"]["RetryAttempts"], 0)
        status, faults = self.server.admin("/_chokepoint/faults")
        self.assertEqual(status, 200)
        (seen,) = [f for f in faults["faults"] if f["id"] == rule]
        self.assertEqual((seen["applied"], seen["remaining"]), (3, 0))


if __name__ == "__main__":
    unittest.main()
