"""Global secondary indexes with multi-attribute keys (up to 4 partition and 4 sort key attributes), driven with
boto3: CreateTable/DescribeTable, UpdateTable, sparse indexing, Query forms accepted and refused, paging."""
import unittest

from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

from harness import ServerTestCase, wait_until

TABLE = "matches"
INDEX = "byTournament"


def key_schema(*pairs):
    return [{"AttributeName": name, "KeyType": kind} for name, kind in pairs]


class DynamoDBCompositeGsiTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ddb = cls.server.client("dynamodb", retries={"max_attempts": 1})
        cls.ddb.create_table(
            TableName=TABLE,
            KeySchema=key_schema(("id", "HASH")),
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": t} for n, t in
                                  [("id", "S"), ("tournament", "S"), ("area", "S"), ("round", "N"), ("bracket", "S")]],
            GlobalSecondaryIndexes=[{
                "IndexName": INDEX,
                "KeySchema": key_schema(("tournament", "HASH"), ("area", "HASH"), ("round", "RANGE"),
                                        ("bracket", "RANGE")),
                "Projection": {"ProjectionType": "ALL"}}],
            BillingMode="PAY_PER_REQUEST")
        cls.ddb.get_waiter("table_exists").wait(TableName=TABLE, WaiterConfig={"Delay": 1, "MaxAttempts": 20})
        rows = [("m1", 1, "upper"), ("m2", 1, "lower"), ("m3", 2, "upper"), ("m4", 10, "upper"), ("m5", 2, "lower-b")]
        for match_id, round_, bracket in rows:
            cls.ddb.put_item(TableName=TABLE, Item={
                "id": {"S": match_id}, "tournament": {"S": "winter"}, "area": {"S": "eu"},
                "round": {"N": str(round_)}, "bracket": {"S": bracket}})
        # Sparse: no bracket, so not in the index.
        cls.ddb.put_item(TableName=TABLE, Item={"id": {"S": "m6"}, "tournament": {"S": "winter"},
                                                "area": {"S": "eu"}, "round": {"N": "1"}})
        cls.ddb.put_item(TableName=TABLE, Item={"id": {"S": "m7"}, "tournament": {"S": "winter"},
                                                "area": {"S": "us"}, "round": {"N": "1"}, "bracket": {"S": "upper"}})

    def query_ids(self, condition, values, **params):
        if "#r" in condition:
            params["ExpressionAttributeNames"] = {"#r": "round"}
        answer = self.ddb.query(TableName=TABLE, IndexName=INDEX, KeyConditionExpression=condition,
                                ExpressionAttributeValues=values, **params)
        return [item["id"]["S"] for item in answer["Items"]]

    def assert_validation(self, message, call, **params):
        with self.assertRaises(ClientError) as raised:
            call(**params)
        error = raised.exception.response["Error"]
        self.assertEqual(error["Code"], "ValidationException")
        self.assertEqual(error["Message"], message)

    def test_describe_lists_every_key_attribute_in_order(self):
        index = self.ddb.describe_table(TableName=TABLE)["Table"]["GlobalSecondaryIndexes"][0]
        self.assertEqual(index["KeySchema"], key_schema(("tournament", "HASH"), ("area", "HASH"),
                                                        ("round", "RANGE"), ("bracket", "RANGE")))

    def test_key_schemas_dynamodb_refuses(self):
        definitions = [{"AttributeName": n, "AttributeType": "S"} for n in ["id", "a", "b", "c", "d", "e"]]

        def create(keys):
            self.ddb.create_table(TableName="refused", KeySchema=key_schema(("id", "HASH")),
                                  AttributeDefinitions=definitions, BillingMode="PAY_PER_REQUEST",
                                  GlobalSecondaryIndexes=[{"IndexName": "byXY", "KeySchema": keys,
                                                           "Projection": {"ProjectionType": "ALL"}}])
        self.assert_validation("Invalid KeySchema: A KeySchema can have at most 4 HASH key elements", create,
                               keys=key_schema(*[(n, "HASH") for n in "abcde"]))
        self.assert_validation("Invalid KeySchema: HASH key elements must precede all RANGE key elements", create,
                               keys=key_schema(("a", "HASH"), ("b", "RANGE"), ("c", "HASH")))
        self.assert_validation("Invalid KeySchema: Duplicate attribute names are not allowed in KeySchema: a", create,
                               keys=key_schema(("a", "HASH"), ("b", "HASH"), ("a", "RANGE")))
        with self.assertRaises(ClientError):
            self.ddb.describe_table(TableName="refused")

    def test_query_by_partition_and_sort_prefixes(self):
        values = {":t": {"S": "winter"}, ":g": {"S": "eu"}}
        pk = "tournament = :t AND area = :g"
        self.assertEqual(self.query_ids(pk, values), ["m2", "m1", "m5", "m3", "m4"])
        self.assertEqual(self.query_ids(pk, values, ScanIndexForward=False), ["m4", "m3", "m5", "m1", "m2"])
        self.assertEqual(self.query_ids(pk + " AND #r = :r", {**values, ":r": {"N": "1"}}), ["m2", "m1"])
        self.assertEqual(self.query_ids(pk + " AND #r = :r AND begins_with(bracket, :b)",
                                        {**values, ":r": {"N": "2"}, ":b": {"S": "lower"}}), ["m5"])
        self.assertEqual(self.query_ids(pk + " AND #r BETWEEN :a AND :b",
                                        {**values, ":a": {"N": "2"}, ":b": {"N": "10"}}), ["m5", "m3", "m4"])
        self.assertEqual(self.query_ids(pk + " AND #r = :r AND bracket > :b",
                                        {**values, ":r": {"N": "1"}, ":b": {"S": "lower"}}), ["m1"])

    def test_query_with_the_boto3_condition_builder(self):
        table = self.server.resource("dynamodb").Table(TABLE)
        answer = table.query(IndexName=INDEX, KeyConditionExpression=Key("tournament").eq("winter") &
                             Key("area").eq("eu") & Key("round").eq(1))
        self.assertEqual([item["id"] for item in answer["Items"]], ["m2", "m1"])

    def test_query_forms_dynamodb_refuses(self):
        def query(condition, values, **params):
            extra = {"ExpressionAttributeNames": {"#r": "round"}} if "#r" in condition else {}
            self.ddb.query(TableName=TABLE, IndexName=INDEX, KeyConditionExpression=condition,
                           ExpressionAttributeValues=values, **extra, **params)
        self.assert_validation("Query condition missed key schema element: area", query,
                               condition="tournament = :t", values={":t": {"S": "winter"}})
        self.assert_validation("Query condition missed key schema element: round", query,
                               condition="tournament = :t AND area = :g AND bracket = :b",
                               values={":t": {"S": "winter"}, ":g": {"S": "eu"}, ":b": {"S": "upper"}})
        self.assert_validation("Query key condition not supported", query,
                               condition="tournament = :t AND area = :g AND #r > :r AND bracket = :b",
                               values={":t": {"S": "winter"}, ":g": {"S": "eu"}, ":r": {"N": "1"},
                                       ":b": {"S": "upper"}})
        self.assert_validation(
            "Filter Expression can only contain non-primary key attributes: Primary key attribute: bracket", query,
            condition="tournament = :t AND area = :g", FilterExpression="bracket = :b",
            values={":t": {"S": "winter"}, ":g": {"S": "eu"}, ":b": {"S": "upper"}})
        self.assert_validation("Consistent reads are not supported on global secondary indexes", query,
                               condition="tournament = :t AND area = :g", ConsistentRead=True,
                               values={":t": {"S": "winter"}, ":g": {"S": "eu"}})

    def test_wrong_key_type_is_refused(self):
        self.assert_validation(
            "One or more parameter values were invalid: Type mismatch for Index Key round Expected: N Actual: S "
            "IndexName: " + INDEX, self.ddb.put_item, TableName=TABLE,
            Item={"id": {"S": "bad"}, "round": {"S": "one"}})

    def test_pages_carry_every_key_attribute(self):
        params = dict(TableName=TABLE, IndexName=INDEX, KeyConditionExpression="tournament = :t AND area = :g",
                      ExpressionAttributeValues={":t": {"S": "winter"}, ":g": {"S": "eu"}}, Limit=2)
        seen = []
        for _ in range(10):
            answer = self.ddb.query(**params)
            seen += [item["id"]["S"] for item in answer["Items"]]
            if "LastEvaluatedKey" not in answer:
                break
            self.assertEqual(set(answer["LastEvaluatedKey"]), {"id", "tournament", "area", "round", "bracket"})
            params["ExclusiveStartKey"] = answer["LastEvaluatedKey"]
        self.assertEqual(seen, ["m2", "m1", "m5", "m3", "m4"])
        scanned = []
        paginator = self.ddb.get_paginator("scan")
        for page in paginator.paginate(TableName=TABLE, IndexName=INDEX, PaginationConfig={"PageSize": 2,
                                                                                          "MaxItems": 50}):
            scanned += [item["id"]["S"] for item in page["Items"]]
        self.assertEqual(sorted(scanned), ["m1", "m2", "m3", "m4", "m5", "m7"])

    def test_update_table_adds_a_multi_attribute_index(self):
        self.ddb.create_table(TableName="later", KeySchema=key_schema(("id", "HASH")),
                              AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                              BillingMode="PAY_PER_REQUEST")
        self.ddb.get_waiter("table_exists").wait(TableName="later", WaiterConfig={"Delay": 1, "MaxAttempts": 20})
        self.ddb.put_item(TableName="later", Item={"id": {"S": "a"}, "x": {"S": "1"}, "y": {"B": b"\x00\x01"}})
        self.ddb.update_table(
            TableName="later",
            AttributeDefinitions=[{"AttributeName": "x", "AttributeType": "S"},
                                  {"AttributeName": "y", "AttributeType": "B"}],
            GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "byXY", "KeySchema": key_schema(("x", "HASH"),
                                                                                                ("y", "HASH")),
                                                     "Projection": {"ProjectionType": "KEYS_ONLY"}}}])
        def active():
            return self.ddb.describe_table(TableName="later")["Table"]["GlobalSecondaryIndexes"][0]["IndexStatus"]
        self.assertTrue(wait_until(lambda: active() == "ACTIVE"))
        answer = self.ddb.query(TableName="later", IndexName="byXY", KeyConditionExpression="x = :x AND y = :y",
                                ExpressionAttributeValues={":x": {"S": "1"}, ":y": {"B": b"\x00\x01"}})
        self.assertEqual(answer["Items"], [{"id": {"S": "a"}, "x": {"S": "1"}, "y": {"B": b"\x00\x01"}}])


if __name__ == "__main__":
    unittest.main()
