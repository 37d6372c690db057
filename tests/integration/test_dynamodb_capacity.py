"""DynamoDB capacity with real boto3: provisioned burst and throttling (acceptance 1) and hot partitions with
and without adaptive capacity (acceptance 2). Loads are paced in real time and bounded in count and time."""
import hashlib
import time
import types
import unittest
from unittest import mock

import botocore.endpoint
from botocore.exceptions import ClientError

from harness import Server, ServerTestCase

ACCOUNT = "123456789012"
THROTTLE_CODES = ("ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded")


def create_provisioned(client, name, rcu, wcu):
    client.create_table(TableName=name, AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                        ProvisionedThroughput={"ReadCapacityUnits": rcu, "WriteCapacityUnits": wcu})


def item(key, size):
    """An item of `size` DynamoDB bytes (pk plus a padding attribute)."""
    return {"pk": {"S": key}, "d": {"S": "x" * (size - 3 - len(key))}}


def partition_of(key, partitions):
    """The partition of a string key, computed as the server does (first 24 bits of MD5 over a fixed prefix)."""
    digest = hashlib.md5(b"Outliers" + key.encode()).digest()
    return (((digest[0] << 16) | (digest[1] << 8) | digest[2]) * partitions) >> 24


class Load:
    """Outcome of a paced load."""

    def __init__(self):
        self.ok = 0
        self.throttled = 0
        self.reasons = set()
        self.first_throttle = None
        self.elapsed = 0.0


def drive(client, table, keys, size, per_second, seconds):
    """PutItem at `per_second` calls for `seconds`, cycling over `keys`; throttles are counted, not retried."""
    load = Load()
    interval = 1.0 / per_second
    start = time.monotonic()
    n = 0
    while n < per_second * seconds:
        delay = start + n * interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        try:
            client.put_item(TableName=table, Item=item(keys[n % len(keys)], size))
            load.ok += 1
        except ClientError as e:
            if e.response["Error"]["Code"] not in THROTTLE_CODES:
                raise
            load.throttled += 1
            load.first_throttle = load.first_throttle or (load.ok, e.response)
            load.reasons.update(r["reason"] for r in e.response.get("ThrottlingReasons", []))
        n += 1
    load.elapsed = time.monotonic() - start
    return load


def inspect(server, table):
    status, body = server.admin(f"/_chokepoint/dynamodb/tables/{ACCOUNT}/us-east-1/{table}")
    assert status == 200, body
    return body["capacity"]


def peak_table_second(view, direction="write"):
    """The busiest second of the last minute, summed over the table's partitions."""
    per_second = [p["consumed_per_second"][direction] for p in view["table"]["partitions"]]
    return max(sum(values) for values in zip(*per_second))


