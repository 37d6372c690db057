"""DynamoDB capacity with real boto3: batches and transactions under throttling (UnprocessedItems/UnprocessedKeys
in the request's shape, whole-call failure only when nothing was processed, cancellation reasons), provisioned
quotas at CreateTable/UpdateTable, and ReturnConsumedCapacity shapes of batch and transactional calls. Bounded."""
import unittest

from botocore.exceptions import ClientError

from harness import ServerTestCase

ACCOUNT = "123456789012"


def create(client, name, rcu=None, wcu=None, indexes=None, **extra):
    attributes = [{"AttributeName": "pk", "AttributeType": "S"}]
    args = dict(TableName=name, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}], **extra)
    if rcu is None:
        args["BillingMode"] = "PAY_PER_REQUEST"
    else:
        args["ProvisionedThroughput"] = {"ReadCapacityUnits": rcu, "WriteCapacityUnits": wcu}
    if indexes:
        attributes.append({"AttributeName": "g", "AttributeType": "S"})
        args["GlobalSecondaryIndexes"] = indexes
    client.create_table(AttributeDefinitions=attributes, **args)


def put(key, size=1000):
    return {"PutRequest": {"Item": {"pk": {"S": key}, "d": {"S": "x" * (size - 3 - len(key))}}}}


def delete(key):
    return {"DeleteRequest": {"Key": {"pk": {"S": key}}}}


class BatchesUnderThrottlingTest(ServerTestCase):
    CONFIG = "dynamodb:\n  capacity:\n    burst_window_seconds: 2\n"

    def setUp(self):
        self.reset()
        self.client = self.server.client("dynamodb", retries={"max_attempts": 0})

    def test_batch_write_returns_throttled_requests_as_sent_then_fails_when_nothing_fits(self):
        create(self.client, "bwrite", 5, 5)  # 10 WCU of burst
        create(self.client, "free")
        requests = [put(f"k{i}") if i % 3 else delete(f"k{i}") for i in range(20)]
        r = self.client.batch_write_item(RequestItems={"bwrite": requests, "free": [put("f1"), put("f2")]})
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 200)
        left = r["UnprocessedItems"]["bwrite"]
        self.assertNotIn("free", r["UnprocessedItems"])  # a throttled table does not hold back another
        self.assertIn(len(left), (9, 10))
        self.assertEqual(left, requests[20 - len(left):])  # exactly the requests as sent, in order
        self.assertEqual(self.client.get_item(TableName="free", Key={"pk": {"S": "f2"}})["Item"]["pk"], {"S": "f2"})
        # Resent at once, nothing fits: the whole call fails with the provisioned error and its reason.
        with self.assertRaises(ClientError) as caught:
            self.client.batch_write_item(RequestItems={"bwrite": left})
        error = caught.exception.response
        self.assertEqual(error["Error"]["Code"], "ProvisionedThroughputExceededException")
        self.assertEqual(error["ThrottlingReasons"][0]["reason"], "TableWriteProvisionedThroughputExceeded")
        status, view = self.server.admin(f"/_chokepoint/dynamodb/tables/{ACCOUNT}/us-east-1/bwrite")
        self.assertEqual(status, 200)
        self.assertEqual(view["capacity"]["unprocessed_items_returned"], len(left))

    def test_batch_get_returns_throttled_keys_with_the_tables_read_options(self):
        create(self.client, "bget", 1, 1)  # 2 RCU of burst: two strongly consistent reads
        keys = [{"pk": {"S": f"k{i}"}} for i in range(6)]
        request = {"Keys": keys, "ConsistentRead": True, "ProjectionExpression": "#p",
                   "ExpressionAttributeNames": {"#p": "pk"}}
        r = self.client.batch_get_item(RequestItems={"bget": request}, ReturnConsumedCapacity="TOTAL")
        left = r["UnprocessedKeys"]["bget"]
        self.assertEqual(left["ConsistentRead"], True)
        self.assertEqual(left["ProjectionExpression"], "#p")
        self.assertEqual(left["ExpressionAttributeNames"], {"#p": "pk"})
        self.assertIn(len(left["Keys"]), (3, 4))
        self.assertEqual(left["Keys"], keys[6 - len(left["Keys"]):])
        self.assertEqual(r["ConsumedCapacity"], [{"TableName": "bget", "CapacityUnits": float(6 - len(left["Keys"]))}])
        with self.assertRaises(ClientError) as caught:
            self.client.batch_get_item(RequestItems={"bget": left})
        self.assertEqual(caught.exception.response["ThrottlingReasons"][0]["reason"],
                         "TableReadProvisionedThroughputExceeded")

    def test_transact_write_is_cancelled_with_provisioned_throughput_exceeded(self):
        create(self.client, "twrite", 1, 1)  # 2 WCU of burst: one transactional write of 1 KB
        create(self.client, "other")
        actions = [{"Put": {"TableName": "other", "Item": {"pk": {"S": "o"}}}},
                   {"Put": {"TableName": "twrite", "Item": put("t")["PutRequest"]["Item"]}}]
        for _ in range(5):
            try:
                self.client.transact_write_items(TransactItems=actions)
            except ClientError as e:
                error = e.response
                break
        else:
            self.fail("never throttled")
        self.assertEqual(error["Error"]["Code"], "TransactionCanceledException")
        self.assertEqual([c["Code"] for c in error["CancellationReasons"]], ["None", "ProvisionedThroughputExceeded"])
        self.assertIn("[None, ProvisionedThroughputExceeded]", error["Error"]["Message"])

    def test_transact_get_on_demand_is_cancelled_with_throttling_error(self):
        create(self.client, "tget", OnDemandThroughput={"MaxReadRequestUnits": 1, "MaxWriteRequestUnits": 5})
        gets = [{"Get": {"TableName": "tget", "Key": {"pk": {"S": k}}}} for k in "ab"]
        codes = []
        for _ in range(5):
            try:
                self.client.transact_get_items(TransactItems=gets)
            except ClientError as e:
                self.assertEqual(e.response["Error"]["Code"], "TransactionCanceledException")
                codes = [c["Code"] for c in e.response["CancellationReasons"]]
                break
        self.assertIn("ThrottlingError", codes)
        self.assertTrue(set(codes) <= {"None", "ThrottlingError"}, codes)


