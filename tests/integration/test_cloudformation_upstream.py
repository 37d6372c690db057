"""CloudFormation stacks that hold resource types of services Chokepoint does not emulate (S3, SQS, SNS, IAM, Secrets
Manager, KMS, Lambda), provisioned
through moto server (`moto_server`) as the upstream, each call admitted by Chokepoint's own buckets: a stack with a
bucket, a queue, a role and a DynamoDB table creates with AWS's Ref and Fn::GetAtt values and deletes what it made,
and so does a role with a Lambda function of inline code (moto creates functions without Docker; only Invoke needs
it); a lowered IAM CreateRole rate rolls back a stack of 30 independent roles with "Rate exceeded", and the same roles
chained with DependsOn complete. Without an upstream such types are refused with a ValidationError naming
--upstream. The moto tests are skipped, saying so, where moto_server is not installed."""
import json
import time
import unittest

from botocore.exceptions import ClientError

from harness import Server
from test_forwarding_moto import MOTO, start_moto

ROLE_TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})

MIXED = {
    "Parameters": {"ManagedPolicy": {"Type": "String"}},
    "Resources": {
        "Reports": {"Type": "AWS::S3::Bucket"},
        "Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 45}},
        "Worker": {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": json.loads(ROLE_TRUST),
            "ManagedPolicyArns": [{"Ref": "ManagedPolicy"}],
            "Policies": [{"PolicyName": "jobs", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "sqs:*", "Resource": {"Fn::GetAtt": ["Jobs", "Arn"]}}]}}]}},
        "Table": {"Type": "AWS::DynamoDB::Table", "Properties": {
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}},
    },
    "Outputs": {
        "BucketName": {"Value": {"Ref": "Reports"}},
        "BucketArn": {"Value": {"Fn::GetAtt": ["Reports", "Arn"]}},
        "BucketDomain": {"Value": {"Fn::GetAtt": ["Reports", "RegionalDomainName"]}},
        "QueueUrl": {"Value": {"Ref": "Jobs"}},
        "QueueArn": {"Value": {"Fn::GetAtt": ["Jobs", "Arn"]}},
        "QueueName": {"Value": {"Fn::GetAtt": ["Jobs", "QueueName"]}},
        "RoleName": {"Value": {"Ref": "Worker"}},
        "RoleArn": {"Value": {"Fn::GetAtt": ["Worker", "Arn"]}},
        "RoleId": {"Value": {"Fn::GetAtt": ["Worker", "RoleId"]}},
        "TableName": {"Value": {"Ref": "Table"}},
    },
}


