"""DynamoDB Streams through boto3 and the AWS CLI: a reader that works the way a Lambda trigger or a KCL-style
poller does (ListStreams -> DescribeStream -> GetShardIterator TRIM_HORIZON -> GetRecords until the shard ends)
sees every change of a table, in order, with the images its view type asks for, across an UpdateTable that turns
the stream off and on again; a reader polling faster than AWS's limits is throttled with Streams' own errors;
iterators expire on the emulated clock; shards roll over every four emulated hours and a reader following
ParentShardId sees every change in order across rollovers; records and shards survive a restart in durable mode.

The server runs on a manual clock, so rate buckets refill only when a test advances it.
"""
import json
import shutil
import subprocess
import tempfile
import unittest
import urllib.request

from botocore.exceptions import ClientError

from harness import Server, ServerTestCase, aws_clis

NO_RETRIES = {"max_attempts": 0}
KEY = [{"AttributeName": "pk", "KeyType": "HASH"}]
ATTRS = [{"AttributeName": "pk", "AttributeType": "S"}]


def create_streamed_table(ddb, name, view_type):
    return ddb.create_table(TableName=name, AttributeDefinitions=ATTRS, KeySchema=KEY, BillingMode="PAY_PER_REQUEST",
                            StreamSpecification={"StreamEnabled": True, "StreamViewType": view_type})


def item(pk, value):
    return {"pk": {"S": pk}, "v": {"S": value}}