class QuotasTest(ServerTestCase):
    def setUp(self):
        self.reset()
        self.client = self.server.client("dynamodb")

    def assert_limit_exceeded(self, call, **args):
        with self.assertRaises(ClientError) as caught:
            call(**args)
        self.assertEqual(caught.exception.response["Error"]["Code"], "LimitExceededException")
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    def test_table_and_account_quotas(self):
        limits = self.client.describe_limits()
        self.assertEqual((limits["AccountMaxReadCapacityUnits"], limits["AccountMaxWriteCapacityUnits"],
                          limits["TableMaxReadCapacityUnits"], limits["TableMaxWriteCapacityUnits"]),
                         (80000, 80000, 40000, 40000))
        self.assert_limit_exceeded(create, client=self.client, name="big", rcu=1, wcu=40001)
        index = {"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                 "Projection": {"ProjectionType": "KEYS_ONLY"},
                 "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 10001}}
        self.assert_limit_exceeded(create, client=self.client, name="withindex", rcu=1, wcu=30000, indexes=[index])
        create(self.client, "quota1", 1, 40000)
        create(self.client, "quota2", 1, 39000)
        self.assert_limit_exceeded(create, client=self.client, name="quota3", rcu=1, wcu=1001)  # 80,001 in the account
        create(self.client, "quota3", 1, 1000)  # exactly 80,000
        self.assert_limit_exceeded(self.client.update_table, TableName="quota2",
                                   ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 39001})
        self.assertEqual(self.client.describe_table(TableName="quota2")["Table"]["ProvisionedThroughput"]
                         ["WriteCapacityUnits"], 39000)
        self.assert_limit_exceeded(self.client.update_table, TableName="quota1",
                                   ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 40001})
        create(self.client, "ondemand")     # on-demand tables do not count
        self.assertEqual(self.client.list_tables()["TableNames"], ["ondemand", "quota1", "quota2", "quota3"])


class ConsumedCapacityShapesTest(ServerTestCase):
    def setUp(self):
        self.reset()
        self.client = self.server.client("dynamodb")
        index = {"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                 "Projection": {"ProjectionType": "ALL"}}
        create(self.client, "shapes", indexes=[index])

    def test_single_batch_and_transactional_shapes(self):
        item = {"pk": {"S": "a"}, "g": {"S": "x"}, "d": {"S": "y" * 1500}}
        r = self.client.put_item(TableName="shapes", Item=item, ReturnConsumedCapacity="INDEXES")
        self.assertEqual(r["ConsumedCapacity"], {"TableName": "shapes", "CapacityUnits": 4.0, "Table": {"CapacityUnits": 2.0},
                                                 "GlobalSecondaryIndexes": {"byG": {"CapacityUnits": 2.0}}})
        r = self.client.get_item(TableName="shapes", Key={"pk": {"S": "a"}}, ReturnConsumedCapacity="INDEXES")
        self.assertEqual(r["ConsumedCapacity"], {"TableName": "shapes", "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.5}})
        r = self.client.query(TableName="shapes", IndexName="byG", KeyConditionExpression="g = :g",
                              ExpressionAttributeValues={":g": {"S": "x"}}, ReturnConsumedCapacity="INDEXES")
        self.assertEqual(r["ConsumedCapacity"], {"TableName": "shapes", "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.0},
                                                 "GlobalSecondaryIndexes": {"byG": {"CapacityUnits": 0.5}}})
        r = self.client.batch_get_item(RequestItems={"shapes": {"Keys": [{"pk": {"S": "a"}}, {"pk": {"S": "b"}}]}},
                                       ReturnConsumedCapacity="TOTAL")
        self.assertEqual(r["ConsumedCapacity"], [{"TableName": "shapes", "CapacityUnits": 1.0}])
        r = self.client.batch_write_item(RequestItems={"shapes": [put("b"), {"DeleteRequest": {"Key": {"pk": {"S": "a"}}}}]},
                                         ReturnConsumedCapacity="INDEXES")
        self.assertEqual(r["ConsumedCapacity"], [{"TableName": "shapes", "CapacityUnits": 5.0, "Table": {"CapacityUnits": 3.0},
                                                  "GlobalSecondaryIndexes": {"byG": {"CapacityUnits": 2.0}}}])
        r = self.client.transact_get_items(TransactItems=[{"Get": {"TableName": "shapes", "Key": {"pk": {"S": "b"}}}}],
                                           ReturnConsumedCapacity="INDEXES")
        self.assertEqual(r["ConsumedCapacity"], [{"TableName": "shapes", "CapacityUnits": 2.0, "Table": {"CapacityUnits": 2.0}}])
        r = self.client.transact_write_items(
            TransactItems=[{"Put": {"TableName": "shapes", "Item": {"pk": {"S": "c"}, "g": {"S": "z"}}}}],
            ReturnConsumedCapacity="TOTAL")
        self.assertEqual(r["ConsumedCapacity"], [{"TableName": "shapes", "CapacityUnits": 4.0}])
        r = self.client.put_item(TableName="shapes", Item={"pk": {"S": "d"}}, ReturnConsumedCapacity="NONE")
        self.assertNotIn("ConsumedCapacity", r)


if __name__ == "__main__":
    unittest.main()
