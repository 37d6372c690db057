"""Service Quotas for the limits that are counts, not rates: SSM's parameter count, DynamoDB's table count and
provisioned throughput maximums, CloudFormation's stack count. Each is listed with the value Chokepoint enforces,
and an approved increase raises what is enforced for that account and region. Also the Automatic Management
operations. The clock is frozen (--clock manual) and moved with POST /_chokepoint/clock."""
from botocore.exceptions import ClientError

from harness import ManualClockTestCase, ServerTestCase

ALICE, BOB = "111111111111", "222222222222"
NO_RETRIES = {"total_max_attempts": 1}
CONFIG = """
ssm: {max_standard_parameters: 3}
dynamodb:
  capacity:
    quotas: {max_tables: 2, table_max_read_units: 100}
cloudformation:
  account_limits: {stack_limit: 2}
"""


def error_of(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]
    return None


def parameter_stack(name):
    return ("Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n"
            f"      Name: /stack/{name}\n      Type: String\n      Value: v\n")


class CountQuotaTest(ManualClockTestCase):
    CONFIG = CONFIG

    def client(self, service, account=ALICE):
        return self.server.client(service, access_key=account, retries=NO_RETRIES)

    def raise_quota(self, service, code, value, account=ALICE):
        sq = self.client("service-quotas", account)
        request = sq.request_service_quota_increase(ServiceCode=service, QuotaCode=code, DesiredValue=value)
        self.advance(6)
        status = sq.get_requested_service_quota_change(RequestId=request["RequestedQuota"]["Id"])
        self.assertEqual(status["RequestedQuota"]["Status"], "APPROVED")
        self.assertEqual(sq.get_service_quota(ServiceCode=service, QuotaCode=code)["Quota"]["Value"], value)

    def test_ssm_parameter_count(self):
        sq = self.client("service-quotas")
        quota = sq.get_service_quota(ServiceCode="ssm", QuotaCode="CP-StandardParameters")["Quota"]
        self.assertEqual(quota["Value"], 3)
        self.assertEqual(quota["QuotaName"], "Standard parameters per account and Region")
        ssm = self.client("ssm")
        for i in range(3):
            ssm.put_parameter(Name=f"/count/{i}", Value="v", Type="String")
        refused = error_of(lambda: ssm.put_parameter(Name="/count/3", Value="v", Type="String"))
        self.assertEqual(refused["Code"], "ParameterLimitExceeded")
        self.raise_quota("ssm", "CP-StandardParameters", 5)
        self.assertEqual(sq.get_aws_default_service_quota(ServiceCode="ssm",
                                                          QuotaCode="CP-StandardParameters")["Quota"]["Value"], 3)
        ssm.put_parameter(Name="/count/3", Value="v", Type="String")
        # Bob's account keeps the configured count.
        bob = self.client("ssm", BOB)
        for i in range(3):
            bob.put_parameter(Name=f"/count/{i}", Value="v", Type="String")
        self.assertEqual(error_of(lambda: bob.put_parameter(Name="/count/3", Value="v", Type="String"))["Code"],
                         "ParameterLimitExceeded")

    def test_dynamodb_table_count_and_table_throughput(self):
        ddb = self.client("dynamodb")
        keys = {"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}
        sq = self.client("service-quotas")
        quotas = {q["QuotaCode"]: q for page in sq.get_paginator("list_service_quotas").paginate(ServiceCode="dynamodb")
                  for q in page["Quotas"]}
        self.assertEqual(quotas["L-F98FE922"]["QuotaName"], "Maximum number of tables")
        self.assertEqual(quotas["L-F98FE922"]["Value"], 2)
        self.assertEqual(quotas["L-CF0CBE56"]["Value"], 100)
        self.assertEqual(quotas["L-34F6A552"]["Value"], 80000)
        for name in ("tab1", "tab2"):
            ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST", **keys)
        refused = error_of(lambda: ddb.create_table(TableName="tab3", BillingMode="PAY_PER_REQUEST", **keys))
        self.assertEqual(refused["Code"], "LimitExceededException")
        self.assertEqual(ddb.list_tables()["TableNames"], ["tab1", "tab2"])
        self.raise_quota("dynamodb", "L-F98FE922", 3)
        throughput = {"ReadCapacityUnits": 200, "WriteCapacityUnits": 5}
        refused = error_of(lambda: ddb.create_table(TableName="tab3", ProvisionedThroughput=throughput, **keys))
        self.assertEqual(refused["Code"], "LimitExceededException")  # 200 RCU above the table maximum of 100
        self.assertEqual(ddb.describe_limits()["TableMaxReadCapacityUnits"], 100)
        self.raise_quota("dynamodb", "L-CF0CBE56", 400)
        self.advance(60)  # DescribeLimits is allowed once a minute
        self.assertEqual(ddb.describe_limits()["TableMaxReadCapacityUnits"], 400)
        ddb.create_table(TableName="tab3", ProvisionedThroughput=throughput, **keys)

    def test_cloudformation_stack_count(self):
        cf = self.client("cloudformation")
        limits = {x["Name"]: x["Value"] for x in cf.describe_account_limits()["AccountLimits"]}
        self.assertEqual(limits["StackLimit"], 2)
        for name in ("s1", "s2"):
            cf.create_stack(StackName=name, TemplateBody=parameter_stack(name))
        refused = error_of(lambda: cf.create_stack(StackName="s3", TemplateBody=parameter_stack("s3")))
        self.assertEqual(refused["Code"], "LimitExceededException")
        self.assertEqual(refused["Message"], "Cannot exceed quota for StacksPerRegion: 2")
        self.raise_quota("cloudformation", "L-0485CB21", 3)
        limits = {x["Name"]: x["Value"] for x in cf.describe_account_limits()["AccountLimits"]}
        self.assertEqual(limits["StackLimit"], 3)
        cf.create_stack(StackName="s3", TemplateBody=parameter_stack("s3"))


class AutoManagementTest(ServerTestCase):
    ARGS = ("--clock", "manual")

    def setUp(self):
        self.reset()

    def test_start_get_update_stop(self):
        sq = self.server.client("service-quotas", access_key=ALICE)
        self.assertEqual(sq.get_auto_management_configuration()["OptInStatus"], "DISABLED")
        sq.start_auto_management(OptInLevel="ACCOUNT", OptInType="NotifyOnly",
                                 ExclusionList={"ssm": ["CP-ParameterReads"]})
        config = sq.get_auto_management_configuration()
        self.assertEqual(config["OptInStatus"], "ENABLED")
        self.assertEqual(config["OptInLevel"], "ACCOUNT")
        self.assertEqual(config["OptInType"], "NotifyOnly")
        self.assertEqual(config["ExclusionList"]["ssm"][0]["QuotaCode"], "CP-ParameterReads")
        self.assertIn("GetParameter", config["ExclusionList"]["ssm"][0]["QuotaName"])
        arn = f"arn:aws:notifications::{ALICE}:configuration/quota-alerts"
        sq.update_auto_management(OptInType="NotifyAndAdjust", NotificationArn=arn)
        config = sq.get_auto_management_configuration()
        self.assertEqual(config["OptInType"], "NotifyAndAdjust")
        self.assertEqual(config["NotificationArn"], arn)
        # Another account is not affected.
        bob = self.server.client("service-quotas", access_key=BOB)
        self.assertEqual(bob.get_auto_management_configuration()["OptInStatus"], "DISABLED")
        sq.stop_auto_management()
        self.assertEqual(sq.get_auto_management_configuration()["OptInStatus"], "DISABLED")
        self.assertEqual(error_of(lambda: sq.update_auto_management(OptInType="NotifyOnly"))["Code"],
                         "NoSuchResourceException")

    def test_refusals_change_nothing(self):
        sq = self.server.client("service-quotas", access_key=ALICE)
        self.assertEqual(error_of(lambda: sq.start_auto_management(OptInLevel="ACCOUNT", OptInType="NotifyOnly",
                                                                   ExclusionList={"sqs": ["L-1"]}))["Code"],
                         "NoSuchResourceException")
        self.assertEqual(error_of(lambda: sq.start_auto_management(OptInLevel="ACCOUNT", OptInType="NotifyOnly",
                                                                   ExclusionList={"ssm": ["L-0000"]}))["Code"],
                         "NoSuchResourceException")
        self.assertEqual(error_of(lambda: sq.start_auto_management(OptInLevel="ORGANIZATION",
                                                                   OptInType="NotifyOnly"))["Code"],
                         "ValidationException")
        self.assertEqual(error_of(lambda: sq.start_auto_management(OptInLevel="ACCOUNT", OptInType="NotifyOnly",
                                                                   NotificationArn="not-an-arn"))["Code"],
                         "ValidationException")
        self.assertEqual(sq.get_auto_management_configuration()["OptInStatus"], "DISABLED")


class DynamoDbControlPlaneTest(ServerTestCase):
    """DynamoDB's control plane at AWS's published 2,500 requests a second: a burst of 60 CreateTable calls from one
    account is admitted; the rate and the 500 simultaneous table operations are quotas."""

    def test_sixty_create_table_calls_at_once(self):
        ddb = self.server.client("dynamodb", access_key=ALICE, retries=NO_RETRIES)
        keys = {"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}
        for i in range(60):
            ddb.create_table(TableName=f"burst-{i:02d}", **keys)
        names = [n for page in ddb.get_paginator("list_tables").paginate() for n in page["TableNames"]]
        self.assertEqual(len(names), 60)
        sq = self.server.client("service-quotas", access_key=ALICE)
        writes = sq.get_service_quota(ServiceCode="dynamodb", QuotaCode="CP-ControlPlaneWrites")["Quota"]
        self.assertEqual(writes["Value"], 2500)
        self.assertIn("CreateTable", writes["QuotaName"])
        operations = sq.get_service_quota(ServiceCode="dynamodb", QuotaCode="L-1BB77E89")["Quota"]
        self.assertEqual((operations["QuotaName"], operations["Value"]), ("Concurrent control plane operations", 500))
