"""DynamoDB resource-based policies with real boto3: put, get, conditional replace and delete on a table and its
stream, and the errors for a missing policy or resource."""
import json

from botocore.exceptions import ClientError

from harness import ServerTestCase

POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "dynamodb:GetItem",
     "Resource": "*"}]})


class ResourcePoliciesTest(ServerTestCase):
    def setUp(self):
        self.reset()
        self.ddb = self.server.client("dynamodb")
        out = self.ddb.create_table(TableName="orders", BillingMode="PAY_PER_REQUEST",
                                    AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                                    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                                    StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
        self.table_arn = out["TableDescription"]["TableArn"]
        self.stream_arn = out["TableDescription"]["LatestStreamArn"]

    def code(self, call, **kwargs):
        with self.assertRaises(ClientError) as raised:
            call(**kwargs)
        return raised.exception.response["Error"]["Code"]

    def test_put_get_delete(self):
        self.assertEqual(self.code(self.ddb.get_resource_policy, ResourceArn=self.table_arn), "PolicyNotFoundException")
        revision = self.ddb.put_resource_policy(ResourceArn=self.table_arn, Policy=POLICY,
                                                ExpectedRevisionId="NO_POLICY")["RevisionId"]
        got = self.ddb.get_resource_policy(ResourceArn=self.table_arn)
        self.assertEqual((got["Policy"], got["RevisionId"]), (POLICY, revision))
        self.assertEqual(self.code(self.ddb.put_resource_policy, ResourceArn=self.table_arn, Policy=POLICY + " ",
                                   ExpectedRevisionId="1"), "PolicyNotFoundException")
        self.assertEqual(self.ddb.get_resource_policy(ResourceArn=self.table_arn)["Policy"], POLICY)
        self.assertEqual(self.ddb.delete_resource_policy(ResourceArn=self.table_arn,
                                                         ExpectedRevisionId=revision)["RevisionId"], revision)
        self.assertEqual(self.code(self.ddb.delete_resource_policy, ResourceArn=self.table_arn),
                         "PolicyNotFoundException")

    def test_stream_policy_and_missing_resources(self):
        self.ddb.put_resource_policy(ResourceArn=self.stream_arn, Policy=POLICY)
        self.assertEqual(self.ddb.get_resource_policy(ResourceArn=self.stream_arn)["Policy"], POLICY)
        self.assertEqual(self.code(self.ddb.get_resource_policy, ResourceArn=self.table_arn), "PolicyNotFoundException")
        missing = self.table_arn.replace("orders", "nothing")
        self.assertEqual(self.code(self.ddb.put_resource_policy, ResourceArn=missing, Policy=POLICY),
                         "ResourceNotFoundException")
        self.assertEqual(self.code(self.ddb.put_resource_policy, ResourceArn=self.table_arn,
                                   Policy=json.dumps({"Version": "2012-10-17", "Statement": [], "Pad": "x" * 21000})),
                         "ValidationException")
