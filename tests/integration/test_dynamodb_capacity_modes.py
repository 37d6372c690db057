"""DynamoDB capacity with real clients: switching to on-demand with the AWS CLI (acceptance 3), boto3's
batch_writer against a 10 WCU table (acceptance 4), ConsumedCapacity as boto3 sees it (acceptance 5), the
inspection endpoint and fault rules' throttling shape. Loads are bounded in count and time."""
import json
import subprocess
import time
import unittest

from botocore.exceptions import ClientError

from harness import ServerTestCase, aws_clis

ACCOUNT = "123456789012"


def key_schema(client, name, **mode):
    client.create_table(TableName=name, AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}], **mode)


def provisioned(client, name, rcu, wcu):
    key_schema(client, name, ProvisionedThroughput={"ReadCapacityUnits": rcu, "WriteCapacityUnits": wcu})


def on_demand(client, name):
    key_schema(client, name, BillingMode="PAY_PER_REQUEST")


def item(key, size, **extra):
    used = 3 + len(key) + sum(len(k) + len(v) for k, v in extra.items())
    out = {"pk": {"S": key}, "d": {"S": "x" * (size - used)}}
    out.update({k: {"S": v} for k, v in extra.items()})
    return out


def burst_of_puts(client, table, count, size=1000):
    """`count` puts on distinct keys as fast as one client goes; returns (ok, throttled)."""
    ok = throttled = 0
    for i in range(count):
        try:
            client.put_item(TableName=table, Item=item(f"k{i}", size))
            ok += 1
        except ClientError as e:
            if e.response["Error"]["Code"] != "ProvisionedThroughputExceededException":
                raise
            throttled += 1
    return ok, throttled


