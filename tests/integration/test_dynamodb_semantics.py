"""DynamoDB's answers where an emulator easily differs: updates that only take attributes away, ConditionalOperator
without enough legacy conditions, and Select against the projection parameters. Each message is DynamoDB's own."""
import unittest

from botocore.exceptions import ClientError

from harness import ServerTestCase

TABLE = "semantics"


class DynamoDBSemanticsTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ddb = cls.server.client("dynamodb", retries={"max_attempts": 1})
        cls.ddb.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "sk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST")
        cls.ddb.get_waiter("table_exists").wait(TableName=TABLE, WaiterConfig={"Delay": 1, "MaxAttempts": 20})

    def key(self, sk):
        return {"pk": {"S": "p"}, "sk": {"S": sk}}

    def assert_validation(self, call, message, **params):
        with self.assertRaises(ClientError) as raised:
            call(TableName=TABLE, **params)
        error = raised.exception.response["Error"]
        self.assertEqual((raised.exception.response["ResponseMetadata"]["HTTPStatusCode"], error["Code"]),
                         (400, "ValidationException"))
        self.assertEqual(error["Message"], message)

    def assert_absent(self, sk):
        self.assertNotIn("Item", self.ddb.get_item(TableName=TABLE, Key=self.key(sk), ConsistentRead=True))

    def test_removing_from_a_missing_item_creates_nothing(self):
        cases = {
            "remove": dict(UpdateExpression="REMOVE a, b.c"),
            "delete-from-set": dict(UpdateExpression="DELETE tags :t", ExpressionAttributeValues={":t": {"SS": ["x"]}}),
            "legacy-delete": dict(AttributeUpdates={"a": {"Action": "DELETE"}}),
        }
        for sk, params in cases.items():
            with self.subTest(sk):
                answer = self.ddb.update_item(TableName=TABLE, Key=self.key(sk), ReturnValues="ALL_NEW", **params)
                self.assertNotIn("Attributes", answer)
                self.assert_absent(sk)

    def test_a_transaction_removing_from_a_missing_item_creates_nothing(self):
        self.ddb.transact_write_items(TransactItems=[
            {"Update": {"TableName": TABLE, "Key": self.key("tx-remove"), "UpdateExpression": "REMOVE a"}},
            {"Update": {"TableName": TABLE, "Key": self.key("tx-set"), "UpdateExpression": "SET a = :a",
                        "ExpressionAttributeValues": {":a": {"N": "1"}}}}])
        self.assert_absent("tx-remove")
        self.assertEqual(self.ddb.get_item(TableName=TABLE, Key=self.key("tx-set"))["Item"]["a"], {"N": "1"})

    def test_updates_that_give_attributes_still_create_the_item(self):
        self.ddb.update_item(TableName=TABLE, Key=self.key("set"), UpdateExpression="REMOVE a SET b = :b",
                             ExpressionAttributeValues={":b": {"N": "1"}})
        self.assertEqual(self.ddb.get_item(TableName=TABLE, Key=self.key("set"))["Item"]["b"], {"N": "1"})
        # An update with no actions at all stores the key alone, as DynamoDB does.
        self.ddb.update_item(TableName=TABLE, Key=self.key("bare"))
        self.assertEqual(self.ddb.get_item(TableName=TABLE, Key=self.key("bare"))["Item"], self.key("bare"))

    def test_removing_from_an_existing_item_still_works(self):
        self.ddb.put_item(TableName=TABLE, Item={**self.key("existing"), "a": {"S": "x"}, "b": {"S": "y"}})
        answer = self.ddb.update_item(TableName=TABLE, Key=self.key("existing"), UpdateExpression="REMOVE a",
                                      ReturnValues="ALL_NEW")
        self.assertEqual(answer["Attributes"], {**self.key("existing"), "b": {"S": "y"}})

    def test_conditional_operator_needs_two_legacy_conditions(self):
        without = "ConditionalOperator cannot be used without Filter or Expected"
        single = "ConditionalOperator can only be used when Filter or Expected has two or more elements"
        one = {"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "x"}]}}
        self.assert_validation(self.ddb.put_item, without, Item=self.key("c1"), ConditionalOperator="AND")
        self.assert_validation(self.ddb.put_item, without, Item=self.key("c1"), ConditionalOperator="OR", Expected={})
        self.assert_validation(self.ddb.put_item, single, Item=self.key("c1"), ConditionalOperator="AND", Expected=one)
        self.assert_validation(self.ddb.delete_item, without, Key=self.key("c1"), ConditionalOperator="AND")
        self.assert_validation(self.ddb.update_item, single, Key=self.key("c1"), ConditionalOperator="AND", Expected=one,
                               AttributeUpdates={"a": {"Action": "PUT", "Value": {"S": "v"}}})
        self.assert_validation(self.ddb.scan, without, ConditionalOperator="AND")
        self.assert_validation(self.ddb.scan, single, ConditionalOperator="OR", ScanFilter=one)
        self.assert_validation(self.ddb.query, without, ConditionalOperator="AND",
                               KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}})
        self.assert_absent("c1")
        # ConditionalOperator is a non-expression parameter.
        self.assert_validation(
            self.ddb.put_item,
            "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
            "{ConditionalOperator} Expression parameters: {ConditionExpression}",
            Item=self.key("c1"), ConditionalOperator="AND", ConditionExpression="attribute_exists(pk)")
        two = {**one, "b": {"ComparisonOperator": "NULL"}}
        self.ddb.put_item(TableName=TABLE, Item=self.key("c2"), ConditionalOperator="OR", Expected=two)
        self.assertIn("Item", self.ddb.get_item(TableName=TABLE, Key=self.key("c2")))

    def test_select_must_agree_with_the_projection(self):
        key_condition = dict(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}})
        self.assert_validation(
            self.ddb.query,
            "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES",
            Select="SPECIFIC_ATTRIBUTES", **key_condition)
        self.assert_validation(self.ddb.query,
                               "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES",
                               Select="ALL_ATTRIBUTES", ProjectionExpression="sk", **key_condition)
        self.assert_validation(self.ddb.scan, "Cannot specify the ProjectionExpression when choosing to get only the Count",
                               Select="COUNT", ProjectionExpression="sk")
        self.assert_validation(self.ddb.scan, "Cannot specify the AttributesToGet when choosing to get only the Count",
                               Select="COUNT", AttributesToGet=["sk"])
        self.assertNotIn("Items", self.ddb.scan(TableName=TABLE, Select="COUNT"))
        projected = self.ddb.query(TableName=TABLE, Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="sk",
                                   **key_condition)
        self.assertTrue(all(set(item) == {"sk"} for item in projected["Items"]))

    def test_create_table_tags_follow_tag_resource_rules(self):
        base = dict(KeySchema=[{"AttributeName": "p", "KeyType": "HASH"}],
                    AttributeDefinitions=[{"AttributeName": "p", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
        with self.assertRaises(ClientError) as raised:
            self.ddb.create_table(TableName="too-many-tags", Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)], **base)
        self.assertEqual(raised.exception.response["Error"]["Message"],
                         "One or more parameter values were invalid: The number of tags exceeds the limit of 50")
        self.assertNotIn("too-many-tags", self.ddb.list_tables()["TableNames"])
        arn = self.ddb.create_table(TableName="repeated-tag", Tags=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}],
                                    **base)["TableDescription"]["TableArn"]
        self.assertEqual(self.ddb.list_tags_of_resource(ResourceArn=arn)["Tags"], [{"Key": "k", "Value": "2"}])

    def test_tag_characters_and_the_reserved_prefix(self):
        arn = self.ddb.describe_table(TableName=TABLE)["Table"]["TableArn"]
        allowed = [{"Key": "team name", "Value": "a+b-c=d.e_f:g/h"}, {"Key": "законные буквы", "Value": "ѮѮ"}]
        self.ddb.tag_resource(ResourceArn=arn, Tags=allowed)
        refused = [("ok", "#!%^$&"), ("->>;-)])", "ok"), ("!!!\\|", "<><"), ("aws:owner", "me"), ("AWS:x", "y")]
        for key, value in refused:
            with self.subTest(key=key, value=value):
                with self.assertRaises(ClientError) as raised:
                    self.ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": key, "Value": value}])
                self.assertEqual(raised.exception.response["Error"]["Code"], "ValidationException")
        tags = {t["Key"]: t["Value"] for t in self.ddb.list_tags_of_resource(ResourceArn=arn)["Tags"]}
        self.assertEqual(tags, {t["Key"]: t["Value"] for t in allowed})
        base = dict(KeySchema=[{"AttributeName": "p", "KeyType": "HASH"}],
                    AttributeDefinitions=[{"AttributeName": "p", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
        with self.assertRaises(ClientError):
            self.ddb.create_table(TableName="reserved-tag", Tags=[{"Key": "aws:cloudformation:x", "Value": "v"}], **base)
        self.assertNotIn("reserved-tag", self.ddb.list_tables()["TableNames"])

    def test_delete_table_describes_what_dynamodb_describes(self):
        self.ddb.create_table(
            TableName="to-delete", BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "p", "KeyType": "HASH"}, {"AttributeName": "c", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": a, "AttributeType": "S"} for a in ("p", "c", "x")],
            GlobalSecondaryIndexes=[{"IndexName": "gsi", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
                                     "Projection": {"ProjectionType": "ALL"}}],
            LocalSecondaryIndexes=[{"IndexName": "lsi", "Projection": {"ProjectionType": "ALL"},
                                    "KeySchema": [{"AttributeName": "p", "KeyType": "HASH"},
                                                  {"AttributeName": "x", "KeyType": "RANGE"}]}])
        self.ddb.get_waiter("table_exists").wait(TableName="to-delete", WaiterConfig={"Delay": 0.1})
        got = self.ddb.delete_table(TableName="to-delete")["TableDescription"]
        self.assertEqual((got["TableName"], got["TableStatus"]), ("to-delete", "DELETING"))
        self.assertRegex(got["TableId"], r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
        self.assertTrue(got["TableArn"].startswith("arn:aws:dynamodb:"))
        self.assertEqual(got["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
        self.assertIn("LastUpdateToPayPerRequestDateTime", got["BillingModeSummary"])
        self.assertEqual(got["ProvisionedThroughput"]["NumberOfDecreasesToday"], 0)
        self.assertIn("ItemCount", got)
        self.assertIn("TableSizeBytes", got)
        for omitted in ("KeySchema", "AttributeDefinitions", "GlobalSecondaryIndexes", "LocalSecondaryIndexes",
                        "CreationDateTime"):
            self.assertNotIn(omitted, got)

    def test_on_demand_table_dates_its_billing_mode_from_creation(self):
        table = self.ddb.describe_table(TableName=TABLE)["Table"]
        self.assertEqual(table["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"], table["CreationDateTime"])

    def test_documents_and_paths_nest_at_most_32_levels(self):
        def wrapped(levels):
            value = {"S": "leaf"}
            for _ in range(levels):
                value = {"M": {"n": value}}
            return value
        message = ("Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond "
                   "supported limit")
        self.ddb.put_item(TableName=TABLE, Item={**self.key("deep"), "d": wrapped(31)})
        self.assertEqual(self.ddb.get_item(TableName=TABLE, Key=self.key("deep"))["Item"]["d"], wrapped(31))
        self.assert_validation(self.ddb.put_item, message, Item={**self.key("too-deep"), "d": wrapped(32)})
        self.assert_validation(self.ddb.update_item, f"ExpressionAttributeValues contains invalid value: {message} for key :d",
                               Key=self.key("too-deep"), UpdateExpression="SET d = :d",
                               ExpressionAttributeValues={":d": {"L": [wrapped(31)]}})
        with self.assertRaises(ClientError) as raised:
            self.ddb.batch_write_item(RequestItems={TABLE: [{"PutRequest": {"Item": {**self.key("too-deep"),
                                                                                     "d": wrapped(32)}}}]})
        self.assertEqual(raised.exception.response["Error"]["Message"], message)
        self.assert_absent("too-deep")
        self.ddb.get_item(TableName=TABLE, Key=self.key("deep"), ProjectionExpression="d" + ".n" * 31)
        self.assert_validation(
            self.ddb.get_item,
            "Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33",
            Key=self.key("deep"), ProjectionExpression="d" + ".n" * 32)
        self.assert_validation(
            self.ddb.update_item,
            "Invalid UpdateExpression: The document path has too many nesting levels; nesting levels: 34",
            Key=self.key("deep"), UpdateExpression="REMOVE d" + ".n" * 31 + "[0][1]")

    def test_every_key_condition_form_dynamodb_accepts(self):
        """Key conditions as DynamoDB takes them (forms from ScyllaDB's alternator suite, written against DynamoDB):
        either order, the value first, parentheses, #names, BETWEEN and begins_with on the sort key, LSI and GSI
        keys, and the legacy KeyConditions; and DynamoDB's refusals, with its messages."""
        ddb = self.ddb
        ddb.create_table(
            TableName="key-forms", BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "p", "KeyType": "HASH"}, {"AttributeName": "c", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": "p", "AttributeType": "S"}, {"AttributeName": "c", "AttributeType": "N"},
                                  {"AttributeName": "l", "AttributeType": "S"}, {"AttributeName": "g", "AttributeType": "B"}],
            LocalSecondaryIndexes=[{"IndexName": "by-l", "Projection": {"ProjectionType": "ALL"},
                                    "KeySchema": [{"AttributeName": "p", "KeyType": "HASH"},
                                                  {"AttributeName": "l", "KeyType": "RANGE"}]}],
            GlobalSecondaryIndexes=[{"IndexName": "by-g", "Projection": {"ProjectionType": "ALL"},
                                     "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}]}])
        for i in range(6):
            ddb.put_item(TableName="key-forms", Item={"p": {"S": "a"}, "c": {"N": str(i)}, "l": {"S": f"L{i}"},
                                                      "g": {"B": b"G"}})
        ddb.put_item(TableName="key-forms", Item={"p": {"S": "b"}, "c": {"N": "1"}})

        def sort_keys(**params):
            items = ddb.query(TableName="key-forms", **params)["Items"]
            return [int(item["c"]["N"]) for item in items]

        p, n = {"S": "a"}, lambda v: {"N": str(v)}
        cases = [
            ("p = :p", {":p": p}, {}, None, [0, 1, 2, 3, 4, 5]),
            (":c < c AND :p = p", {":p": p, ":c": n(3)}, {}, None, [4, 5]),
            ("((c <= :c) AND (p = :p))", {":p": p, ":c": n(1)}, {}, None, [0, 1]),
            ("#k = :p AND #s BETWEEN :lo AND :hi", {":p": p, ":lo": n(2), ":hi": n(4)}, {"#k": "p", "#s": "c"}, None,
             [2, 3, 4]),
            ("p = :p AND begins_with(l, :l)", {":p": p, ":l": {"S": "L3"}}, {}, "by-l", [3]),
            ("l > :l AND p = :p", {":p": p, ":l": {"S": "L3"}}, {}, "by-l", [4, 5]),
            (":g = g", {":g": {"B": b"G"}}, {}, "by-g", None),
        ]
        for expression, values, names, index, expected in cases:
            with self.subTest(expression=expression):
                params = dict(KeyConditionExpression=expression, ExpressionAttributeValues=values)
                if names:
                    params["ExpressionAttributeNames"] = names
                if index:
                    params["IndexName"] = index
                got = sort_keys(**params)
                self.assertEqual(sorted(got) if expected is None else got, expected or [0, 1, 2, 3, 4, 5])
        legacy = {"p": {"ComparisonOperator": "EQ", "AttributeValueList": [p]},
                  "c": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [n(1), n(2)]}}
        self.assertEqual(sort_keys(KeyConditions=legacy), [1, 2])

        refused = [
            ("p < :p", {":p": p}, None, "Query key condition not supported"),
            ("p = :p AND c = :c AND l = :l", {":p": p, ":c": n(1), ":l": {"S": "x"}}, None,
             "Conditions can be of length 1 or 2 only"),
            ("p = :p AND l = :l", {":p": p, ":l": {"S": "x"}}, None, "Query condition missed key schema element: c"),
            ("c = :c", {":c": n(1)}, None, "Query condition missed key schema element: p"),
            ("p = :p AND c > :c AND c < :c", {":p": p, ":c": n(1)}, None,
             "KeyConditionExpressions must only contain one condition per key"),
            ("((c = :c) AND ((p = :p)))", {":p": p, ":c": n(1)}, None,
             "Invalid KeyConditionExpression: The expression has redundant parentheses;"),
            ("g = :g AND p = :p", {":g": {"B": b"G"}, ":p": p}, "by-g", "Query key condition not supported"),
            ("p = :p AND c = :c", {":p": p, ":c": n(1)}, "by-l", "Query condition missed key schema element: l"),
            ("p = :p AND c BETWEEN :hi AND :lo", {":p": p, ":hi": n(3), ":lo": n(1)}, None,
             "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal "
             "to lower bound; lower bound operand: AttributeValue: {N:3}, upper bound operand: AttributeValue: {N:1}"),
        ]
        for expression, values, index, message in refused:
            with self.subTest(expression=expression, index=index):
                params = dict(KeyConditionExpression=expression, ExpressionAttributeValues=values)
                if index:
                    params["IndexName"] = index
                with self.assertRaises(ClientError) as raised:
                    ddb.query(TableName="key-forms", **params)
                error = raised.exception.response
                self.assertEqual((error["ResponseMetadata"]["HTTPStatusCode"], error["Error"]["Code"],
                                  error["Error"]["Message"]), (400, "ValidationException", message))

    def test_number_precision_and_magnitude(self):
        overflow = "Number overflow. Attempting to store a number with magnitude larger than supported range"
        underflow = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
        digits = "Attempting to store more than 38 significant digits in a Number"
        key = self.key("numbers")
        for text, message in (("1e126", overflow), ("-11e125", overflow), ("1e-131", underflow),
                              ("0.9e-130", underflow), ("3.14159265358979323846264338327950288419", digits),
                              ("1.0e100000000", overflow), ("0e126", overflow), ("0e-131", underflow)):
            with self.subTest(text=text):
                self.assert_validation(self.ddb.update_item,
                                       f"ExpressionAttributeValues contains invalid value: {message} for key :v",
                                       Key=key, UpdateExpression="SET a = :v", ExpressionAttributeValues={":v": {"N": text}})
                self.assert_validation(self.ddb.put_item, message, Item={**key, "a": {"M": {"b": {"NS": ["1", text]}}}})
                self.assert_validation(self.ddb.update_item, message, Key=key,
                                       AttributeUpdates={"a": {"Action": "PUT", "Value": {"N": text}}})
                self.assert_validation(self.ddb.put_item, message, Item=key,
                                       Expected={"a": {"ComparisonOperator": "LT", "AttributeValueList": [{"N": text}]}})
        for text in ("9.9999999999999999999999999999999999999e125", "1e-130", "-1e125", "0.0e126", "0e125"):
            self.ddb.update_item(TableName=TABLE, Key=key, UpdateExpression="SET a = :v",
                                 ExpressionAttributeValues={":v": {"N": text}})
        # Arithmetic whose result leaves the range, or needs more than 38 digits: DynamoDB calls both an overflow.
        self.ddb.put_item(TableName=TABLE, Item={**key, "a": {"N": "9e125"}, "big": {"N": "1e50"}})
        n = lambda text: {"N": text}
        for expression, values in (("SET a = a + :v", {":v": n("9e125")}), ("SET a = :v - a", {":v": n("-9e125")}),
                                   ("SET b = big + :v", {":v": n("1")}), ("SET b = big - :v", {":v": n("1")}),
                                   ("ADD a :v", {":v": n("9e125")}), ("ADD big :v", {":v": n("1")})):
            with self.subTest(expression=expression):
                self.assert_validation(self.ddb.update_item, overflow, Key=key, UpdateExpression=expression,
                                       ExpressionAttributeValues=values)
        self.assert_validation(self.ddb.update_item, overflow, Key=key,
                               AttributeUpdates={"big": {"Action": "ADD", "Value": n("1")}})
        self.assert_validation(self.ddb.update_item, underflow, Key=key, UpdateExpression="SET b = :x - :y",
                               ExpressionAttributeValues={":x": n("1e-130"), ":y": n("1.1e-130")})
        self.ddb.update_item(TableName=TABLE, Key=key, UpdateExpression="SET a = a + :v",
                             ExpressionAttributeValues={":v": n("9e124")})
        self.assertEqual(self.ddb.get_item(TableName=TABLE, Key=key)["Item"]["a"], n("9" + "9" + "0" * 124))


if __name__ == "__main__":
    unittest.main()