def roles_template(count, chain):
    resources = {}
    for i in range(count):
        role = {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": json.loads(ROLE_TRUST)}}
        if chain and i:
            role["DependsOn"] = f"Role{i - 1}"
        resources[f"Role{i}"] = role
    return json.dumps({"Resources": resources})


@unittest.skipUnless(MOTO, "moto_server is not installed here (pip install 'moto[server]'); CloudFormation through "
                           "an upstream is not tested")
class CloudFormationUpstreamTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto, cls.moto_url = start_moto()

    @classmethod
    def tearDownClass(cls):
        cls.moto.terminate()
        cls.moto.wait(10)

    def start(self, extra=""):
        config = f'upstream: {{url: "{self.moto_url}"}}\n' + extra
        self.server = Server(config).start()
        self.addCleanup(self.server.stop)
        self.cf = self.server.client("cloudformation")

    def status(self, name):
        try:
            return self.cf.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
        except ClientError as e:  # a deleted stack is no longer found by its name
            if "does not exist" in e.response["Error"]["Message"]:
                return "DELETE_COMPLETE"
            raise

    def settle(self, name, timeout=30, advance=None):
        """Waits until the stack leaves *_IN_PROGRESS; with `advance`, moves the manual clock that many seconds at
        a time while it waits."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.status(name)
            if not status.endswith("_IN_PROGRESS"):
                return status
            if advance:
                self.server.admin("/_chokepoint/clock", "POST", {"advance": advance})
            time.sleep(0.05)
        self.fail(f"{name} did not settle: {self.status(name)}")

    def failure_reasons(self, name):
        events = self.cf.describe_stack_events(StackName=name)["StackEvents"]
        return [e.get("ResourceStatusReason", "") for e in events if e["ResourceStatus"] == "CREATE_FAILED"]

    def test_bucket_queue_role_and_table_create_and_delete(self):
        self.start()
        s3, sqs, iam = self.server.client("s3"), self.server.client("sqs"), self.server.client("iam")
        # moto holds no AWS managed policies unless told to load them: the role attaches one of the account's own.
        policy_arn = iam.create_policy(PolicyName="mixed-read", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}))[
            "Policy"]["Arn"]
        self.cf.create_stack(StackName="mixed", TemplateBody=json.dumps(MIXED),
                             Parameters=[{"ParameterKey": "ManagedPolicy", "ParameterValue": policy_arn}])
        self.assertEqual(self.settle("mixed"), "CREATE_COMPLETE", self.failure_reasons("mixed"))
        outputs = {o["OutputKey"]: o["OutputValue"]
                   for o in self.cf.describe_stacks(StackName="mixed")["Stacks"][0]["Outputs"]}

        # What moto holds, asked through Chokepoint.
        bucket = outputs["BucketName"]
        self.assertRegex(bucket, r"^mixed-reports-[a-z0-9]{12}$")
        self.assertIn(bucket, [b["Name"] for b in s3.list_buckets()["Buckets"]])
        self.assertEqual(outputs["BucketArn"], f"arn:aws:s3:::{bucket}")
        self.assertEqual(outputs["BucketDomain"], f"{bucket}.s3.us-east-1.amazonaws.com")

        queue_url = sqs.get_queue_url(QueueName=outputs["QueueName"])["QueueUrl"]
        # Ref is the URL AWS gives (its host, not Chokepoint's, which GetQueueUrl through Chokepoint names), and
        # clients use it as it is.
        account = queue_url.split("/")[-2]
        self.assertRegex(outputs["QueueUrl"], rf"^https?://sqs\.us-east-1\.amazonaws\.com/{account}/mixed-Jobs-")
        self.assertEqual(outputs["QueueUrl"].split("/")[-1], queue_url.split("/")[-1])
        sqs.send_message(QueueUrl=outputs["QueueUrl"], MessageBody="job-1")
        self.assertEqual(sqs.receive_message(QueueUrl=queue_url)["Messages"][0]["Body"], "job-1")
        self.assertTrue(outputs["QueueName"].startswith("mixed-Jobs-"), outputs["QueueName"])
        attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["All"])["Attributes"]
        self.assertEqual(outputs["QueueArn"], attributes["QueueArn"])
        self.assertEqual(attributes["VisibilityTimeout"], "45")

        role = iam.get_role(RoleName=outputs["RoleName"])["Role"]
        self.assertTrue(outputs["RoleName"].startswith("mixed-Worker-"), outputs["RoleName"])
        self.assertEqual(outputs["RoleArn"], role["Arn"])
        self.assertEqual(outputs["RoleId"], role["RoleId"])
        attached = iam.list_attached_role_policies(RoleName=outputs["RoleName"])["AttachedPolicies"]
        self.assertEqual([p["PolicyArn"] for p in attached], [policy_arn])
        self.assertEqual(iam.list_role_policies(RoleName=outputs["RoleName"])["PolicyNames"], ["jobs"])
        inline = iam.get_role_policy(RoleName=outputs["RoleName"], PolicyName="jobs")["PolicyDocument"]
        self.assertEqual(inline["Statement"][0]["Resource"], outputs["QueueArn"])

        self.cf.delete_stack(StackName="mixed")
        self.assertEqual(self.settle("mixed"), "DELETE_COMPLETE")
        self.assertNotIn(bucket, [b["Name"] for b in s3.list_buckets()["Buckets"]])
        with self.assertRaises(ClientError):
            sqs.get_queue_url(QueueName=outputs["QueueName"])
        with self.assertRaises(ClientError) as gone:
            iam.get_role(RoleName=outputs["RoleName"])
        self.assertEqual(gone.exception.response["Error"]["Code"], "NoSuchEntity")
        ddb = self.server.client("dynamodb")
        self.assertNotIn(outputs["TableName"], ddb.list_tables()["TableNames"])

    def test_topic_policy_secret_and_key_create_and_delete(self):
        self.start()
        template = {
            "Resources": {
                "Alerts": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "Alerts"}},
                "Runner": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "runner",
                                                                    "AssumeRolePolicyDocument": ROLE_TRUST}},
                "Publish": {"Type": "AWS::IAM::Policy", "Properties": {
                    "PolicyName": "publish", "Roles": [{"Ref": "Runner"}],
                    "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Action": "sns:Publish", "Resource": {"Ref": "Alerts"}}]}}},
                "Password": {"Type": "AWS::SecretsManager::Secret", "Properties": {
                    "GenerateSecretString": {"SecretStringTemplate": '{"user": "app"}',
                                             "GenerateStringKey": "password", "PasswordLength": 24}}},
                "Key": {"Type": "AWS::KMS::Key", "Properties": {"Description": "stack key"}},
            },
            "Outputs": {
                "TopicArn": {"Value": {"Ref": "Alerts"}},
                "TopicName": {"Value": {"Fn::GetAtt": ["Alerts", "TopicName"]}},
                "PolicyId": {"Value": {"Ref": "Publish"}},
                "SecretArn": {"Value": {"Ref": "Password"}},
                "KeyId": {"Value": {"Ref": "Key"}},
                "KeyArn": {"Value": {"Fn::GetAtt": ["Key", "Arn"]}},
            },
        }
        self.cf.create_stack(StackName="more", TemplateBody=json.dumps(template))
        self.assertEqual(self.settle("more"), "CREATE_COMPLETE", self.failure_reasons("more"))
        outputs = {o["OutputKey"]: o["OutputValue"]
                   for o in self.cf.describe_stacks(StackName="more")["Stacks"][0]["Outputs"]}
        sns, iam = self.server.client("sns"), self.server.client("iam")
        sm, kms = self.server.client("secretsmanager"), self.server.client("kms")

        self.assertIn(outputs["TopicArn"], [t["TopicArn"] for t in sns.list_topics()["Topics"]])
        self.assertTrue(outputs["TopicName"].startswith("more-Alerts-"), outputs["TopicName"])
        self.assertEqual(sns.get_topic_attributes(TopicArn=outputs["TopicArn"])["Attributes"]["DisplayName"], "Alerts")
        policy = iam.get_role_policy(RoleName="runner", PolicyName="publish")["PolicyDocument"]
        self.assertEqual(policy["Statement"][0]["Resource"], outputs["TopicArn"])
        self.assertTrue(outputs["PolicyId"].startswith("more-Publi-"), outputs["PolicyId"])
        secret = json.loads(sm.get_secret_value(SecretId=outputs["SecretArn"])["SecretString"])
        self.assertEqual(secret["user"], "app")
        self.assertEqual(len(secret["password"]), 24)
        key = kms.describe_key(KeyId=outputs["KeyId"])["KeyMetadata"]
        self.assertEqual((key["Arn"], key["Description"]), (outputs["KeyArn"], "stack key"))

        self.cf.delete_stack(StackName="more")
        self.assertEqual(self.settle("more"), "DELETE_COMPLETE")
        self.assertNotIn(outputs["TopicArn"], [t["TopicArn"] for t in sns.list_topics()["Topics"]])
        for gone in (lambda: iam.get_role(RoleName="runner"),
                     lambda: sm.describe_secret(SecretId=outputs["SecretArn"])):
            with self.assertRaises(ClientError):
                gone()
        self.assertEqual(kms.describe_key(KeyId=outputs["KeyId"])["KeyMetadata"]["KeyState"], "PendingDeletion")

    def test_function_with_inline_code_creates_and_deletes(self):
        self.start()
        template = {
            "Resources": {
                "Exec": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": ROLE_TRUST}},
                "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
                    "Runtime": "python3.12", "Handler": "index.handler", "Timeout": "9", "MemorySize": 256,
                    "Role": {"Fn::GetAtt": ["Exec", "Arn"]},
                    "Environment": {"Variables": {"MODE": "test"}},
                    "Tags": [{"Key": "team", "Value": "infra"}],
                    "Code": {"ZipFile": "def handler(event, context):\n    return {'ok': True}\n"}}},
            },
            "Outputs": {
                "FunctionName": {"Value": {"Ref": "Fn"}},
                "FunctionArn": {"Value": {"Fn::GetAtt": ["Fn", "Arn"]}},
                "RoleArn": {"Value": {"Fn::GetAtt": ["Exec", "Arn"]}},
            },
        }
        self.cf.create_stack(StackName="fns", TemplateBody=json.dumps(template))
        self.assertEqual(self.settle("fns"), "CREATE_COMPLETE", self.failure_reasons("fns"))
        outputs = {o["OutputKey"]: o["OutputValue"]
                   for o in self.cf.describe_stacks(StackName="fns")["Stacks"][0]["Outputs"]}
        lam = self.server.client("lambda")

        self.assertRegex(outputs["FunctionName"], r"^fns-Fn-")
        self.assertLessEqual(len(outputs["FunctionName"]), 64)
        function = lam.get_function(FunctionName=outputs["FunctionName"])
        config = function["Configuration"]
        self.assertEqual(config["FunctionName"], outputs["FunctionName"])
        self.assertEqual(config["FunctionArn"], outputs["FunctionArn"])
        self.assertEqual((config["Runtime"], config["Handler"], config["Role"]),
                         ("python3.12", "index.handler", outputs["RoleArn"]))
        self.assertEqual((config["Timeout"], config["MemorySize"]), (9, 256))
        self.assertEqual(config["Environment"]["Variables"], {"MODE": "test"})
        self.assertEqual(config["State"], "Active")
        self.assertEqual(function.get("Tags", {}).get("team"), "infra")

        self.cf.delete_stack(StackName="fns")
        self.assertEqual(self.settle("fns"), "DELETE_COMPLETE")
        with self.assertRaises(ClientError) as gone:
            lam.get_function(FunctionName=outputs["FunctionName"])
        self.assertEqual(gone.exception.response["Error"]["Code"], "ResourceNotFoundException")

    def test_a_lowered_create_role_rate_rolls_back_parallel_roles_and_a_chain_completes(self):
        self.start("clock: {mode: manual}\n"
                   "limits: [{match: {service: iam}, buckets: {CreateRole: {rate: 1, burst: 2}}}]\n")
        iam = self.server.client("iam")
        before = {r["RoleName"] for r in iam.list_roles()["Roles"]}

        self.cf.create_stack(StackName="roles-parallel", TemplateBody=roles_template(30, chain=False))
        self.assertEqual(self.settle("roles-parallel", advance=1), "ROLLBACK_COMPLETE")
        reasons = [r for r in self.failure_reasons("roles-parallel") if "Rate exceeded" in r]
        self.assertTrue(reasons, self.failure_reasons("roles-parallel"))
        self.assertIn("(Service: Iam, Status Code: 400", reasons[0])
        self.assertIn("HandlerErrorCode: Throttling", reasons[0])
        self.assertEqual({r["RoleName"] for r in iam.list_roles()["Roles"]}, before, "the rollback deletes them")

        self.cf.create_stack(StackName="roles-chain", TemplateBody=roles_template(30, chain=True))
        self.assertEqual(self.settle("roles-chain", timeout=60, advance=1), "CREATE_COMPLETE",
                         self.failure_reasons("roles-chain"))
        made = {r["RoleName"] for r in iam.list_roles()["Roles"]} - before
        self.assertEqual(len(made), 30)
        self.assertTrue(all(name.startswith("roles-chain-Role") for name in made), made)


class CloudFormationWithoutUpstreamTest(unittest.TestCase):
    def test_forwarded_types_need_an_upstream(self):
        with Server() as server:
            cf = server.client("cloudformation")
            body = json.dumps({"Resources": {"B": {"Type": "AWS::S3::Bucket"}, "Q": {"Type": "AWS::SQS::Queue"}}})
            for call in (lambda: cf.create_stack(StackName="no-upstream", TemplateBody=body),
                         lambda: cf.validate_template(TemplateBody=body)):
                with self.assertRaises(ClientError) as refused:
                    call()
                error = refused.exception.response["Error"]
                self.assertEqual(error["Code"], "ValidationError")
                self.assertIn("[AWS::S3::Bucket, AWS::SQS::Queue]", error["Message"])
                self.assertIn("--upstream", error["Message"])
            unknown = json.dumps({"Resources": {"B": {"Type": "AWS::Nope::Thing"}}})
            with self.assertRaises(ClientError) as refused:
                cf.validate_template(TemplateBody=unknown)
            self.assertIn("Unrecognized resource types: [AWS::Nope::Thing]", refused.exception.response["Error"]["Message"])


if __name__ == "__main__":
    unittest.main()