class SwitchToOnDemandTest(ServerTestCase):
    """Acceptance 3: `aws dynamodb update-table --billing-mode PAY_PER_REQUEST` lifts the provisioned throttling;
    a single hot key is still held to its partition's 1,000 WCU per second."""

    CONFIG = "dynamodb:\n  capacity:\n    burst_window_seconds: 2\n"

    def setUp(self):
        self.reset()
        self.client = self.server.client("dynamodb", retries={"max_attempts": 0})

    def cli(self, path, *args):
        out = subprocess.run([path, "dynamodb", *args, "--endpoint-url", self.server.endpoint, "--output", "json"],
                             env=self.server.cli_env(), capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        return json.loads(out.stdout)

    def test_update_table_to_on_demand_with_each_cli(self):
        clis = aws_clis()
        self.assertTrue(clis, "no AWS CLI found")
        for n, (path, version) in enumerate(clis):
            with self.subTest(cli=version):
                table = f"modes{n}"
                provisioned(self.client, table, 5, 5)
                started = time.monotonic()
                ok, throttled = burst_of_puts(self.client, table, 40)
                # 2 s of 5 WCU as burst, plus what refills meanwhile (5 WCU per second the burst took).
                self.assertGreaterEqual(ok, 10)
                self.assertLessEqual(ok, 11 + 5 * (time.monotonic() - started))
                self.assertEqual(ok + throttled, 40)
                out = self.cli(path, "update-table", "--table-name", table, "--billing-mode", "PAY_PER_REQUEST")
                self.assertEqual(out["TableDescription"]["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
                self.assertEqual(burst_of_puts(self.client, table, 40), (40, 0))

    def test_hot_key_still_throttled_by_its_partition_after_the_switch(self):
        provisioned(self.client, "hotod", 5, 5)
        self.client.update_table(TableName="hotod", BillingMode="PAY_PER_REQUEST")
        # 150 KB writes to one key: 1,000 WCU per second is about six and a half of them.
        codes = []
        started = time.monotonic()
        for i in range(12):
            try:
                self.client.put_item(TableName="hotod", Item=item("hot", 150 * 1024))
                codes.append("ok")
            except ClientError as e:
                codes.append(e.response["Error"]["Code"])
                response = e.response
        self.assertLess(time.monotonic() - started, 1.0, "the writes must land within one second")
        self.assertEqual(codes[:6], ["ok"] * 6)
        self.assertIn("ThrottlingException", codes)
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertEqual(response["throttlingReasons"],
                         [{"reason": "TableWriteKeyRangeThroughputExceeded",
                           "resource": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/hotod"}])


class BatchWriterTest(ServerTestCase):
    """Acceptance 4: Table.batch_writer() stores 2,000 items in a 10 WCU table; UnprocessedItems came back."""

    def test_batch_writer_finishes_and_unprocessed_items_were_returned(self):
        client = self.server.client("dynamodb")
        provisioned(client, "ten", 10, 10)
        table = self.server.resource("dynamodb").Table("ten")
        started = time.monotonic()
        with table.batch_writer() as writer:
            for i in range(2000):
                writer.put_item(Item={"pk": f"item-{i:04d}", "payload": "x" * 80})
        self.assertLess(time.monotonic() - started, 30)
        count, start_key = 0, None
        while True:
            page = client.scan(TableName="ten", Select="COUNT", **({"ExclusiveStartKey": start_key} if start_key else {}))
            count += page["Count"]
            start_key = page.get("LastEvaluatedKey")
            if not start_key:
                break
        self.assertEqual(count, 2000)
        status, body = self.server.admin(f"/_chokepoint/dynamodb/tables/{ACCOUNT}/us-east-1/ten")
        self.assertEqual(status, 200)
        self.assertGreater(body["capacity"]["unprocessed_items_returned"], 0)
        self.assertEqual(body["item_count"], 2000)


class ConsumedCapacityTest(ServerTestCase):
    """Acceptance 5 through boto3: the reference's worked examples of consumed capacity."""

    def setUp(self):
        self.reset()
        self.client = self.server.client("dynamodb")

    def test_reads_round_to_4kb(self):
        on_demand(self.client, "reads")
        self.client.put_item(TableName="reads", Item=item("a", 5 * 1024))
        strong = self.client.get_item(TableName="reads", Key={"pk": {"S": "a"}}, ConsistentRead=True,
                                      ReturnConsumedCapacity="TOTAL")
        self.assertEqual(strong["ConsumedCapacity"], {"TableName": "reads", "CapacityUnits": 2.0})
        eventual = self.client.get_item(TableName="reads", Key={"pk": {"S": "a"}}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(eventual["ConsumedCapacity"]["CapacityUnits"], 1.0)

    def test_batch_write_rounds_each_item(self):
        on_demand(self.client, "batch")
        r = self.client.batch_write_item(RequestItems={"batch": [{"PutRequest": {"Item": item("a", 500)}},
                                                                 {"PutRequest": {"Item": item("b", 3584)}}]},
                                         ReturnConsumedCapacity="TOTAL")
        self.assertEqual(r["ConsumedCapacity"], [{"TableName": "batch", "CapacityUnits": 5.0}])
        self.assertEqual(r["UnprocessedItems"], {})

    def test_query_sums_before_rounding(self):
        self.client.create_table(TableName="query", BillingMode="PAY_PER_REQUEST",
                                 AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                       {"AttributeName": "sk", "AttributeType": "S"}],
                                 KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                            {"AttributeName": "sk", "KeyType": "RANGE"}])
        for i in range(10):
            self.client.put_item(TableName="query", Item=item("a", 4178, sk=str(i)))
        args = dict(TableName="query", KeyConditionExpression="pk = :p",
                    ExpressionAttributeValues={":p": {"S": "a"}}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(self.client.query(ConsistentRead=True, **args)["ConsumedCapacity"]["CapacityUnits"], 11.0)
        self.assertEqual(self.client.query(**args)["ConsumedCapacity"]["CapacityUnits"], 5.5)

    def test_transactions_and_indexes(self):
        self.client.create_table(TableName="txn", BillingMode="PAY_PER_REQUEST",
                                 AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                       {"AttributeName": "g", "AttributeType": "S"}],
                                 KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                                 GlobalSecondaryIndexes=[{"IndexName": "byG",
                                                          "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                                          "Projection": {"ProjectionType": "ALL"}}])
        r = self.client.transact_write_items(
            TransactItems=[{"Put": {"TableName": "txn", "Item": item(k, 500)}} for k in "abc"],
            ReturnConsumedCapacity="TOTAL")
        self.assertEqual(r["ConsumedCapacity"], [{"TableName": "txn", "CapacityUnits": 6.0}])
        r = self.client.put_item(TableName="txn", Item=item("d", 500, g="x"), ReturnConsumedCapacity="INDEXES")
        self.assertEqual(r["ConsumedCapacity"], {"TableName": "txn", "CapacityUnits": 2.0, "Table": {"CapacityUnits": 1.0},
                                                 "GlobalSecondaryIndexes": {"byG": {"CapacityUnits": 1.0}}})


class InspectionAndFaultsTest(ServerTestCase):
    """The inspection endpoint, and throttle faults answering with the table mode's capacity error."""

    def setUp(self):
        self.reset()
        self.client = self.server.client("dynamodb", retries={"max_attempts": 0})

    def test_inspection_endpoint(self):
        provisioned(self.client, "seen", 3000, 2000)
        self.client.put_item(TableName="seen", Item=item("a", 2048))
        status, body = self.server.admin(f"/_chokepoint/dynamodb/tables/{ACCOUNT}/us-east-1/seen")
        self.assertEqual(status, 200)
        capacity = body["capacity"]
        self.assertEqual(capacity["billing_mode"], "PROVISIONED")
        partitions = capacity["table"]["partitions"]
        self.assertEqual(len(partitions), 3)  # ceil(3000 / 3000 + 2000 / 1000)
        self.assertEqual(partitions[0]["key_range"], {"first": "000000", "last": "555555"})
        self.assertEqual(partitions[2]["key_range"]["last"], "ffffff")
        self.assertAlmostEqual(partitions[1]["share"]["write"], 2000 / 3)
        self.assertEqual(len(partitions[0]["consumed_per_second"]["write"]), 60)
        self.assertEqual(sum(p["consumed_last_minute"]["write"] for p in partitions), 2.0)
        self.assertIn("burst_level", partitions[0])
        self.assertEqual(self.server.admin(f"/_chokepoint/dynamodb/tables/{ACCOUNT}/us-east-1/absent")[0], 404)
        self.assertEqual(self.server.admin("/_chokepoint/dynamodb/tables/only-two/parts")[0], 404)

    def test_throttle_fault_has_the_capacity_shape(self):
        provisioned(self.client, "prov", 5, 5)
        on_demand(self.client, "odem")
        status, _ = self.server.admin("/_chokepoint/faults", "POST",
                                      {"service": "dynamodb", "operation": "GetItem", "throttle": True, "count": 2})
        self.assertEqual(status, 200)
        with self.assertRaises(self.client.exceptions.ProvisionedThroughputExceededException) as prov:
            self.client.get_item(TableName="prov", Key={"pk": {"S": "a"}})
        self.assertEqual(prov.exception.response["ThrottlingReasons"],
                         [{"reason": "TableReadProvisionedThroughputExceeded",
                           "resource": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/prov"}])
        with self.assertRaises(ClientError) as odem:
            self.client.get_item(TableName="odem", Key={"pk": {"S": "a"}})
        self.assertEqual(odem.exception.response["Error"]["Code"], "ThrottlingException")
        self.assertEqual(odem.exception.response["throttlingReasons"][0]["reason"], "TableReadKeyRangeThroughputExceeded")


if __name__ == "__main__":
    unittest.main()