class StreamsTestCase(ServerTestCase):
    ARGS = ("--clock", "manual")

    def setUp(self):
        self.reset()
        self.ddb = self.server.client("dynamodb", retries=NO_RETRIES)
        self.streams = self.server.client("dynamodbstreams", retries=NO_RETRIES)

    def advance(self, seconds):
        status, body = self.server.admin("/_chokepoint/clock", "POST", {"advance": seconds})
        self.assertEqual(status, 200, body)

    def read_shard(self, stream_arn, shard_id):
        """Every record of a shard from TRIM_HORIZON, polling once per emulated second (inside the 5/s limit)."""
        iterator = self.streams.get_shard_iterator(StreamArn=stream_arn, ShardId=shard_id,
                                                   ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        records = []
        for _ in range(50):  # bounded: a closed shard ends, an open one stops giving records
            out = self.streams.get_records(ShardIterator=iterator, Limit=2)
            records += out["Records"]
            self.advance(1)
            if "NextShardIterator" not in out or (not out["Records"] and records):
                break
            iterator = out["NextShardIterator"]
        return records

    def read_table(self, table):
        """What a trigger sees: every stream of the table, oldest first, every shard, every record."""
        streams = self.streams.list_streams(TableName=table)["Streams"]
        seen = []
        for stream in streams:
            description = self.streams.describe_stream(StreamArn=stream["StreamArn"])["StreamDescription"]
            for shard in description["Shards"]:
                seen.append((description, self.read_shard(stream["StreamArn"], shard["ShardId"])))
        return seen


class StreamReaderTest(StreamsTestCase):
    def test_reader_sees_every_change_in_order_across_a_reenable(self):
        created = create_streamed_table(self.ddb, "orders", "NEW_AND_OLD_IMAGES")["TableDescription"]
        first_arn = created["LatestStreamArn"]
        self.assertEqual(created["StreamSpecification"], {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
        self.assertTrue(first_arn.startswith("arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/"))
        self.assertEqual(first_arn.rsplit("/", 1)[1], created["LatestStreamLabel"])
        self.ddb.put_item(TableName="orders", Item=item("a", "1"))
        self.ddb.update_item(TableName="orders", Key={"pk": {"S": "a"}}, UpdateExpression="SET v = :v",
                             ExpressionAttributeValues={":v": {"S": "2"}})
        self.ddb.delete_item(TableName="orders", Key={"pk": {"S": "a"}})
        self.ddb.batch_write_item(RequestItems={"orders": [{"PutRequest": {"Item": item("b", "1")}},
                                                           {"PutRequest": {"Item": item("c", "1")}}]})
        self.ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": "orders", "Item": item("d", "1")}},
            {"Delete": {"TableName": "orders", "Key": {"pk": {"S": "b"}}}}])
        self.ddb.execute_statement(Statement="UPDATE orders SET v = '9' WHERE pk = 'c'")

        # Off, a write nobody records, and on again with another view type: a new stream, a new ARN.
        self.advance(1)
        self.ddb.update_table(TableName="orders", StreamSpecification={"StreamEnabled": False})
        self.ddb.put_item(TableName="orders", Item=item("lost", "1"))
        self.advance(1)
        updated = self.ddb.update_table(TableName="orders", StreamSpecification={"StreamEnabled": True,
                                                                                 "StreamViewType": "KEYS_ONLY"})
        second_arn = updated["TableDescription"]["LatestStreamArn"]
        self.assertNotEqual(first_arn, second_arn)
        self.ddb.put_item(TableName="orders", Item=item("e", "1"))

        (old, old_records), (new, new_records) = self.read_table("orders")
        self.assertEqual(old["StreamArn"], first_arn)
        self.assertEqual(old["StreamStatus"], "DISABLED")
        self.assertEqual(old["StreamViewType"], "NEW_AND_OLD_IMAGES")
        self.assertEqual(old["KeySchema"], KEY)
        self.assertIn("EndingSequenceNumber", old["Shards"][0]["SequenceNumberRange"])
        self.assertEqual(new["StreamArn"], second_arn)
        self.assertEqual(new["StreamStatus"], "ENABLED")
        self.assertNotIn("EndingSequenceNumber", new["Shards"][0]["SequenceNumberRange"])

        changes = [(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"]) for r in old_records]
        self.assertEqual(changes, [("INSERT", "a"), ("MODIFY", "a"), ("REMOVE", "a"), ("INSERT", "b"), ("INSERT", "c"),
                                   ("INSERT", "d"), ("REMOVE", "b"), ("MODIFY", "c")])
        modify = old_records[1]["dynamodb"]
        self.assertEqual(modify["OldImage"], item("a", "1"))
        self.assertEqual(modify["NewImage"], item("a", "2"))
        self.assertNotIn("NewImage", old_records[2]["dynamodb"])
        self.assertEqual(old_records[2]["dynamodb"]["OldImage"], item("a", "2"))
        self.assertNotIn("OldImage", old_records[0]["dynamodb"])
        sequences = [int(r["dynamodb"]["SequenceNumber"]) for r in old_records + new_records]
        self.assertEqual(sequences, sorted(sequences))
        self.assertTrue(all(len(r["dynamodb"]["SequenceNumber"]) >= 21 for r in old_records))
        first = old_records[0]
        self.assertEqual((first["eventSource"], first["eventVersion"], first["awsRegion"]),
                         ("aws:dynamodb", "1.1", "us-east-1"))
        self.assertGreater(first["dynamodb"]["SizeBytes"], 0)
        self.assertEqual(len({r["eventID"] for r in old_records}), len(old_records))

        self.assertEqual([(r["eventName"], r["dynamodb"]["Keys"]) for r in new_records],
                         [("INSERT", {"pk": {"S": "e"}})])
        self.assertNotIn("NewImage", new_records[0]["dynamodb"])
        self.assertEqual(new_records[0]["dynamodb"]["StreamViewType"], "KEYS_ONLY")

    def test_view_types_give_the_images_they_name(self):
        for view in ("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"):
            table = "view-" + view.lower().replace("_", "-")
            create_streamed_table(self.ddb, table, view)
            self.ddb.put_item(TableName=table, Item=item("k", "1"))
            self.ddb.put_item(TableName=table, Item=item("k", "2"))
            [(_, records)] = self.read_table(table)
            modify = records[1]["dynamodb"]
            self.assertEqual("NewImage" in modify, view in ("NEW_IMAGE", "NEW_AND_OLD_IMAGES"), view)
            self.assertEqual("OldImage" in modify, view in ("OLD_IMAGE", "NEW_AND_OLD_IMAGES"), view)
            if "OldImage" in modify:
                self.assertEqual(modify["OldImage"], item("k", "1"))

    def test_a_write_that_changes_nothing_makes_no_record(self):
        create_streamed_table(self.ddb, "quiet", "NEW_IMAGE")
        self.ddb.put_item(TableName="quiet", Item=item("a", "1"))
        self.ddb.put_item(TableName="quiet", Item=item("a", "1"))
        self.ddb.update_item(TableName="quiet", Key={"pk": {"S": "a"}}, UpdateExpression="SET v = :v",
                             ExpressionAttributeValues={":v": {"S": "1"}})
        self.ddb.delete_item(TableName="quiet", Key={"pk": {"S": "nothing"}})
        [(_, records)] = self.read_table("quiet")
        self.assertEqual([r["eventName"] for r in records], ["INSERT"])

    def test_stream_specification_errors_are_dynamodbs(self):
        create_streamed_table(self.ddb, "twice", "NEW_IMAGE")
        with self.assertRaises(ClientError) as e:
            self.ddb.update_table(TableName="twice", StreamSpecification={"StreamEnabled": True,
                                                                          "StreamViewType": "KEYS_ONLY"})
        self.assertEqual(e.exception.response["Error"]["Code"], "ValidationException")
        self.assertEqual(e.exception.response["Error"]["Message"], "Table already has an enabled stream: TableName: twice")
        with self.assertRaises(ClientError) as e:
            self.ddb.create_table(TableName="noview", AttributeDefinitions=ATTRS, KeySchema=KEY,
                                  BillingMode="PAY_PER_REQUEST", StreamSpecification={"StreamEnabled": True})
        self.assertEqual(e.exception.response["Error"]["Message"],
                         "One or more parameter values were invalid: Table is being created with a stream enabled, "
                         "UpdateViewType is required")

    def test_reset_clears_the_streams(self):
        create_streamed_table(self.ddb, "gone", "KEYS_ONLY")
        self.assertEqual(len(self.streams.list_streams()["Streams"]), 1)
        self.reset()
        self.assertEqual(self.streams.list_streams()["Streams"], [])


class StreamLimitsTest(StreamsTestCase):
    def test_a_reader_polling_faster_than_five_per_second_is_throttled(self):
        arn = create_streamed_table(self.ddb, "hot", "KEYS_ONLY")["TableDescription"]["LatestStreamArn"]
        self.advance(1)
        shard = self.streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        iterator = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard,
                                                   ShardIteratorType="LATEST")["ShardIterator"]
        for _ in range(5):  # the shard's 5 calls per second
            iterator = self.streams.get_records(ShardIterator=iterator)["NextShardIterator"]
        with self.assertRaises(ClientError) as e:
            self.streams.get_records(ShardIterator=iterator)
        error = e.exception.response
        self.assertEqual(error["Error"]["Code"], "LimitExceededException")
        self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertIn(shard, error["Error"]["Message"])
        # Another table's shard has its own bucket; this one refills with (emulated) time.
        other = create_streamed_table(self.ddb, "cold", "KEYS_ONLY")["TableDescription"]["LatestStreamArn"]
        other_shard = self.streams.describe_stream(StreamArn=other)["StreamDescription"]["Shards"][0]["ShardId"]
        other_iterator = self.streams.get_shard_iterator(StreamArn=other, ShardId=other_shard,
                                                         ShardIteratorType="LATEST")["ShardIterator"]
        self.streams.get_records(ShardIterator=other_iterator)
        self.advance(1)
        self.streams.get_records(ShardIterator=iterator)

    def test_describe_stream_beyond_ten_per_second_is_throttled(self):
        arn = create_streamed_table(self.ddb, "described", "KEYS_ONLY")["TableDescription"]["LatestStreamArn"]
        self.advance(1)
        for _ in range(10):
            self.streams.describe_stream(StreamArn=arn)
        with self.assertRaises(ClientError) as e:
            self.streams.describe_stream(StreamArn=arn)
        self.assertEqual(e.exception.response["Error"]["Code"], "ThrottlingException")

    def test_iterators_expire_after_fifteen_minutes(self):
        arn = create_streamed_table(self.ddb, "slow", "KEYS_ONLY")["TableDescription"]["LatestStreamArn"]
        self.advance(1)
        shard = self.streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        iterator = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard,
                                                   ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        self.advance(14 * 60)
        fresh = self.streams.get_records(ShardIterator=iterator)["NextShardIterator"]
        self.advance(60)
        with self.assertRaises(ClientError) as e:
            self.streams.get_records(ShardIterator=iterator)
        self.assertEqual(e.exception.response["Error"]["Code"], "ExpiredIteratorException")
        self.assertEqual(e.exception.response["Error"]["Message"], "The provided iterator exceeds the maximum age allowed.")
        self.streams.get_records(ShardIterator=fresh)  # the iterator GetRecords returned is newer

    def test_bad_iterators_and_arns_are_refused(self):
        with self.assertRaises(ClientError) as e:
            self.streams.get_records(ShardIterator="not-an-iterator")
        self.assertEqual(e.exception.response["Error"]["Code"], "ValidationException")
        with self.assertRaises(ClientError) as e:
            self.streams.describe_stream(StreamArn="arn:aws:dynamodb:us-east-1:123456789012:table/none/stream/x")
        self.assertEqual(e.exception.response["Error"]["Code"], "ResourceNotFoundException")


class StreamShardsTest(StreamsTestCase):
    """Shards roll over every four emulated hours; readers follow ParentShardId, as the KCL does."""

    HOUR = 3600

    def all_shards(self, arn):
        """DescribeStream page by page (Limit 1, so that paging is exercised)."""
        shards, start = [], None
        for _ in range(20):  # bounded: a day of four-hour shards is seven
            params = {"StreamArn": arn, "Limit": 1}
            if start:
                params["ExclusiveStartShardId"] = start
            description = self.streams.describe_stream(**params)["StreamDescription"]
            shards += description["Shards"]
            start = description.get("LastEvaluatedShardId")
            if not start:
                return shards
        self.fail("DescribeStream kept paging")

    def kcl_read(self, arn):
        """Every shard once its parent is done (or no longer listed), each from TRIM_HORIZON to its end."""
        shards = self.all_shards(arn)
        listed = {s["ShardId"] for s in shards}
        done, records = [], []
        for _ in range(len(shards)):
            ready = [s for s in shards if s["ShardId"] not in done
                     and (s.get("ParentShardId") not in listed or s["ParentShardId"] in done)]
            self.assertTrue(ready, "no shard is ready")
            shard = ready[0]
            iterator = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                                       ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            for _ in range(20):  # bounded: a closed shard ends, an open one stops giving records
                out = self.streams.get_records(ShardIterator=iterator, Limit=2)
                records += out["Records"]
                self.advance(1)  # inside the five calls a second of the shard
                if "NextShardIterator" not in out or not out["Records"]:
                    break
                iterator = out["NextShardIterator"]
            done.append(shard["ShardId"])
        return shards, records

    def test_a_kcl_style_reader_sees_every_change_in_order_across_rollovers(self):
        arn = create_streamed_table(self.ddb, "ledger", "NEW_AND_OLD_IMAGES")["TableDescription"]["LatestStreamArn"]
        key = {"pk": {"S": "acct"}}
        self.ddb.put_item(TableName="ledger", Item=item("acct", "1"))
        self.advance(3 * self.HOUR)
        self.ddb.update_item(TableName="ledger", Key=key, UpdateExpression="SET v = :v",
                             ExpressionAttributeValues={":v": {"S": "2"}})
        self.advance(2 * self.HOUR)  # past the first rollover, at four hours
        self.ddb.put_item(TableName="ledger", Item=item("other", "1"))
        self.ddb.update_item(TableName="ledger", Key=key, UpdateExpression="SET v = :v",
                             ExpressionAttributeValues={":v": {"S": "3"}})
        self.advance(4 * self.HOUR)  # past the second, at eight hours
        self.ddb.delete_item(TableName="ledger", Key=key)

        shards, records = self.kcl_read(arn)
        self.assertEqual(len(shards), 3)
        self.assertNotIn("ParentShardId", shards[0])
        for parent, child in zip(shards, shards[1:]):
            self.assertEqual(child["ParentShardId"], parent["ShardId"])
            self.assertLess(int(parent["SequenceNumberRange"]["EndingSequenceNumber"]),
                            int(child["SequenceNumberRange"]["StartingSequenceNumber"]))
        self.assertNotIn("EndingSequenceNumber", shards[-1]["SequenceNumberRange"])
        self.assertEqual([(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"]) for r in records],
                         [("INSERT", "acct"), ("MODIFY", "acct"), ("INSERT", "other"), ("MODIFY", "acct"),
                          ("REMOVE", "acct")])
        self.assertEqual([r["dynamodb"].get("NewImage", {}).get("v") for r in records],
                         [{"S": "1"}, {"S": "2"}, {"S": "1"}, {"S": "3"}, None])
        self.assertEqual(records[3]["dynamodb"]["OldImage"], item("acct", "2"))
        sequences = [int(r["dynamodb"]["SequenceNumber"]) for r in records]
        self.assertEqual(sequences, sorted(sequences))

    def test_a_poller_moves_to_the_child_shard_when_its_shard_ends(self):
        arn = create_streamed_table(self.ddb, "feed", "KEYS_ONLY")["TableDescription"]["LatestStreamArn"]
        shard = self.streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        iterator = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard,
                                                   ShardIteratorType="LATEST")["ShardIterator"]
        seen, shards_read = [], [shard]
        for step in range(60):  # every 10 emulated minutes for 10 hours; iterators last 15 minutes
            if step % 6 == 0:
                self.ddb.put_item(TableName="feed", Item=item("k%02d" % step, "1"))
            out = self.streams.get_records(ShardIterator=iterator)
            seen += [r["dynamodb"]["Keys"]["pk"]["S"] for r in out["Records"]]
            if "NextShardIterator" in out:
                iterator = out["NextShardIterator"]
            else:  # the shard closed and was read to its end: on to its child
                children = self.streams.describe_stream(
                    StreamArn=arn, ShardFilter={"Type": "CHILD_SHARDS", "ShardId": shard})["StreamDescription"]["Shards"]
                self.assertEqual(len(children), 1)
                self.assertEqual(children[0]["ParentShardId"], shard)
                shard = children[0]["ShardId"]
                shards_read.append(shard)
                iterator = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard,
                                                           ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
                out = self.streams.get_records(ShardIterator=iterator)
                seen += [r["dynamodb"]["Keys"]["pk"]["S"] for r in out["Records"]]
                iterator = out["NextShardIterator"]
            self.advance(600)
        self.assertEqual(seen, ["k%02d" % step for step in range(0, 60, 6)])
        self.assertEqual(len(shards_read), 3)  # opened at 0, 4 and 8 hours

    def test_old_shards_age_out_and_their_data_is_trimmed(self):
        arn = create_streamed_table(self.ddb, "aging", "KEYS_ONLY")["TableDescription"]["LatestStreamArn"]
        self.ddb.put_item(TableName="aging", Item=item("a", "1"))
        first = self.streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        self.advance(28 * self.HOUR - 60)  # the first shard closed at four hours: listed for 24 more
        iterator = self.streams.get_shard_iterator(StreamArn=arn, ShardId=first,
                                                   ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        self.assertEqual(self.all_shards(arn)[0]["ShardId"], first)
        self.advance(60)
        shards = self.all_shards(arn)
        self.assertNotIn(first, [s["ShardId"] for s in shards])
        self.assertEqual(shards[0]["ParentShardId"], first)  # a parent no longer listed: the KCL reads on
        with self.assertRaises(ClientError) as e:
            self.streams.get_records(ShardIterator=iterator)
        self.assertEqual(e.exception.response["Error"]["Code"], "TrimmedDataAccessException")
        with self.assertRaises(ClientError) as e:
            self.streams.get_shard_iterator(StreamArn=arn, ShardId=first, ShardIteratorType="TRIM_HORIZON")
        self.assertEqual(e.exception.response["Error"]["Code"], "ResourceNotFoundException")
        self.assertEqual(e.exception.response["Error"]["Message"], "Requested resource not found: Shard does not exist")


class StreamRoutesTest(StreamsTestCase):
    def test_the_streams_host_form_reaches_the_service(self):
        # The unsigned request below is the default account's.
        ddb = self.server.client("dynamodb", access_key="000000000000")
        arn = create_streamed_table(ddb, "hosted", "KEYS_ONLY")["TableDescription"]["LatestStreamArn"]
        request = urllib.request.Request(self.server.endpoint + "/", data=b"{}", method="POST", headers={
            "Host": "streams.dynamodb.us-east-1.amazonaws.com",
            "X-Amz-Target": "DynamoDBStreams_20120810.ListStreams",
            "Content-Type": "application/x-amz-json-1.0"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = json.loads(response.read())
        self.assertEqual([s["StreamArn"] for s in body["Streams"]], [arn])

    def test_aws_cli_lists_streams(self):
        clis = aws_clis()
        if not clis:
            self.skipTest("no AWS CLI on this machine")
        arn = create_streamed_table(self.ddb, "cli", "KEYS_ONLY")["TableDescription"]["LatestStreamArn"]
        for path, _ in clis:
            out = subprocess.run([path, "dynamodbstreams", "list-streams", "--endpoint-url", self.server.endpoint,
                                  "--output", "json"], capture_output=True, text=True, timeout=120,
                                 env=self.server.cli_env())
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertEqual([s["StreamArn"] for s in json.loads(out.stdout)["Streams"]], [arn])


class DurableStreamsTest(unittest.TestCase):
    def setUp(self):
        self.data_dir = tempfile.mkdtemp(prefix="chokepoint-streams-")

    def tearDown(self):
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def records(self, server, arn):
        streams = server.client("dynamodbstreams")
        shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard,
                                              ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        return streams.get_records(ShardIterator=iterator)["Records"]

    def test_stream_records_survive_a_restart(self):
        with Server(args=["--data-dir", self.data_dir]) as server:
            ddb = server.client("dynamodb")
            arn = create_streamed_table(ddb, "kept", "NEW_IMAGE")["TableDescription"]["LatestStreamArn"]
            ddb.put_item(TableName="kept", Item=item("a", "1"))
            ddb.put_item(TableName="kept", Item=item("a", "2"))
            before = self.records(server, arn)
        self.assertEqual(len(before), 2)
        with Server(args=["--data-dir", self.data_dir]) as server:
            after = self.records(server, arn)
            self.assertEqual(after, before)
            server.client("dynamodb").put_item(TableName="kept", Item=item("b", "1"))
            latest = self.records(server, arn)
        self.assertEqual(len(latest), 3)
        self.assertGreater(int(latest[2]["dynamodb"]["SequenceNumber"]), int(latest[1]["dynamodb"]["SequenceNumber"]))

    def test_rolled_over_shards_survive_a_restart(self):
        args = ["--data-dir", self.data_dir, "--clock", "manual"]
        with Server(args=args) as server:
            ddb = server.client("dynamodb")
            arn = create_streamed_table(ddb, "rolled", "KEYS_ONLY")["TableDescription"]["LatestStreamArn"]
            ddb.put_item(TableName="rolled", Item=item("a", "1"))
            self.assertEqual(server.admin("/_chokepoint/clock", "POST", {"advance": 5 * 3600})[0], 200)
            ddb.put_item(TableName="rolled", Item=item("b", "1"))
            streams = server.client("dynamodbstreams")
            before = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
            self.assertEqual(len(before), 2)
            self.assertEqual(before[1]["ParentShardId"], before[0]["ShardId"])
        with Server(args=args) as server:
            streams = server.client("dynamodbstreams")
            self.assertEqual(streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"], before)
            keys = []
            for shard in before:
                iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                                      ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
                keys += [r["dynamodb"]["Keys"]["pk"]["S"] for r in streams.get_records(ShardIterator=iterator)["Records"]]
        self.assertEqual(keys, ["a", "b"])


if __name__ == "__main__":
    unittest.main()
