"""DynamoDB through real clients: boto3's resource and client APIs, paginators, batch_writer, transactions,
the AWS CLI, concurrent counters, lifecycle waiters, declared tables and malformed requests."""
import concurrent.futures
import http.client
import json
import subprocess
import time
import unittest
import zlib
from decimal import Decimal

import boto3
from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError

from harness import ServerTestCase, aws_clis

CONFIG = """
dynamodb:
  table_creation_delay_ms: 300
  tables:
    - name: declared-orders
      account: "123456789012"
      hash_key: {name: customer}
      range_key: {name: order, type: N}
      billing_mode: PROVISIONED
      read_capacity: 5
      write_capacity: 5
      global_secondary_indexes:
        - {name: byStatus, hash_key: {name: status}, projection: KEYS_ONLY, read_capacity: 1, write_capacity: 1}
"""


def create_game_table(resource, name):
    table = resource.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "game", "KeyType": "HASH"}, {"AttributeName": "player", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "game", "AttributeType": "S"},
                              {"AttributeName": "player", "AttributeType": "N"},
                              {"AttributeName": "team", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[{"IndexName": "byTeam",
                                 "KeySchema": [{"AttributeName": "team", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "ALL"}}],
        BillingMode="PAY_PER_REQUEST")
    table.wait_until_exists(WaiterConfig={"Delay": 1, "MaxAttempts": 20})
    return table


def raw_call(endpoint, target, body):
    """POSTs a DynamoDB request without a client library; returns (status, headers, parsed body)."""
    conn = http.client.HTTPConnection(endpoint.split("//")[1], timeout=10)
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    conn.request("POST", "/", body=data, headers={"X-Amz-Target": "DynamoDB_20120810." + target,
                                                  "Content-Type": "application/x-amz-json-1.0"})
    response = conn.getresponse()
    raw = response.read()
    headers = {k.lower(): v for k, v in response.getheaders()}
    conn.close()
    return response.status, headers, raw


class ResourceApiTest(ServerTestCase):
    CONFIG = CONFIG

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dynamodb = cls.server.resource("dynamodb")
        cls.client = cls.dynamodb.meta.client
        cls.table = create_game_table(cls.dynamodb, "Games")

    def test_put_get_update_delete(self):
        self.table.put_item(Item={"game": "chess", "player": 1, "name": "ann", "tags": {"a", "b"},
                                  "stats": {"wins": 3, "history": [1, 2, 3]}, "ratio": Decimal("0.1")})
        item = self.table.get_item(Key={"game": "chess", "player": 1})["Item"]
        self.assertEqual(item["name"], "ann")
        self.assertEqual(item["tags"], {"a", "b"})
        self.assertEqual(item["stats"]["history"][2], 3)
        self.assertEqual(str(item["ratio"]), "0.1")
        for _ in range(3):
            self.table.update_item(Key={"game": "chess", "player": 1}, UpdateExpression="ADD PlayerCount :inc",
                                   ExpressionAttributeValues={":inc": 1})
        result = self.table.update_item(Key={"game": "chess", "player": 1},
                                        UpdateExpression="SET stats.wins = stats.wins + :one REMOVE tags",
                                        ExpressionAttributeValues={":one": 1}, ReturnValues="ALL_NEW")
        self.assertEqual(result["Attributes"]["PlayerCount"], 3)
        self.assertEqual(result["Attributes"]["stats"]["wins"], 4)
        self.assertNotIn("tags", result["Attributes"])
        projected = self.table.get_item(Key={"game": "chess", "player": 1}, ProjectionExpression="stats.history[1], #n",
                                        ExpressionAttributeNames={"#n": "name"})["Item"]
        self.assertEqual(projected, {"stats": {"history": [2]}, "name": "ann"})
        self.table.delete_item(Key={"game": "chess", "player": 1})
        self.assertNotIn("Item", self.table.get_item(Key={"game": "chess", "player": 1}))

    def test_query_scan_and_paginator(self):
        with self.table.batch_writer() as batch:
            for player in range(30):
                batch.put_item(Item={"game": "go", "player": player, "team": "red" if player % 3 else "blue",
                                     "score": player * 10})
        result = self.table.query(KeyConditionExpression=Key("game").eq("go") & Key("player").between(5, 9))
        self.assertEqual([int(i["player"]) for i in result["Items"]], [5, 6, 7, 8, 9])
        result = self.table.query(KeyConditionExpression=Key("game").eq("go") & Key("player").lt(5),
                                  ScanIndexForward=False, Limit=2)
        self.assertEqual([int(i["player"]) for i in result["Items"]], [4, 3])
        self.assertIn("LastEvaluatedKey", result)
        scanned = self.table.scan(FilterExpression=Attr("score").gte(200) & Attr("team").eq("blue"))
        self.assertEqual(sorted(int(i["player"]) for i in scanned["Items"]), [21, 24, 27])
        by_team = self.table.query(IndexName="byTeam", KeyConditionExpression=Key("team").eq("blue"))
        self.assertEqual(by_team["Count"], 10)
        paginator = self.client.get_paginator("query")
        pages = list(paginator.paginate(TableName="Games", KeyConditionExpression="game = :g",
                                        ExpressionAttributeValues={":g": "go"}, PaginationConfig={"PageSize": 7}))
        self.assertEqual(len(pages), 5)
        players = [int(i["player"]) for page in pages for i in page["Items"]]
        self.assertEqual(players, list(range(30)))
        segments = [self.client.scan(TableName="Games", Segment=s, TotalSegments=3)["Items"] for s in range(3)]
        self.assertEqual(sum(len(s) for s in segments), self.client.scan(TableName="Games")["Count"])

    def test_batch_writer_with_1000_items(self):
        with self.table.batch_writer() as batch:
            for player in range(1000):
                batch.put_item(Item={"game": "bulk", "player": player, "payload": "x" * 200})
        count = self.table.query(KeyConditionExpression=Key("game").eq("bulk"), Select="COUNT")["Count"]
        self.assertEqual(count, 1000)
        keys = [{"game": "bulk", "player": p} for p in range(100)]
        got = self.dynamodb.batch_get_item(RequestItems={"Games": {"Keys": keys}})
        self.assertEqual(len(got["Responses"]["Games"]), 100)
        self.assertEqual(got["UnprocessedKeys"], {})

    def test_transactions(self):
        self.table.put_item(Item={"game": "tx", "player": 1, "balance": 10})
        with self.assertRaises(ClientError) as caught:
            self.client.transact_write_items(TransactItems=[
                {"Put": {"TableName": "Games", "Item": {"game": "tx", "player": 2, "balance": 5}}},
                {"Update": {"TableName": "Games", "Key": {"game": "tx", "player": 1},
                            "UpdateExpression": "SET balance = balance - :amount",
                            "ConditionExpression": "balance >= :amount",
                            "ExpressionAttributeValues": {":amount": 50},
                            "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}])
        error = caught.exception.response
        self.assertEqual(error["Error"]["Code"], "TransactionCanceledException")
        reasons = error["CancellationReasons"]
        self.assertEqual([r["Code"] for r in reasons], ["None", "ConditionalCheckFailed"])
        self.assertEqual(reasons[1]["Item"]["balance"], {"N": "10"})
        self.assertNotIn("Item", self.table.get_item(Key={"game": "tx", "player": 2}))
        token = "same-token-1"
        for _ in range(2):
            self.client.transact_write_items(ClientRequestToken=token, TransactItems=[
                {"Update": {"TableName": "Games", "Key": {"game": "tx", "player": 1},
                            "UpdateExpression": "ADD balance :one", "ExpressionAttributeValues": {":one": 1}}}])
        self.assertEqual(self.table.get_item(Key={"game": "tx", "player": 1})["Item"]["balance"], 11)
        got = self.client.transact_get_items(TransactItems=[
            {"Get": {"TableName": "Games", "Key": {"game": "tx", "player": 1}}},
            {"Get": {"TableName": "Games", "Key": {"game": "tx", "player": 99}}}])
        self.assertEqual(got["Responses"][0]["Item"]["balance"], 11)
        self.assertEqual(got["Responses"][1], {})

    def test_conditional_check_failure_returns_item(self):
        self.table.put_item(Item={"game": "cond", "player": 1, "v": "old"})
        with self.assertRaises(ClientError) as caught:
            self.client.put_item(TableName="Games", Item={"game": "cond", "player": 1},
                                 ConditionExpression="attribute_not_exists(game)",
                                 ReturnValuesOnConditionCheckFailure="ALL_OLD")
        self.assertEqual(caught.exception.response["Error"]["Code"], "ConditionalCheckFailedException")
        self.assertEqual(caught.exception.response["Item"]["v"], {"S": "old"})

    def test_concurrent_counter(self):
        def add(_):
            client = self.server.client("dynamodb")
            for _ in range(100):
                client.update_item(TableName="Games", Key={"game": {"S": "counter"}, "player": {"N": "0"}},
                                   UpdateExpression="ADD hits :one", ExpressionAttributeValues={":one": {"N": "1"}})
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            list(pool.map(add, range(8)))
        item = self.table.get_item(Key={"game": "counter", "player": 0}, ConsistentRead=True)["Item"]
        self.assertEqual(item["hits"], 800)

    def test_describe_table_and_declared_table(self):
        description = self.client.describe_table(TableName="Games")["Table"]
        self.assertEqual(description["TableArn"], "arn:aws:dynamodb:us-east-1:123456789012:table/Games")
        self.assertEqual(description["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
        self.assertEqual(description["GlobalSecondaryIndexes"][0]["IndexStatus"], "ACTIVE")
        declared = self.client.describe_table(TableName="declared-orders")["Table"]
        self.assertEqual(declared["TableStatus"], "ACTIVE")
        self.assertEqual(declared["ProvisionedThroughput"]["ReadCapacityUnits"], 5)
        self.assertIn("declared-orders", self.client.list_tables()["TableNames"])
        other = self.server.client("dynamodb", access_key="111111111111")
        self.assertNotIn("Games", other.list_tables()["TableNames"])

    def test_lifecycle_and_control_plane(self):
        client = self.client
        created = client.create_table(TableName="Short", BillingMode="PROVISIONED",
                                      AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                                      KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
                                      ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
                                      Tags=[{"Key": "team", "Value": "a"}])
        self.assertEqual(created["TableDescription"]["TableStatus"], "CREATING")
        with self.assertRaises(ClientError) as caught:
            client.get_item(TableName="Short", Key={"k": {"S": "x"}})
        self.assertEqual(caught.exception.response["Error"]["Code"], "ResourceNotFoundException")
        client.get_waiter("table_exists").wait(TableName="Short", WaiterConfig={"Delay": 1, "MaxAttempts": 20})
        with self.assertRaises(ClientError) as caught:
            client.create_table(TableName="Short", BillingMode="PAY_PER_REQUEST",
                                AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                                KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}])
        self.assertEqual(caught.exception.response["Error"]["Code"], "ResourceInUseException")
        updated = client.update_table(TableName="Short", ProvisionedThroughput={"ReadCapacityUnits": 2,
                                                                                 "WriteCapacityUnits": 2})
        self.assertEqual(updated["TableDescription"]["TableStatus"], "UPDATING")
        client.update_time_to_live(TableName="Short", TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
        ttl = client.describe_time_to_live(TableName="Short")["TimeToLiveDescription"]
        self.assertEqual(ttl, {"TimeToLiveStatus": "ENABLED", "AttributeName": "exp"})
        arn = created["TableDescription"]["TableArn"]
        client.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"}])
        client.untag_resource(ResourceArn=arn, TagKeys=["team"])
        self.assertEqual(client.list_tags_of_resource(ResourceArn=arn)["Tags"], [{"Key": "env", "Value": "test"}])
        client.delete_table(TableName="Short")
        client.get_waiter("table_not_exists").wait(TableName="Short", WaiterConfig={"Delay": 1, "MaxAttempts": 20})

    def test_describe_limits_is_rate_limited(self):
        client = self.server.client("dynamodb", access_key="222222222222", retries={"max_attempts": 0})
        limits = client.describe_limits()
        self.assertEqual(limits["TableMaxWriteCapacityUnits"], 40000)
        with self.assertRaises(ClientError) as caught:
            client.describe_limits()
        error = caught.exception.response
        self.assertEqual(error["Error"]["Code"], "ThrottlingException")
        self.assertEqual(error["Error"]["Message"], "Rate of requests exceeds the allowed throughput.")
        self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], 400)

    def test_point_in_time_recovery(self):
        client = self.client
        backups = client.describe_continuous_backups(TableName="Games")["ContinuousBackupsDescription"]
        self.assertEqual(backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"], "DISABLED")
        before = time.time()
        updated = client.update_continuous_backups(
            TableName="Games", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True,
                                                                  "RecoveryPeriodInDays": 7})
        pitr = updated["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
        self.assertEqual(pitr["PointInTimeRecoveryStatus"], "ENABLED")
        self.assertEqual(pitr["RecoveryPeriodInDays"], 7)
        # botocore parses the timestamps: a client that reads them gets datetimes near now.
        self.assertLess(abs(pitr["EarliestRestorableDateTime"].timestamp() - before), 5)
        described = client.describe_continuous_backups(TableName="Games")["ContinuousBackupsDescription"]
        self.assertEqual(described["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"], "ENABLED")
        with self.assertRaises(ClientError) as caught:
            client.update_continuous_backups(TableName="Nothing",
                                             PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
        self.assertEqual(caught.exception.response["Error"]["Code"], "TableNotFoundException")
        client.update_continuous_backups(TableName="Games",
                                         PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False})

    def test_cloudformation_table_with_point_in_time_recovery(self):
        cf = self.server.client("cloudformation")
        template = json.dumps({"Resources": {"Table": {
            "Type": "AWS::DynamoDB::Table",
            "Properties": {"AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
                           "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
                           "BillingMode": "PAY_PER_REQUEST",
                           "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True}}}},
            "Outputs": {"Name": {"Value": {"Ref": "Table"}}}})
        cf.create_stack(StackName="pitr", TemplateBody=template)
        cf.get_waiter("stack_create_complete").wait(StackName="pitr", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        name = cf.describe_stacks(StackName="pitr")["Stacks"][0]["Outputs"][0]["OutputValue"]
        backups = self.client.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
        self.assertEqual(backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"], "ENABLED")


class MalformedRequestTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Unsigned requests (raw_call) act for the default account.
        client = cls.server.client("dynamodb", access_key="000000000000")
        client.create_table(TableName="Stable", BillingMode="PAY_PER_REQUEST",
                            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        client.put_item(TableName="Stable", Item={"pk": {"S": "a"}, "n": {"N": "1"}})

    def snapshot(self):
        status, _, body = raw_call(self.server.endpoint, "Scan", {"TableName": "Stable"})
        self.assertEqual(status, 200)
        return json.loads(body)

    def test_malformed_requests_get_400_and_change_nothing(self):
        before = self.snapshot()
        cases = [
            ("PutItem", b"{not json"),
            ("PutItem", {"TableName": ["Stable"], "Item": {"pk": {"S": "b"}}}),
            ("PutItem", {"TableName": "Stable", "Item": {"pk": {"S": 5}}}),
            ("PutItem", {"TableName": "Stable", "Item": {"pk": {"B": "not base64!"}}}),
            ("PutItem", {"TableName": "Stable", "Item": {"pk": {"S": "b"}, "x": {"N": "abc"}}}),
            ("PutItem", {"TableName": "Stable", "Item": {"pk": {"S": "b"}, "x": {"S": "y" * 420000}}}),
            ("PutItem", {"TableName": "Stable", "Item": {"pk": {"S": "b"}, "x": {"SS": []}}}),
            ("PutItem", {"TableName": "Stable", "Item": {"pk": {"N": "1"}}}),
            ("PutItem", {"TableName": "Stable", "Item": {"pk": {"S": "b"}}, "ConditionExpression": "a ==="}),
            ("UpdateItem", {"TableName": "Stable", "Key": {"pk": {"S": "a"}}, "UpdateExpression": "SET n = n + :s",
                            "ExpressionAttributeValues": {":s": {"S": "text"}}}),
            ("UpdateItem", {"TableName": "Stable", "Key": {"pk": {"S": "a"}}, "UpdateExpression": "SET pk = :s",
                            "ExpressionAttributeValues": {":s": {"S": "b"}}}),
            ("UpdateItem", {"TableName": "Stable", "Key": {"pk": {"S": "a"}}, "UpdateExpression": "REMOVE"}),
            ("DeleteItem", {"TableName": "Stable", "Key": {"pk": {"S": "a"}}, "ConditionExpression": "size(n)"}),
            ("Query", {"TableName": "Stable", "KeyConditionExpression": "pk > :v",
                       "ExpressionAttributeValues": {":v": {"S": "a"}}}),
            ("Scan", {"TableName": "Stable", "Limit": "ten"}),
            ("BatchWriteItem", {"RequestItems": {"Stable": [{"PutRequest": {"Item": {"pk": {"S": "z"}}}}] * 26}}),
            ("TransactWriteItems", {"TransactItems": [{"Put": {"TableName": "Stable", "Item": {"pk": {"S": "c"}}}},
                                                      {"Delete": {"TableName": "Stable", "Key": {"pk": {"S": "c"}}}}]}),
            ("CreateTable", {"TableName": "x", "KeySchema": []}),
        ]
        for target, body in cases:
            with self.subTest(target=target, body=str(body)[:80]):
                status, headers, raw = raw_call(self.server.endpoint, target, body)
                self.assertEqual(status, 400, raw[:300])
                self.assertEqual(headers["x-amz-crc32"], str(zlib.crc32(raw)))
                error_type = json.loads(raw)["__type"]
                self.assertTrue(error_type.endswith("#ValidationException") or
                                error_type.endswith("#SerializationException"), raw[:300])
        self.assertEqual(self.snapshot(), before)


class AwsCliTest(ServerTestCase):
    def run_cli(self, cli, *args):
        out = subprocess.run([cli, "dynamodb", *args, "--endpoint-url", self.server.endpoint, "--output", "json"],
                             capture_output=True, text=True, timeout=120, env=self.server.cli_env())
        self.assertEqual(out.returncode, 0, out.stderr)
        return json.loads(out.stdout) if out.stdout.strip() else {}

    def test_create_put_query_scan(self):
        clis = aws_clis()
        self.assertTrue(clis, "no AWS CLI found")
        for number, (cli, version) in enumerate(clis):
            table = f"Music{number}"
            with self.subTest(cli=version):
                created = self.run_cli(cli, "create-table", "--table-name", table,
                                       "--attribute-definitions", "AttributeName=Artist,AttributeType=S",
                                       "AttributeName=SongTitle,AttributeType=S",
                                       "--key-schema", "AttributeName=Artist,KeyType=HASH",
                                       "AttributeName=SongTitle,KeyType=RANGE",
                                       "--billing-mode", "PAY_PER_REQUEST")
                self.assertEqual(created["TableDescription"]["TableName"], table)
                for title in ("Call Me Today", "Happy Day", "PartiQL Rocks"):
                    self.run_cli(cli, "put-item", "--table-name", table, "--item",
                                 json.dumps({"Artist": {"S": "No One You Know"}, "SongTitle": {"S": title},
                                             "Year": {"N": "2020"}}))
                queried = self.run_cli(cli, "query", "--table-name", table,
                                       "--key-condition-expression", "Artist = :a AND begins_with(SongTitle, :t)",
                                       "--expression-attribute-values",
                                       json.dumps({":a": {"S": "No One You Know"}, ":t": {"S": "Ha"}}))
                self.assertEqual(queried["Count"], 1)
                self.assertEqual(queried["Items"][0]["SongTitle"]["S"], "Happy Day")
                scanned = self.run_cli(cli, "scan", "--table-name", table)
                self.assertEqual(scanned["Count"], 3)


if __name__ == "__main__":
    unittest.main()
