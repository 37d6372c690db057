"""DynamoDB auto scaling through Application Auto Scaling, on a frozen clock moved a second at a time: the seed's
commands, the alarms target tracking creates, and its lesson: a sudden sustained load is throttled for minutes
while capacity climbs in steps to the target, and scaling in waits for the low alarm's fifteen minutes."""
import datetime
import json
import shutil
import signal
import subprocess
import tempfile
import unittest

from botocore.exceptions import ClientError

from harness import Server, aws_clis

NO_RETRIES = {"total_max_attempts": 1}
WRITE_DIMENSION = "dynamodb:table:WriteCapacityUnits"


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def scaling_clients(server, account):
    """DynamoDB, Application Auto Scaling and CloudWatch clients of `account`, without retries."""
    return (server.client("dynamodb", access_key=account, retries=NO_RETRIES),
            server.client("application-autoscaling", access_key=account, retries=NO_RETRIES),
            server.client("cloudwatch", access_key=account, retries=NO_RETRIES))


def advance_clock(test, seconds):
    """Moves the test server's emulated clock; returns the new time."""
    status, body = test.server.admin("/_chokepoint/clock", "POST", {"advance": seconds})
    test.assertEqual(status, 200, body)
    return parse_time(body["now"])


class AutoScalingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(args=["--clock", "manual"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def clients(self, account):
        return scaling_clients(self.server, account)

    def advance(self, seconds):
        return advance_clock(self, seconds)

    def create_table(self, ddb, name, wcu):
        ddb.create_table(TableName=name, AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                         ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": wcu})

    def capacity(self, ddb, name):
        return ddb.describe_table(TableName=name)["Table"]["ProvisionedThroughput"]["WriteCapacityUnits"]

    def test_the_seeds_commands_with_the_aws_cli(self):
        ddb, _, cloudwatch = self.clients("100000000051")
        self.create_table(ddb, "MyTable", 10)
        clis = aws_clis()
        if not clis:
            self.skipTest("no AWS CLI on this machine")
        cli = clis[-1][0]
        env = self.server.cli_env(access_key="100000000051")
        base = [cli, "--endpoint-url", self.server.endpoint, "application-autoscaling"]
        register = subprocess.run(base + ["register-scalable-target", "--service-namespace", "dynamodb",
                                          "--resource-id", "table/MyTable", "--scalable-dimension", WRITE_DIMENSION,
                                          "--min-capacity", "100", "--max-capacity", "5000"],
                                  capture_output=True, text=True, timeout=60, env=env)
        self.assertEqual(register.returncode, 0, register.stderr)
        self.assertEqual(self.capacity(ddb, "MyTable"), 100)  # raised to the new minimum at once
        put = subprocess.run(base + ["put-scaling-policy", "--policy-name", "MyTableScaling", "--service-namespace",
                                     "dynamodb", "--resource-id", "table/MyTable", "--scalable-dimension",
                                     WRITE_DIMENSION, "--policy-type", "TargetTrackingScaling",
                                     "--target-tracking-scaling-policy-configuration",
                                     "TargetValue=70,PredefinedMetricSpecification={PredefinedMetricType="
                                     "DynamoDBWriteCapacityUtilization}", "--output", "json"],
                             capture_output=True, text=True, timeout=60, env=env)
        self.assertEqual(put.returncode, 0, put.stderr)
        alarms = {a["AlarmName"] for a in json.loads(put.stdout)["Alarms"]}
        described = {a["AlarmName"]: a for a in cloudwatch.describe_alarms()["MetricAlarms"]}
        self.assertEqual(alarms, set(described))
        high = next(a for n, a in described.items() if "-AlarmHigh-" in n)
        low = next(a for n, a in described.items() if "-AlarmLow-" in n)
        self.assertTrue(high["AlarmName"].startswith("TargetTracking-table/MyTable-AlarmHigh-"))
        self.assertEqual((high["MetricName"], high["Statistic"], high["Period"], high["EvaluationPeriods"]),
                         ("ConsumedWriteCapacityUnits", "Sum", 60, 2))
        self.assertEqual(high["Threshold"], 70 * 100 * 60 / 100)
        self.assertEqual((low["EvaluationPeriods"], low["Threshold"]), (15, 50 * 100 * 60 / 100))
        self.assertEqual(high["AlarmActions"], [json.loads(put.stdout)["PolicyARN"]])

    def test_a_sudden_load_is_throttled_while_capacity_climbs_in_steps(self):
        ddb, autoscaling, _ = self.clients("100000000052")
        self.create_table(ddb, "orders", 10)
        autoscaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/orders",
                                             ScalableDimension=WRITE_DIMENSION, MinCapacity=10, MaxCapacity=1000)
        autoscaling.put_scaling_policy(
            PolicyName="orders-writes", ServiceNamespace="dynamodb", ResourceId="table/orders",
            ScalableDimension=WRITE_DIMENSION, PolicyType="TargetTrackingScaling",
            TargetTrackingScalingPolicyConfiguration={
                "TargetValue": 70, "PredefinedMetricSpecification": {"PredefinedMetricType":
                                                                     "DynamoDBWriteCapacityUtilization"}})
        # Alarms are checked once a minute: start just after a minute boundary, so that the first check comes a
        # minute in, whatever the time of day the clock started at.
        now = self.advance(0)
        self.advance(60 - now.second - now.microsecond / 1e6 + 0.01)
        # Spend the burst first (one partition takes 1,000 units a second: the clock moves between rounds).
        big = "x" * (100 * 1024 - 100)
        for round_ in range(10):
            admitted = 0
            for i in range(12):
                try:
                    ddb.put_item(TableName="orders", Item={"pk": {"S": f"big-{round_}-{i}"}, "v": {"S": big}})
                    admitted += 1
                except ClientError:
                    break
            self.advance(1)
            if admitted == 0:
                break
        item = [0]

        def write_second(units):
            """`units` one-unit writes in one emulated second (batches of 25); returns how many were throttled."""
            unprocessed = 0
            for start in range(0, units, 25):
                batch = []
                for _ in range(min(25, units - start)):
                    batch.append({"PutRequest": {"Item": {"pk": {"S": f"i{item[0]}"}}}})
                    item[0] += 1
                try:
                    answer = ddb.batch_write_item(RequestItems={"orders": batch})
                    unprocessed += len(answer.get("UnprocessedItems", {}).get("orders", []))
                except ClientError as e:  # none of the batch could be written
                    self.assertEqual(e.response["Error"]["Code"], "ProvisionedThroughputExceededException")
                    unprocessed += len(batch)
            self.advance(1)
            return unprocessed

        load_start = self.advance(0)
        throttled_by_minute, capacity_by_minute = [], []
        for minute in range(16):
            throttled_by_minute.append(sum(write_second(40) for _ in range(60)))
            capacity_by_minute.append(self.capacity(ddb, "orders"))
        activities = sorted(autoscaling.describe_scaling_activities(ServiceNamespace="dynamodb",
                                                                    ResourceId="table/orders")["ScalingActivities"],
                            key=lambda a: a["StartTime"])
        self.assertGreater(throttled_by_minute[0], 1000)  # 40 a second offered, 10 a second provisioned
        first = activities[0]
        # About a minute, not seconds (less the few seconds spent draining the burst).
        self.assertGreaterEqual((first["StartTime"] - load_start).total_seconds(), 45)
        self.assertIn("AlarmHigh", first["Cause"])
        self.assertEqual(first["StatusCode"], "Successful")
        # Consumed capacity counts only admitted writes: each step is sized by what the last capacity let through.
        steps = [int(a["Description"].split(" to ")[1].rstrip(".")) for a in activities]
        self.assertEqual(steps, sorted(steps))
        self.assertGreaterEqual(len(steps), 3)
        self.assertEqual(capacity_by_minute[-1], 58)  # 40 / 0.7, rounded up
        self.assertEqual(throttled_by_minute[-1], 0)

        # The load drops to 10 a second: utilization 17 %, far below the low alarm's 50 %. No scale-in until the low
        # alarm has seen 15 low minutes (the minute of the drop is the first), then one.
        drop = self.advance(0)
        for minute in range(13):
            for _ in range(60):
                write_second(10)
            self.assertEqual(self.capacity(ddb, "orders"), 58, f"minute {minute + 1} after the drop")
        for _ in range(4 * 60):
            write_second(10)
        scaled_in = [a for a in autoscaling.describe_scaling_activities(
            ServiceNamespace="dynamodb", ResourceId="table/orders")["ScalingActivities"] if "AlarmLow" in a["Cause"]]
        self.assertEqual(len(scaled_in), 1)
        self.assertGreaterEqual((scaled_in[0]["StartTime"] - drop).total_seconds(), 14 * 60)
        self.assertEqual(self.capacity(ddb, "orders"), 15)  # 10 / 0.7, rounded up

    def test_bad_input_changes_nothing(self):
        ddb, autoscaling, _ = self.clients("100000000053")
        self.create_table(ddb, "plain", 5)
        cases = [
            (dict(ServiceNamespace="dynamodb", ResourceId="table/plain", ScalableDimension="dynamodb:table:Bogus",
                  MinCapacity=1, MaxCapacity=2), "ValidationException"),
            (dict(ServiceNamespace="dynamodb", ResourceId="table/plain", ScalableDimension=WRITE_DIMENSION,
                  MinCapacity=20, MaxCapacity=10), "ValidationException"),
            (dict(ServiceNamespace="ecs", ResourceId="service/default/web", ScalableDimension="ecs:service:DesiredCount",
                  MinCapacity=1, MaxCapacity=2), "ValidationException"),
            (dict(ServiceNamespace="dynamodb", ResourceId="table/missing", ScalableDimension=WRITE_DIMENSION,
                  MinCapacity=1, MaxCapacity=2), "ResourceNotFoundException"),
        ]
        for params, code in cases:
            with self.subTest(params=params):
                with self.assertRaises(ClientError) as e:
                    autoscaling.register_scalable_target(**params)
                self.assertEqual(e.exception.response["Error"]["Code"], code)
        self.assertEqual(autoscaling.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"], [])
        self.assertEqual(self.capacity(ddb, "plain"), 5)
        with self.assertRaises(ClientError) as e:
            autoscaling.put_scaling_policy(
                PolicyName="p", ServiceNamespace="dynamodb", ResourceId="table/plain",
                ScalableDimension=WRITE_DIMENSION, PolicyType="TargetTrackingScaling",
                TargetTrackingScalingPolicyConfiguration={"TargetValue": 70, "PredefinedMetricSpecification": {
                    "PredefinedMetricType": "DynamoDBWriteCapacityUtilization"}})
        self.assertEqual(e.exception.response["Error"]["Code"], "ObjectNotFoundException")
        with self.assertRaises(ClientError) as e:
            autoscaling.deregister_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/plain",
                                                   ScalableDimension=WRITE_DIMENSION)
        self.assertEqual(e.exception.response["Error"]["Code"], "ObjectNotFoundException")

    def test_deleting_the_policy_deletes_its_alarms(self):
        ddb, autoscaling, cloudwatch = self.clients("100000000054")
        self.create_table(ddb, "tidy", 5)
        autoscaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/tidy",
                                             ScalableDimension=WRITE_DIMENSION, MinCapacity=5, MaxCapacity=50)
        policy = dict(PolicyName="tidy-writes", ServiceNamespace="dynamodb", ResourceId="table/tidy",
                      ScalableDimension=WRITE_DIMENSION)
        autoscaling.put_scaling_policy(**policy, PolicyType="TargetTrackingScaling",
                                       TargetTrackingScalingPolicyConfiguration={
                                           "TargetValue": 50, "PredefinedMetricSpecification": {
                                               "PredefinedMetricType": "DynamoDBWriteCapacityUtilization"}})
        self.assertEqual(len(cloudwatch.describe_alarms()["MetricAlarms"]), 2)
        listed = autoscaling.describe_scaling_policies(ServiceNamespace="dynamodb")["ScalingPolicies"]
        self.assertEqual([p["PolicyName"] for p in listed], ["tidy-writes"])
        autoscaling.delete_scaling_policy(**policy)
        self.assertEqual(cloudwatch.describe_alarms()["MetricAlarms"], [])
        autoscaling.deregister_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/tidy",
                                               ScalableDimension=WRITE_DIMENSION)