class ProvisionedBurstTest(ServerTestCase):
    """Acceptance 1: a 5 WCU table takes ~50 writes/s while its burst lasts, then throttles; boto3 retries."""

    CONFIG = "dynamodb:\n  capacity:\n    burst_window_seconds: 20\n"

    def setUp(self):
        self.reset()
        self.client = self.server.client("dynamodb", retries={"max_attempts": 0})

    def test_burst_then_provisioned_throughput_exceeded(self):
        create_provisioned(self.client, "five", 5, 5)
        # 100 WCU of burst plus 5 WCU/s, drained at 50 WCU/s: about 2.2 s of success, then throttling.
        load = drive(self.client, "five", [f"k{i}" for i in range(10)], 1000, per_second=50, seconds=4)
        self.assertGreaterEqual(load.ok, 95, vars(load))
        self.assertLessEqual(load.ok, 135, vars(load))
        self.assertGreater(load.throttled, 50)
        succeeded_before, response = load.first_throttle
        self.assertGreaterEqual(succeeded_before, 95)
        self.assertEqual(response["Error"]["Code"], "ProvisionedThroughputExceededException")
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertEqual(response["ThrottlingReasons"],
                         [{"reason": "TableWriteProvisionedThroughputExceeded",
                           "resource": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/five"}])
        view = inspect(self.server, "five")
        self.assertEqual(view["throttled_requests"], load.throttled)
        self.assertLess(view["table"]["write"]["burst_level"], 5)

    def test_boto3_legacy_mode_retries_until_capacity_returns(self):
        create_provisioned(self.client, "refill", 5, 5)
        drive(self.client, "refill", ["a", "b"], 1000, per_second=200, seconds=0.75)  # burst gone
        legacy = self.server.client("dynamodb")  # boto3's default: legacy mode, 10 attempts for DynamoDB
        self.assertEqual((legacy.meta.config.retries or {}).get("mode", "legacy"), "legacy")
        response = legacy.put_item(TableName="refill", Item=item("late", 1000))
        self.assertGreaterEqual(response["ResponseMetadata"]["RetryAttempts"], 1)

    def test_boto3_legacy_mode_makes_ten_attempts(self):
        create_provisioned(self.client, "debt", 1, 1)
        # A 300 KB write is admitted on a full bucket and charged in full: about 280 s of debt.
        self.client.put_item(TableName="debt", Item=item("big", 300 * 1024))
        sleeps = []
        legacy = self.server.client("dynamodb")
        with mock.patch.object(botocore.endpoint, "time", types.SimpleNamespace(sleep=sleeps.append)):
            with self.assertRaises(ClientError) as caught:
                legacy.put_item(TableName="debt", Item=item("next", 100))
        response = caught.exception.response
        self.assertEqual(response["Error"]["Code"], "ProvisionedThroughputExceededException")
        self.assertEqual(response["ResponseMetadata"]["RetryAttempts"], 9)
        self.assertEqual(sleeps, [0.05 * 2 ** n for n in range(9)])
        self.assertEqual(inspect(self.server, "debt")["throttled_requests"], 10)


def hot_partition_config(adaptive):
    return ("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n"
            f"    adaptive_capacity: {'true' if adaptive else 'false'}\n"
            "    partitions: {hot: 4, sharded: 4, small: 4, steady: 4}\n")


class HotPartitionWithoutAdaptiveCapacityTest(unittest.TestCase):
    """Acceptance 2, adaptive capacity off: a hot key is throttled while the table is mostly idle."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(hot_partition_config(adaptive=False)).start()
        cls.client = cls.server.client("dynamodb", retries={"max_attempts": 0})

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_hot_key_is_throttled_by_its_partition(self):
        create_provisioned(self.client, "hot", 10, 4000)
        # One key at ~1,500 WCU/s (10 KB items at 150/s) against 4 partitions of 1,000 WCU.
        load = drive(self.client, "hot", ["hot"], 10 * 1024, per_second=150, seconds=4)
        self.assertGreater(load.throttled, 20, vars(load))
        self.assertEqual(load.reasons, {"TableWriteKeyRangeThroughputExceeded"})
        self.assertEqual(load.first_throttle[1]["Error"]["Code"], "ProvisionedThroughputExceededException")
        view = inspect(self.server, "hot")
        # The table as a whole stayed under 40 % of its 4,000 WCU (what CloudWatch's per-minute sums show), and
        # no second came near the table's limit.
        self.assertLess(view["table"]["write"]["consumed_last_minute"] / load.elapsed, 0.4 * 4000)
        self.assertLessEqual(peak_table_second(view), 2000)
        partitions = view["table"]["partitions"]
        hot = partition_of("hot", 4)
        self.assertEqual(partitions[hot]["throttled"]["write"], load.throttled)
        self.assertEqual(sum(p["throttled"]["write"] for i, p in enumerate(partitions) if i != hot), 0)

    def test_write_sharding_spreads_the_same_load(self):
        create_provisioned(self.client, "sharded", 10, 4000)
        keys = [f"hot#{i}" for i in range(10)]
        # No partition receives more than four of the ten shards (600 WCU/s).
        self.assertLessEqual(max(sum(1 for k in keys if partition_of(k, 4) == p) for p in range(4)), 4)
        load = drive(self.client, "sharded", keys, 10 * 1024, per_second=150, seconds=4)
        self.assertEqual(load.throttled, 0, vars(load))

    def test_partition_share_limits_a_hot_key_of_a_small_table(self):
        create_provisioned(self.client, "small", 10, 400)
        # 200 WCU/s on one key: above its partition's 100 WCU/s share, half the table's 400.
        load = drive(self.client, "small", ["hot"], 10 * 1024, per_second=20, seconds=3)
        self.assertGreater(load.throttled, 10, vars(load))
        self.assertEqual(load.reasons, {"TableWriteKeyRangeThroughputExceeded"})


class HotPartitionWithAdaptiveCapacityTest(unittest.TestCase):
    """Acceptance 2, adaptive capacity on: a hot key may use unused table capacity up to 1,000 WCU/s."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(hot_partition_config(adaptive=True)).start()
        cls.client = cls.server.client("dynamodb", retries={"max_attempts": 0})

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_small_table_hot_key_borrows_unused_capacity(self):
        create_provisioned(self.client, "small", 10, 400)
        load = drive(self.client, "small", ["hot"], 10 * 1024, per_second=20, seconds=3)
        self.assertEqual(load.throttled, 0, vars(load))

    def test_hot_key_is_throttled_only_above_1000_wcu(self):
        create_provisioned(self.client, "steady", 10, 4000)
        below = drive(self.client, "steady", ["hot"], 10 * 1024, per_second=80, seconds=3)  # ~800 WCU/s
        self.assertEqual(below.throttled, 0, vars(below))
        create_provisioned(self.client, "hot", 10, 4000)
        above = drive(self.client, "hot", ["hot"], 10 * 1024, per_second=150, seconds=4)  # ~1,500 WCU/s
        self.assertGreater(above.throttled, 20, vars(above))
        self.assertEqual(above.reasons, {"TableWriteKeyRangeThroughputExceeded"})


if __name__ == "__main__":
    unittest.main()
