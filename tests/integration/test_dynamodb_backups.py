"""DynamoDB backups and point-in-time recovery with real boto3 on the manual emulated clock: CreateBackup,
DescribeBackup, ListBackups (and its paginator), DeleteBackup, RestoreTableFromBackup with the table_exists waiter,
RestoreTableToPointInTime, their errors, and backups surviving a restart in durable mode."""
import datetime
import shutil
import tempfile
import unittest

from botocore.exceptions import ClientError

from harness import ManualClockTestCase, Server

CONFIG = "dynamodb: {table_creation_delay_ms: 2000}\n"


def create_users(ddb, name="users"):
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "email", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     GlobalSecondaryIndexes=[{"IndexName": "by-email",
                                              "KeySchema": [{"AttributeName": "email", "KeyType": "HASH"}],
                                              "Projection": {"ProjectionType": "ALL"}}])


def put(ddb, pk, value, table="users"):
    ddb.put_item(TableName=table, Item={"pk": {"S": pk}, "v": {"S": value}, "email": {"S": f"{pk}@example.com"}})


def value(ddb, table, pk):
    item = ddb.get_item(TableName=table, Key={"pk": {"S": pk}}).get("Item")
    return item["v"]["S"] if item else None


class BackupsTest(ManualClockTestCase):
    CONFIG = CONFIG

    def setUp(self):
        super().setUp()
        self.ddb = self.server.client("dynamodb")
        create_users(self.ddb)
        self.advance(3)

    def code(self, call, **kwargs):
        with self.assertRaises(ClientError) as raised:
            call(**kwargs)
        return raised.exception.response["Error"]["Code"]

    def test_backup_lifecycle_and_restore(self):
        put(self.ddb, "u1", "old")
        details = self.ddb.create_backup(TableName="users", BackupName="nightly")["BackupDetails"]
        arn = details["BackupArn"]
        self.assertRegex(arn, r"^arn:aws:dynamodb:us-east-1:\d{12}:table/users/backup/\d{13}-[0-9a-f]{8}$")
        self.assertEqual(details["BackupStatus"], "CREATING")
        self.assertEqual(details["BackupType"], "USER")
        self.assertIsInstance(details["BackupCreationDateTime"], datetime.datetime)
        self.assertEqual(self.code(self.ddb.delete_backup, BackupArn=arn), "BackupInUseException")
        self.advance(3)
        put(self.ddb, "u1", "new")
        put(self.ddb, "u2", "after")

        described = self.ddb.describe_backup(BackupArn=arn)["BackupDescription"]
        self.assertEqual(described["BackupDetails"]["BackupStatus"], "AVAILABLE")
        self.assertEqual(described["SourceTableDetails"]["TableName"], "users")
        self.assertEqual(described["SourceTableDetails"]["ItemCount"], 1)
        self.assertEqual(described["SourceTableFeatureDetails"]["GlobalSecondaryIndexes"][0]["IndexName"], "by-email")

        restored = self.ddb.restore_table_from_backup(TargetTableName="users-copy", BackupArn=arn)
        self.assertEqual(restored["TableDescription"]["TableStatus"], "CREATING")
        self.assertEqual(restored["TableDescription"]["RestoreSummary"]["SourceBackupArn"], arn)
        self.assertTrue(restored["TableDescription"]["RestoreSummary"]["RestoreInProgress"])
        self.advance(3)
        self.ddb.get_waiter("table_exists").wait(TableName="users-copy", WaiterConfig={"Delay": 1, "MaxAttempts": 5})
        self.assertEqual(value(self.ddb, "users-copy", "u1"), "old")
        self.assertIsNone(value(self.ddb, "users-copy", "u2"))
        found = self.ddb.query(TableName="users-copy", IndexName="by-email", KeyConditionExpression="email = :e",
                               ExpressionAttributeValues={":e": {"S": "u1@example.com"}})
        self.assertEqual(found["Count"], 1)
        self.assertFalse(self.ddb.describe_table(TableName="users-copy")["Table"]["RestoreSummary"]["RestoreInProgress"])

        self.assertEqual(self.code(self.ddb.restore_table_from_backup, TargetTableName="users", BackupArn=arn),
                         "TableAlreadyExistsException")
        deleted = self.ddb.delete_backup(BackupArn=arn)["BackupDescription"]
        self.assertEqual(deleted["BackupDetails"]["BackupStatus"], "DELETED")
        self.assertEqual(self.code(self.ddb.describe_backup, BackupArn=arn), "BackupNotFoundException")

    def test_list_backups_filters_and_pages(self):
        create_users(self.ddb, "orders")
        self.advance(3)
        arns = []
        for i, table in enumerate(["users", "orders", "users"]):
            arns.append(self.ddb.create_backup(TableName=table, BackupName=f"backup-{i}")["BackupDetails"]["BackupArn"])
            self.advance(60)
        listed = self.ddb.list_backups(TableName="users")["BackupSummaries"]
        self.assertEqual([b["BackupArn"] for b in listed], [arns[0], arns[2]])
        self.assertEqual({b["TableName"] for b in listed}, {"users"})
        first = self.ddb.list_backups(Limit=2)
        self.assertEqual([b["BackupArn"] for b in first["BackupSummaries"]], arns[:2])
        self.assertEqual(first["LastEvaluatedBackupArn"], arns[1])
        pages = self.ddb.get_paginator("list_backups").paginate(PaginationConfig={"PageSize": 1})
        self.assertEqual([b["BackupArn"] for page in pages for b in page["BackupSummaries"]], arns)
        created = self.ddb.describe_backup(BackupArn=arns[1])["BackupDescription"]["BackupDetails"]
        since = self.ddb.list_backups(TimeRangeLowerBound=created["BackupCreationDateTime"])["BackupSummaries"]
        self.assertEqual([b["BackupArn"] for b in since], arns[1:])

    def test_errors(self):
        self.assertEqual(self.code(self.ddb.create_backup, TableName="nothing", BackupName="first"),
                         "TableNotFoundException")
        missing = "arn:aws:dynamodb:us-east-1:123456789012:table/users/backup/01800000000000-0123abcd"
        self.assertEqual(self.code(self.ddb.describe_backup, BackupArn=missing), "BackupNotFoundException")
        self.assertEqual(self.code(self.ddb.restore_table_from_backup, TargetTableName="restored", BackupArn=missing),
                         "BackupNotFoundException")
        self.assertEqual(self.ddb.list_backups()["BackupSummaries"], [])
        self.assertEqual(self.ddb.list_tables()["TableNames"], ["users"])

    def test_point_in_time_restore(self):
        put(self.ddb, "u1", "before")
        self.ddb.update_continuous_backups(TableName="users",
                                          PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
        self.advance(60)
        put(self.ddb, "u1", "one")
        middle = self.advance(600)
        put(self.ddb, "u1", "two")
        self.advance(600)
        window = self.ddb.describe_continuous_backups(TableName="users")["ContinuousBackupsDescription"][
            "PointInTimeRecoveryDescription"]
        self.assertLess(window["EarliestRestorableDateTime"], middle)
        restored = self.ddb.restore_table_to_point_in_time(SourceTableName="users", TargetTableName="at-middle",
                                                           RestoreDateTime=middle)
        # botocore sends whole epoch seconds.
        self.assertEqual(restored["TableDescription"]["RestoreSummary"]["RestoreDateTime"],
                         middle.replace(microsecond=0))
        self.ddb.restore_table_to_point_in_time(SourceTableName="users", TargetTableName="latest",
                                                UseLatestRestorableTime=True)
        self.advance(3)  # both restored tables are ACTIVE
        self.assertEqual(value(self.ddb, "at-middle", "u1"), "one")
        self.assertEqual(value(self.ddb, "latest", "u1"), "two")

        self.assertEqual(self.code(self.ddb.restore_table_to_point_in_time, SourceTableName="users",
                                   TargetTableName="too-early",
                                   RestoreDateTime=middle - datetime.timedelta(hours=1)),
                         "InvalidRestoreTimeException")
        self.ddb.update_continuous_backups(TableName="users",
                                          PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False})
        self.assertEqual(self.code(self.ddb.restore_table_to_point_in_time, SourceTableName="users",
                                   TargetTableName="off", UseLatestRestorableTime=True),
                         "PointInTimeRecoveryUnavailableException")
        self.assertNotIn("too-early", self.ddb.list_tables()["TableNames"])