if __name__ == "__main__":
    unittest.main()


class AutoScalingStackTest(unittest.TestCase):
    """A table with target tracking declared in a CloudFormation template, as applications deploy it."""

    TEMPLATE = """
Parameters:
  MaxWrites: {Type: Number, Default: 50}
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: scaled
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: 5}
  WriteTarget:
    Type: AWS::ApplicationAutoScaling::ScalableTarget
    Properties:
      ServiceNamespace: dynamodb
      ResourceId: !Sub table/${Table}
      ScalableDimension: dynamodb:table:WriteCapacityUnits
      MinCapacity: 5
      MaxCapacity: !Ref MaxWrites
  WritePolicy:
    Type: AWS::ApplicationAutoScaling::ScalingPolicy
    Properties:
      PolicyName: scaled-writes
      PolicyType: TargetTrackingScaling
      ScalingTargetId: !Ref WriteTarget
      TargetTrackingScalingPolicyConfiguration:
        TargetValue: 70
        ScaleInCooldown: 60
        PredefinedMetricSpecification: {PredefinedMetricType: DynamoDBWriteCapacityUtilization}
Outputs:
  Target: {Value: !Ref WriteTarget}
  TargetId: {Value: !GetAtt WriteTarget.Id}
  Policy: {Value: !Ref WritePolicy}
  PolicyArn: {Value: !GetAtt WritePolicy.Arn}
"""

    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def wait(self, cfn, waiter):
        cfn.get_waiter(waiter).wait(StackName="scaling", WaiterConfig={"Delay": 1, "MaxAttempts": 60})

    def test_a_stack_registers_the_target_and_its_policy_and_removes_them(self):
        account = "100000000061"
        cfn = self.server.client("cloudformation", access_key=account)
        scaling = self.server.client("application-autoscaling", access_key=account)
        cloudwatch = self.server.client("cloudwatch", access_key=account)
        cfn.create_stack(StackName="scaling", TemplateBody=self.TEMPLATE)
        self.wait(cfn, "stack_create_complete")
        outputs = {o["OutputKey"]: o["OutputValue"]
                   for o in cfn.describe_stacks(StackName="scaling")["Stacks"][0]["Outputs"]}
        self.assertEqual(outputs["Target"], "table/scaled|dynamodb:table:WriteCapacityUnits|dynamodb")
        self.assertEqual(outputs["TargetId"], outputs["Target"])
        self.assertTrue(outputs["Policy"].startswith(f"arn:aws:autoscaling:us-east-1:{account}:scalingPolicy:"),
                        outputs)
        self.assertEqual(outputs["PolicyArn"], outputs["Policy"])

        targets = scaling.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"]
        self.assertEqual([(t["ResourceId"], t["MinCapacity"], t["MaxCapacity"]) for t in targets],
                         [("table/scaled", 5, 50)])
        policies = scaling.describe_scaling_policies(ServiceNamespace="dynamodb")["ScalingPolicies"]
        self.assertEqual(len(policies), 1)
        config = policies[0]["TargetTrackingScalingPolicyConfiguration"]
        self.assertEqual((config["TargetValue"], config["ScaleInCooldown"]), (70.0, 60))
        alarms = [a["AlarmName"] for a in cloudwatch.describe_alarms()["MetricAlarms"]]
        self.assertEqual(len([a for a in alarms if a.startswith("TargetTracking-table/scaled-")]), 2, alarms)

        cfn.update_stack(StackName="scaling", TemplateBody=self.TEMPLATE,
                         Parameters=[{"ParameterKey": "MaxWrites", "ParameterValue": "80"}])
        self.wait(cfn, "stack_update_complete")
        targets = scaling.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"]
        self.assertEqual([t["MaxCapacity"] for t in targets], [80])

        cfn.delete_stack(StackName="scaling")
        self.wait(cfn, "stack_delete_complete")
        self.assertEqual(scaling.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"], [])
        self.assertEqual(scaling.describe_scaling_policies(ServiceNamespace="dynamodb")["ScalingPolicies"], [])
        alarms = [a["AlarmName"] for a in cloudwatch.describe_alarms()["MetricAlarms"]]
        self.assertEqual([a for a in alarms if a.startswith("TargetTracking-")], [])

    def test_a_bad_policy_fails_the_stack_with_the_services_error(self):
        account = "100000000062"
        cfn = self.server.client("cloudformation", access_key=account)
        template = self.TEMPLATE.replace("dynamodb:table:WriteCapacityUnits", "dynamodb:table:BogusUnits")
        cfn.create_stack(StackName="scaling", TemplateBody=template, OnFailure="DO_NOTHING")
        with self.assertRaises(Exception):
            self.wait(cfn, "stack_create_complete")
        events = cfn.describe_stack_events(StackName="scaling")["StackEvents"]
        failed = [e for e in events if e["ResourceStatus"] == "CREATE_FAILED" and e["LogicalResourceId"] == "WriteTarget"]
        self.assertEqual(len(failed), 1, events)
        self.assertIn("Unsupported scalable dimension 'dynamodb:table:BogusUnits'", failed[0]["ResourceStatusReason"])
        self.assertIn("HandlerErrorCode: InvalidRequest", failed[0]["ResourceStatusReason"])


class DurableScalingFixture:
    """A server in --data-dir mode on the manual clock, started (and restarted) by start(); ACCOUNT's clients."""

    ACCOUNT = None

    def setUp(self):
        self.data_dir = tempfile.mkdtemp(prefix="chokepoint-scaling-")
        self.server = None

    def tearDown(self):
        if self.server:
            self.server.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def start(self):
        self.server = Server(args=["--data-dir", self.data_dir, "--clock", "manual"]).start()
        return scaling_clients(self.server, self.ACCOUNT)


class AutoScalingDurableTest(DurableScalingFixture, unittest.TestCase):
    """In --data-dir mode scalable targets, policies and activities survive a SIGKILL, and scaling goes on."""

    ACCOUNT = "100000000071"

    def advance(self, seconds):
        return advance_clock(self, seconds)

    def test_targets_policies_and_activities_survive_a_sigkill_and_scaling_resumes(self):
        ddb, scaling, _ = self.start()
        ddb.create_table(TableName="kept", AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                         ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5})
        # A minimum above the table's capacity raises it at once: the first activity.
        scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/kept",
                                         ScalableDimension=WRITE_DIMENSION, MinCapacity=10, MaxCapacity=200)
        policy_arn = scaling.put_scaling_policy(
            PolicyName="kept-writes", ServiceNamespace="dynamodb", ResourceId="table/kept",
            ScalableDimension=WRITE_DIMENSION, PolicyType="TargetTrackingScaling",
            TargetTrackingScalingPolicyConfiguration={
                "TargetValue": 50, "ScaleInCooldown": 120,
                "PredefinedMetricSpecification": {"PredefinedMetricType": "DynamoDBWriteCapacityUtilization"}},
        )["PolicyARN"]
        before = scaling.describe_scaling_activities(ServiceNamespace="dynamodb")["ScalingActivities"]
        self.assertEqual(len(before), 1, before)

        self.server.process.send_signal(signal.SIGKILL)
        self.server.process.wait(10)
        self.server.stop()
        ddb, scaling, cloudwatch = self.start()

        targets = scaling.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"]
        self.assertEqual([(t["ResourceId"], t["MinCapacity"], t["MaxCapacity"]) for t in targets],
                         [("table/kept", 10, 200)])
        policies = scaling.describe_scaling_policies(ServiceNamespace="dynamodb")["ScalingPolicies"]
        self.assertEqual([(p["PolicyARN"], p["TargetTrackingScalingPolicyConfiguration"]["ScaleInCooldown"])
                          for p in policies], [(policy_arn, 120)])
        after = scaling.describe_scaling_activities(ServiceNamespace="dynamodb")["ScalingActivities"]
        self.assertEqual([a["ActivityId"] for a in after], [a["ActivityId"] for a in before])

        # The policy's alarms are back, and its checks run: 20 writes a second against 10 provisioned (200 %,
        # target 50 %) scale the table out once the high alarm has seen its two minutes.
        self.advance(0.01)
        alarms = [a["AlarmName"] for a in cloudwatch.describe_alarms()["MetricAlarms"]]
        self.assertEqual(len([a for a in alarms if a.startswith("TargetTracking-table/kept-")]), 2, alarms)
        item = 0
        for _ in range(4 * 60):
            batch = [{"PutRequest": {"Item": {"pk": {"S": f"i{item + k}"}}}} for k in range(20)]
            item += 20
            ddb.batch_write_item(RequestItems={"kept": batch})
            self.advance(1)
        capacity = ddb.describe_table(TableName="kept")["Table"]["ProvisionedThroughput"]["WriteCapacityUnits"]
        self.assertGreater(capacity, 10)
        latest = scaling.describe_scaling_activities(ServiceNamespace="dynamodb")["ScalingActivities"]
        self.assertTrue(any("AlarmHigh" in a["Cause"] for a in latest), latest)
