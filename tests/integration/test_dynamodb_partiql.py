"""DynamoDB PartiQL through boto3: ExecuteStatement (select by key, filter, index, insert, update, delete,
parameters, pages), BatchExecuteStatement with per-statement errors, ExecuteTransaction's success and
cancellation, and a PartiQL write throttled by its table's capacity."""
import unittest

from botocore.exceptions import ClientError

from harness import ServerTestCase

ACCOUNT = "123456789012"


class PartiqlTest(ServerTestCase):

    def setUp(self):
        self.reset()
        self.client = self.server.client("dynamodb", retries={"max_attempts": 0})
        self.client.create_table(
            TableName="Music",
            KeySchema=[{"AttributeName": "Artist", "KeyType": "HASH"},
                       {"AttributeName": "SongTitle", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": "Artist", "AttributeType": "S"},
                                  {"AttributeName": "SongTitle", "AttributeType": "S"},
                                  {"AttributeName": "Year", "AttributeType": "N"}],
            GlobalSecondaryIndexes=[{"IndexName": "ByYear",
                                     "KeySchema": [{"AttributeName": "Year", "KeyType": "HASH"}],
                                     "Projection": {"ProjectionType": "ALL"}}],
            BillingMode="PAY_PER_REQUEST")
        for artist, title, year in (("Acme Band", "Happy Day", 2019), ("Acme Band", "PartiQL Rocks", 2021),
                                    ("No One You Know", "Call Me Today", 2019)):
            self.run_statement(f"INSERT INTO \"Music\" VALUE {{'Artist': '{artist}', 'SongTitle': '{title}', "
                               f"'Year': {year}, 'Plays': 0}}")

    def run_statement(self, statement, **kwargs):
        return self.client.execute_statement(Statement=statement, **kwargs)

    def error_of(self, call, **kwargs):
        with self.assertRaises(ClientError) as caught:
            call(**kwargs)
        return caught.exception.response["Error"]

    def test_select_by_key_runs_as_a_query(self):
        response = self.run_statement(
            "SELECT SongTitle FROM \"Music\" WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'",
            ReturnConsumedCapacity="TOTAL")
        self.assertEqual(response["Items"], [{"SongTitle": {"S": "Happy Day"}}])
        # One item under 4 KB read eventually consistently: half a unit, as the Query costs.
        self.assertEqual(response["ConsumedCapacity"], {"TableName": "Music", "CapacityUnits": 0.5})

    def test_select_with_a_filter_scans(self):
        response = self.run_statement("SELECT * FROM Music WHERE \"Year\" = 2019 AND begins_with(SongTitle, 'Ca')")
        self.assertEqual([i["SongTitle"]["S"] for i in response["Items"]], ["Call Me Today"])
        everything = self.run_statement("SELECT * FROM Music WHERE Plays IS NOT MISSING AND Year BETWEEN 2000 AND 2030")
        self.assertEqual(len(everything["Items"]), 3)

    def test_select_from_an_index(self):
        response = self.run_statement("SELECT Artist, SongTitle FROM \"Music\".\"ByYear\" WHERE \"Year\" = 2021")
        self.assertEqual(response["Items"], [{"Artist": {"S": "Acme Band"}, "SongTitle": {"S": "PartiQL Rocks"}}])

    def test_insert_of_an_existing_key_is_a_duplicate(self):
        error = self.error_of(self.run_statement,
                              statement="INSERT INTO Music VALUE {'Artist': 'Acme Band', 'SongTitle': 'Happy Day'}")
        self.assertEqual(error["Code"], "DuplicateItemException")
        self.assertEqual(error["Message"], "Duplicate primary key exists in table")

    def test_update_set_and_remove(self):
        self.run_statement("UPDATE Music SET Plays = Plays + 5, Tags = <<'pop'>>, Notes = ['a'] REMOVE \"Year\" "
                           "WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'")
        self.run_statement("UPDATE Music SET Tags = set_add(Tags, <<'rock'>>), Notes = list_append(Notes, ['b']) "
                           "WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'")
        item = self.client.get_item(TableName="Music", Key={"Artist": {"S": "Acme Band"},
                                                             "SongTitle": {"S": "Happy Day"}})["Item"]
        self.assertEqual(item["Plays"], {"N": "5"})
        self.assertEqual(sorted(item["Tags"]["SS"]), ["pop", "rock"])
        self.assertEqual(item["Notes"], {"L": [{"S": "a"}, {"S": "b"}]})
        self.assertNotIn("Year", item)
        returned = self.run_statement("UPDATE Music SET Plays = 9 WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day' "
                                      "RETURNING MODIFIED OLD *")
        self.assertEqual(returned["Items"], [{"Plays": {"N": "5"}}])
        error = self.error_of(self.run_statement,
                              statement="UPDATE Music SET Plays = 1 WHERE Artist = 'Nobody' AND SongTitle = 'x'")
        self.assertEqual(error["Code"], "ConditionalCheckFailedException")
        error = self.error_of(self.run_statement, statement="UPDATE Music SET Plays = 1 WHERE Artist = 'Acme Band'")
        self.assertEqual(error["Code"], "ValidationException")
        self.assertEqual(error["Message"], "Where clause does not contain a mandatory equality on all key attributes")

    def test_delete(self):
        self.run_statement("DELETE FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'")
        self.assertNotIn("Item", self.client.get_item(
            TableName="Music", Key={"Artist": {"S": "Acme Band"}, "SongTitle": {"S": "Happy Day"}}))
        # Deleting what is not there succeeds; a condition that fails does not.
        self.run_statement("DELETE FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'")
        error = self.error_of(self.run_statement, ReturnValuesOnConditionCheckFailure="ALL_OLD",
                              statement="DELETE FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'PartiQL Rocks' "
                                        "AND Plays > 10")
        self.assertEqual(error["Code"], "ConditionalCheckFailedException")

    def test_parameters(self):
        response = self.run_statement("SELECT * FROM Music WHERE Artist = ? AND SongTitle = ?",
                                      Parameters=[{"S": "Acme Band"}, {"S": "PartiQL Rocks"}])
        self.assertEqual(response["Items"][0]["Year"], {"N": "2021"})
        self.run_statement("INSERT INTO Music VALUE {'Artist': ?, 'SongTitle': ?, 'Info': ?}",
                           Parameters=[{"S": "P"}, {"S": "Q"}, {"M": {"k": {"BOOL": True}}}])
        self.assertEqual(self.run_statement("SELECT Info.k FROM Music WHERE Artist = 'P'")["Items"],
                         [{"Info": {"M": {"k": {"BOOL": True}}}}])
        error = self.error_of(self.run_statement, statement="SELECT * FROM Music WHERE Artist = ?")
        self.assertEqual(error["Code"], "ValidationException")
        self.assertEqual(error["Message"], "Number of parameters in request and statement doesn't match.")

    def test_syntax_errors_and_missing_tables(self):
        error = self.error_of(self.run_statement, statement="SELECT * FROM")
        self.assertEqual(error["Code"], "ValidationException")
        self.assertTrue(error["Message"].startswith("Statement wasn't well formed, can't be processed: "))
        error = self.error_of(self.run_statement, statement="SELECT * FROM nosuch")
        self.assertEqual(error["Code"], "ResourceNotFoundException")

    def test_pages_with_limit_and_next_token(self):
        for n in range(7):
            self.run_statement(f"INSERT INTO Music VALUE {{'Artist': 'Many', 'SongTitle': 'S{n}'}}")
        seen, kwargs, pages = [], {}, 0
        while True:
            response = self.run_statement("SELECT SongTitle FROM Music WHERE Artist = 'Many'", Limit=3, **kwargs)
            seen += [i["SongTitle"]["S"] for i in response["Items"]]
            pages += 1
            if "NextToken" not in response:
                break
            kwargs = {"NextToken": response["NextToken"]}
        self.assertEqual(seen, [f"S{n}" for n in range(7)])
        self.assertEqual(pages, 3)
        # A Scan pages the same way.
        count, kwargs = 0, {}
        while True:
            response = self.run_statement("SELECT * FROM Music", Limit=2, **kwargs)
            count += len(response["Items"])
            if "NextToken" not in response:
                break
            kwargs = {"NextToken": response["NextToken"]}
        self.assertEqual(count, 10)

    def test_batch_with_successes_and_per_statement_errors(self):
        response = self.client.batch_execute_statement(Statements=[
            {"Statement": "INSERT INTO Music VALUE {'Artist': 'New', 'SongTitle': 'One'}"},
            {"Statement": "INSERT INTO Music VALUE {'Artist': 'Acme Band', 'SongTitle': 'Happy Day'}"},
            {"Statement": "UPDATE Music SET Plays = 1 WHERE Artist = ? AND SongTitle = ?",
             "Parameters": [{"S": "Acme Band"}, {"S": "PartiQL Rocks"}]},
            {"Statement": "UPDATE Music SET Plays = 1 WHERE Artist = 'Nobody' AND SongTitle = 'x' AND Plays = 0",
             "ReturnValuesOnConditionCheckFailure": "ALL_OLD"},
            {"Statement": "DELETE FROM NoSuchTable WHERE Artist = 'x' AND SongTitle = 'y'"},
        ], ReturnConsumedCapacity="TOTAL")
        responses = response["Responses"]
        self.assertEqual(responses[0], {"TableName": "Music"})
        self.assertEqual(responses[1]["Error"]["Code"], "DuplicateItem")
        self.assertEqual(responses[2], {"TableName": "Music"})
        self.assertEqual(responses[3]["Error"]["Code"], "ConditionalCheckFailed")
        self.assertEqual(responses[4]["Error"]["Code"], "ResourceNotFound")
        self.assertEqual(response["ConsumedCapacity"][0]["TableName"], "Music")
        reads = self.client.batch_execute_statement(Statements=[
            {"Statement": "SELECT Plays FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'PartiQL Rocks'",
             "ConsistentRead": True},
            {"Statement": "SELECT * FROM Music WHERE Artist = 'Nobody' AND SongTitle = 'x'"},
            {"Statement": "SELECT * FROM Music WHERE Artist = 'Acme Band'"},
        ])["Responses"]
        self.assertEqual(reads[0], {"TableName": "Music", "Item": {"Plays": {"N": "1"}}})
        self.assertEqual(reads[1], {"TableName": "Music"})
        self.assertEqual(reads[2]["Error"]["Code"], "ValidationError")

    def test_transaction_success_and_cancellation(self):
        self.client.execute_transaction(TransactStatements=[
            {"Statement": "INSERT INTO Music VALUE {'Artist': 'T', 'SongTitle': '1'}"},
            {"Statement": "UPDATE Music SET Plays = Plays + 1 WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'"},
        ])
        with self.assertRaises(ClientError) as caught:
            self.client.execute_transaction(TransactStatements=[
                {"Statement": "INSERT INTO Music VALUE {'Artist': 'T', 'SongTitle': '2'}"},
                {"Statement": "INSERT INTO Music VALUE {'Artist': 'T', 'SongTitle': '1'}"},
                {"Statement": "EXISTS(SELECT * FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day' "
                              "AND Plays = 1)"},
            ])
        response = caught.exception.response
        self.assertEqual(response["Error"]["Code"], "TransactionCanceledException")
        self.assertEqual([r["Code"] for r in response["CancellationReasons"]], ["None", "DuplicateItem", "None"])
        self.assertEqual(self.run_statement("SELECT * FROM Music WHERE Artist = 'T'")["Items"],
                         [{"Artist": {"S": "T"}, "SongTitle": {"S": "1"}}])
        reads = self.client.execute_transaction(TransactStatements=[
            {"Statement": "SELECT Plays FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'"},
            {"Statement": "SELECT * FROM Music WHERE Artist = 'T' AND SongTitle = '2'"},
        ])
        self.assertEqual(reads["Responses"], [{"Item": {"Plays": {"N": "1"}}}, {}])

    def test_transaction_token_makes_it_run_once(self):
        statements = [{"Statement": "UPDATE Music SET Plays = Plays + 1 "
                                    "WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'"}]
        for _ in range(2):
            self.client.execute_transaction(TransactStatements=statements, ClientRequestToken="once")
        item = self.run_statement("SELECT Plays FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'")
        self.assertEqual(item["Items"], [{"Plays": {"N": "1"}}])
        error = self.error_of(self.client.execute_transaction, ClientRequestToken="once", TransactStatements=[
            {"Statement": "DELETE FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'"}])
        self.assertEqual(error["Code"], "IdempotentParameterMismatchException")


class PartiqlThrottlingTest(ServerTestCase):

    def setUp(self):
        self.reset()
        self.client = self.server.client("dynamodb", retries={"max_attempts": 0})

    def test_a_partiql_write_is_throttled_by_the_tables_capacity(self):
        self.client.create_table(TableName="tiny", AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                                 KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                                 ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})
        # A 300 KB insert is admitted on a full bucket and charged in full, leaving the table in debt.
        response = self.client.execute_statement(
            Statement="INSERT INTO tiny VALUE {'pk': 'big', 'd': ?}", Parameters=[{"S": "x" * 300 * 1024}],
            ReturnConsumedCapacity="TOTAL")
        self.assertEqual(response["ConsumedCapacity"], {"TableName": "tiny", "CapacityUnits": 301.0})
        with self.assertRaises(ClientError) as caught:
            self.client.execute_statement(Statement="UPDATE tiny SET n = 1 WHERE pk = 'big'")
        error = caught.exception.response
        self.assertEqual(error["Error"]["Code"], "ProvisionedThroughputExceededException")
        self.assertEqual(error["ThrottlingReasons"],
                         [{"reason": "TableWriteProvisionedThroughputExceeded",
                           "resource": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/tiny"}])
        batch = self.client.batch_execute_statement(Statements=[
            {"Statement": "INSERT INTO tiny VALUE {'pk': 'small'}"}])
        self.assertEqual(batch["Responses"][0]["Error"]["Code"], "ProvisionedThroughputExceeded")


if __name__ == "__main__":
    unittest.main()