class DurableBackupsTest(unittest.TestCase):
    def setUp(self):
        self.data_dir = tempfile.mkdtemp(prefix="chokepoint-backups-")

    def tearDown(self):
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def test_backups_and_restored_tables_survive_a_restart(self):
        args = ["--data-dir", self.data_dir]
        with Server(args=args) as server:
            ddb = server.client("dynamodb")
            create_users(ddb)
            ddb.get_waiter("table_exists").wait(TableName="users", WaiterConfig={"Delay": 1, "MaxAttempts": 10})
            put(ddb, "u1", "kept")
            arn = ddb.create_backup(TableName="users", BackupName="keep")["BackupDetails"]["BackupArn"]
            gone = ddb.create_backup(TableName="users", BackupName="drop")["BackupDetails"]["BackupArn"]
            ddb.delete_backup(BackupArn=gone)
            ddb.restore_table_from_backup(TargetTableName="copy", BackupArn=arn)
        with Server(args=args) as server:
            ddb = server.client("dynamodb")
            self.assertEqual([b["BackupArn"] for b in ddb.list_backups()["BackupSummaries"]], [arn])
            self.assertEqual(ddb.describe_backup(BackupArn=arn)["BackupDescription"]["SourceTableDetails"]["ItemCount"],
                             1)
            self.assertEqual(value(ddb, "copy", "u1"), "kept")
            ddb.restore_table_from_backup(TargetTableName="copy-2", BackupArn=arn)
            ddb.get_waiter("table_exists").wait(TableName="copy-2", WaiterConfig={"Delay": 1, "MaxAttempts": 10})
            self.assertEqual(value(ddb, "copy-2", "u1"), "kept")


if __name__ == "__main__":
    unittest.main()
