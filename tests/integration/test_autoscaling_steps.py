"""DynamoDB auto scaling beyond predefined target tracking, on a frozen clock: a step scaling policy run by the
user's own CloudWatch alarm (again each minute the alarm stays in ALARM, within the policy's cooldown), scheduled
actions that change the minimum at their time, target tracking on a customized metric, DynamoDB's daily limit on
decreases stopping a scale-in, and the errors bad input gets."""
import datetime
import signal
import subprocess
import unittest

from botocore.exceptions import ClientError

from harness import Server, aws_clis
from test_autoscaling import WRITE_DIMENSION, DurableScalingFixture, advance_clock, scaling_clients


def create_table(ddb, name, wcu):
    ddb.create_table(TableName=name, AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": wcu})


def write_capacity(ddb, name):
    return ddb.describe_table(TableName=name)["Table"]["ProvisionedThroughput"]["WriteCapacityUnits"]


def at_expression(moment):
    return "at(" + moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + ")"


class StepAndScheduledScalingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(args=["--clock", "manual"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def advance(self, seconds):
        return advance_clock(self, seconds)

    def register(self, scaling, table, low, high):
        scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId=f"table/{table}",
                                         ScalableDimension=WRITE_DIMENSION, MinCapacity=low, MaxCapacity=high)

    def test_a_step_policy_runs_when_the_users_alarm_fires_and_again_after_its_cooldown(self):
        ddb, scaling, cloudwatch = scaling_clients(self.server, "100000000081")
        create_table(ddb, "queue-workers", 10)
        self.register(scaling, "queue-workers", 10, 100)
        policy_arn = scaling.put_scaling_policy(
            PolicyName="backlog-out", ServiceNamespace="dynamodb", ResourceId="table/queue-workers",
            ScalableDimension=WRITE_DIMENSION, PolicyType="StepScaling",
            StepScalingPolicyConfiguration={
                "AdjustmentType": "ChangeInCapacity", "Cooldown": 120,
                "StepAdjustments": [{"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 50,
                                     "ScalingAdjustment": 5},
                                    {"MetricIntervalLowerBound": 50, "ScalingAdjustment": 20}]})["PolicyARN"]
        described = scaling.describe_scaling_policies(ServiceNamespace="dynamodb",
                                                      ResourceId="table/queue-workers")["ScalingPolicies"]
        self.assertEqual([(p["PolicyName"], p["PolicyType"]) for p in described], [("backlog-out", "StepScaling")])
        self.assertEqual(described[0]["StepScalingPolicyConfiguration"]["Cooldown"], 120)
        cloudwatch.put_metric_alarm(
            AlarmName="backlog-high", Namespace="App", MetricName="Backlog", Statistic="Maximum", Period=60,
            EvaluationPeriods=1, Threshold=100, ComparisonOperator="GreaterThanThreshold",
            AlarmActions=[policy_arn])
        listed = scaling.describe_scaling_policies(ServiceNamespace="dynamodb", ResourceId="table/queue-workers",
                                                   PolicyNames=["backlog-out"])["ScalingPolicies"]
        self.assertEqual([a["AlarmName"] for a in listed[0]["Alarms"]], ["backlog-high"])
        self.assertTrue(listed[0]["Alarms"][0]["AlarmARN"].endswith(":alarm:backlog-high"))
        # Start just after a minute boundary: the checks run as each minute ends.
        now = self.advance(0)
        self.advance(60 - now.second - now.microsecond / 1e6 + 0.01)
        capacities = []
        for _ in range(5):
            cloudwatch.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Backlog", "Value": 120}])
            self.advance(60)
            capacities.append(write_capacity(ddb, "queue-workers"))
        # A breach of 20 picks the +5 step. The alarm stays in ALARM: the policy runs every minute, and scales again
        # once each 120 s cooldown has passed.
        self.assertEqual(capacities, [15, 15, 20, 20, 25])
        activities = sorted(scaling.describe_scaling_activities(
            ServiceNamespace="dynamodb", ResourceId="table/queue-workers")["ScalingActivities"],
            key=lambda a: a["StartTime"])
        self.assertEqual([a["Description"] for a in activities],
                         ["Setting write capacity units to 15.", "Setting write capacity units to 20.",
                          "Setting write capacity units to 25."])
        self.assertEqual(activities[0]["Cause"], "monitor alarm backlog-high in state ALARM triggered policy backlog-out")
        self.assertEqual({a["StatusCode"] for a in activities}, {"Successful"})
        gaps = [(b["StartTime"] - a["StartTime"]).total_seconds() for a, b in zip(activities, activities[1:])]
        self.assertEqual(gaps, [120, 120])
        history = cloudwatch.describe_alarm_history(AlarmName="backlog-high", HistoryItemType="StateUpdate")
        into_alarm = [h for h in history["AlarmHistoryItems"] if h["HistorySummary"].endswith(" to ALARM")]
        self.assertEqual(len(into_alarm), 1, history)  # one transition, three runs

        # A larger breach during the cooldown adds only what the larger step adds beyond the last scale-out.
        cloudwatch.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Backlog", "Value": 200}])
        self.advance(60)
        self.assertEqual(write_capacity(ddb, "queue-workers"), 40)  # 20 (before the last run) + 20
        # Back under the threshold: the alarm goes to OK and the policy no longer runs.
        for _ in range(4):
            cloudwatch.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Backlog", "Value": 10}])
            self.advance(60)
        self.assertEqual(write_capacity(ddb, "queue-workers"), 40)
        cloudwatch.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Backlog", "Value": 10}])
        self.assertEqual(cloudwatch.describe_alarms(AlarmNames=["backlog-high"])["MetricAlarms"][0]["StateValue"], "OK")

    def test_a_scheduled_action_raises_the_minimum_at_its_time(self):
        ddb, scaling, _ = scaling_clients(self.server, "100000000082")
        create_table(ddb, "nightly", 10)
        self.register(scaling, "nightly", 10, 100)
        now = self.advance(0)
        when = (now + datetime.timedelta(minutes=3)).replace(microsecond=0)
        scaling.put_scheduled_action(ServiceNamespace="dynamodb", ScheduledActionName="batch-window",
                                     ResourceId="table/nightly", ScalableDimension=WRITE_DIMENSION,
                                     Schedule=at_expression(when), ScalableTargetAction={"MinCapacity": 40})
        scaling.put_scheduled_action(ServiceNamespace="dynamodb", ScheduledActionName="weekday-mornings",
                                     ResourceId="table/nightly", ScalableDimension=WRITE_DIMENSION,
                                     Schedule="cron(0 6 ? * MON-FRI *)", Timezone="Etc/GMT+9",
                                     ScalableTargetAction={"MinCapacity": 20, "MaxCapacity": 200})
        listed = scaling.describe_scheduled_actions(ServiceNamespace="dynamodb",
                                                    ResourceId="table/nightly")["ScheduledActions"]
        self.assertEqual([(a["ScheduledActionName"], a["Schedule"]) for a in listed],
                         [("batch-window", at_expression(when)), ("weekday-mornings", "cron(0 6 ? * MON-FRI *)")])
        self.assertEqual(listed[1]["Timezone"], "Etc/GMT+9")
        # (Deleted before the clock moves, so that it cannot fire whatever the time of day the test runs at.)
        scaling.delete_scheduled_action(ServiceNamespace="dynamodb", ScheduledActionName="weekday-mornings",
                                        ResourceId="table/nightly", ScalableDimension=WRITE_DIMENSION)
        self.assertEqual(listed[0]["ScalableTargetAction"], {"MinCapacity": 40})
        self.assertTrue(listed[0]["ScheduledActionARN"].startswith("arn:aws:autoscaling:us-east-1:100000000082:"
                                                                   "scheduledAction:"))

        self.advance((when - now).total_seconds() - 1)
        self.assertEqual(write_capacity(ddb, "nightly"), 10)  # a second before its time: nothing yet
        self.advance(1.5)
        self.assertEqual(write_capacity(ddb, "nightly"), 40)
        target = scaling.describe_scalable_targets(ServiceNamespace="dynamodb",
                                                   ResourceIds=["table/nightly"])["ScalableTargets"][0]
        self.assertEqual((target["MinCapacity"], target["MaxCapacity"]), (40, 100))
        activities = sorted(scaling.describe_scaling_activities(
            ServiceNamespace="dynamodb", ResourceId="table/nightly")["ScalingActivities"],
            key=lambda a: (a["StartTime"], a["Description"]))
        self.assertEqual([(a["Description"], a["Cause"]) for a in activities],
                         [("Setting min capacity to 40", "scheduled action name batch-window was triggered"),
                          ("Setting write capacity units to 40.",
                           "scheduled action name batch-window set min capacity to 40")])
        self.assertLess(abs((activities[0]["StartTime"] - when).total_seconds()), 0.01)
        # A one-time action runs once.
        self.advance(600)
        self.assertEqual(len(scaling.describe_scaling_activities(
            ServiceNamespace="dynamodb", ResourceId="table/nightly")["ScalingActivities"]), 2)
        self.assertEqual([a["ScheduledActionName"] for a in scaling.describe_scheduled_actions(
            ServiceNamespace="dynamodb")["ScheduledActions"]], ["batch-window"])

    def test_a_rate_schedule_runs_every_interval(self):
        ddb, scaling, _ = scaling_clients(self.server, "100000000083")
        create_table(ddb, "pulsed", 10)
        self.register(scaling, "pulsed", 10, 100)
        scaling.put_scheduled_action(ServiceNamespace="dynamodb", ScheduledActionName="every-5",
                                     ResourceId="table/pulsed", ScalableDimension=WRITE_DIMENSION,
                                     Schedule="rate(5 minutes)", ScalableTargetAction={"MaxCapacity": 8})
        self.advance(298)
        self.assertEqual(write_capacity(ddb, "pulsed"), 10)
        self.advance(3)
        self.assertEqual(write_capacity(ddb, "pulsed"), 8)  # the new maximum scales the table in to it
        self.advance(600)
        runs = [a for a in scaling.describe_scaling_activities(
            ServiceNamespace="dynamodb", ResourceId="table/pulsed")["ScalingActivities"]
            if a["Cause"] == "scheduled action name every-5 was triggered"]
        self.assertEqual(len(runs), 3)

    def test_bad_input_gets_the_models_errors_and_changes_nothing(self):
        ddb, scaling, _ = scaling_clients(self.server, "100000000084")
        create_table(ddb, "strict", 10)
        self.register(scaling, "strict", 10, 100)
        base = dict(ServiceNamespace="dynamodb", ScheduledActionName="a", ResourceId="table/strict",
                    ScalableDimension=WRITE_DIMENSION)
        cases = [
            (dict(base, Schedule="cron(0 6 * * *)", ScalableTargetAction={"MinCapacity": 1}), "ValidationException"),
            (dict(base, Schedule="rate(0 minutes)", ScalableTargetAction={"MinCapacity": 1}), "ValidationException"),
            (dict(base, Schedule="at(tomorrow)", ScalableTargetAction={"MinCapacity": 1}), "ValidationException"),
            (dict(base, Schedule="rate(1 hour)", ScalableTargetAction={"MinCapacity": 9, "MaxCapacity": 3}),
             "ValidationException"),
            (dict(base, Schedule="rate(1 hour)", Timezone="Mars/Olympus", ScalableTargetAction={"MinCapacity": 1}),
             "ValidationException"),
            (dict(base, ScalableDimension="dynamodb:table:Bogus", Schedule="rate(1 hour)",
                  ScalableTargetAction={"MinCapacity": 1}), "ValidationException"),
            (dict(base, ResourceId="table/missing", Schedule="rate(1 hour)", ScalableTargetAction={"MinCapacity": 1}),
             "ObjectNotFoundException"),
        ]
        for params, code in cases:
            with self.subTest(params=params):
                with self.assertRaises(ClientError) as e:
                    scaling.put_scheduled_action(**params)
                self.assertEqual(e.exception.response["Error"]["Code"], code)
        self.assertEqual(scaling.describe_scheduled_actions(ServiceNamespace="dynamodb")["ScheduledActions"], [])
        with self.assertRaises(ClientError) as e:
            scaling.delete_scheduled_action(**base)
        self.assertEqual(e.exception.response["Error"]["Code"], "ObjectNotFoundException")

        policy = dict(PolicyName="p", ServiceNamespace="dynamodb", ResourceId="table/strict",
                      ScalableDimension=WRITE_DIMENSION, PolicyType="StepScaling")
        overlapping = [{"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 10, "ScalingAdjustment": 1},
                       {"MetricIntervalLowerBound": 5, "ScalingAdjustment": 2}]
        for config in ({"AdjustmentType": "ChangeInCapacity", "StepAdjustments": overlapping},
                       {"StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]},
                       {"AdjustmentType": "ChangeInCapacity", "StepAdjustments": []},
                       {"AdjustmentType": "ChangeInCapacity", "MinAdjustmentMagnitude": 2,
                        "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]}):
            with self.subTest(config=config):
                with self.assertRaises(ClientError) as e:
                    scaling.put_scaling_policy(**policy, StepScalingPolicyConfiguration=config)
                self.assertEqual(e.exception.response["Error"]["Code"], "ValidationException")
        with self.assertRaises(ClientError) as e:
            scaling.put_scaling_policy(**dict(policy, ResourceId="table/missing"), StepScalingPolicyConfiguration={
                "AdjustmentType": "ChangeInCapacity",
                "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]})
        self.assertEqual(e.exception.response["Error"]["Code"], "ObjectNotFoundException")
        self.assertEqual(scaling.describe_scaling_policies(ServiceNamespace="dynamodb")["ScalingPolicies"], [])
        self.assertEqual(write_capacity(ddb, "strict"), 10)

    def test_target_tracking_on_a_customized_metric(self):
        ddb, scaling, cloudwatch = scaling_clients(self.server, "100000000087")
        create_table(ddb, "jobs", 10)
        self.register(scaling, "jobs", 10, 100)
        base = dict(PolicyName="jobs-backlog", ServiceNamespace="dynamodb", ResourceId="table/jobs",
                    ScalableDimension=WRITE_DIMENSION, PolicyType="TargetTrackingScaling")
        metric = {"MetricName": "BacklogPerUnit", "Namespace": "App",
                  "Dimensions": [{"Name": "Queue", "Value": "jobs"}], "Statistic": "Average"}
        for bad in ({"TargetValue": 50, "CustomizedMetricSpecification": dict(metric, Statistic="p99")},
                    {"TargetValue": 50, "CustomizedMetricSpecification": {"MetricName": "m", "Namespace": "App"}},
                    {"TargetValue": 50, "CustomizedMetricSpecification": metric, "PredefinedMetricSpecification": {
                        "PredefinedMetricType": "DynamoDBWriteCapacityUtilization"}}):
            with self.subTest(config=bad):
                with self.assertRaises(ClientError) as e:
                    scaling.put_scaling_policy(**base, TargetTrackingScalingPolicyConfiguration=bad)
                self.assertEqual(e.exception.response["Error"]["Code"], "ValidationException")
        alarms = scaling.put_scaling_policy(**base, TargetTrackingScalingPolicyConfiguration={
            "TargetValue": 50, "CustomizedMetricSpecification": metric})["Alarms"]
        described = {a["AlarmName"]: a for a in cloudwatch.describe_alarms(
            AlarmNames=[a["AlarmName"] for a in alarms])["MetricAlarms"]}
        high = next(a for name, a in described.items() if "-AlarmHigh-" in name)
        self.assertEqual((high["Namespace"], high["MetricName"], high["Statistic"], high["Threshold"]),
                         ("App", "BacklogPerUnit", "Average", 50))
        policy = scaling.describe_scaling_policies(ServiceNamespace="dynamodb", ResourceId="table/jobs")[
            "ScalingPolicies"][0]["TargetTrackingScalingPolicyConfiguration"]
        self.assertEqual(policy["CustomizedMetricSpecification"], metric)
        now = self.advance(0)
        self.advance(60 - now.second - now.microsecond / 1e6 + 0.01)
        capacities = []
        for _ in range(3):
            cloudwatch.put_metric_data(Namespace="App", MetricData=[{
                "MetricName": "BacklogPerUnit", "Dimensions": [{"Name": "Queue", "Value": "jobs"}], "Value": 100}])
            self.advance(60)
            capacities.append(write_capacity(ddb, "jobs"))
        # Twice the target for the high alarm's two minutes: twice the capacity.
        self.assertEqual(capacities[:2], [10, 20])
        first = scaling.describe_scaling_activities(ServiceNamespace="dynamodb",
                                                    ResourceId="table/jobs")["ScalingActivities"][-1]
        self.assertIn("AlarmHigh", first["Cause"])
        self.assertEqual(first["Description"], "Setting write capacity units to 20.")

    def test_scale_in_beyond_dynamodbs_daily_decreases_is_a_failed_activity(self):
        ddb, scaling, cloudwatch = scaling_clients(self.server, "100000000086")
        now = self.advance(0)
        if now.hour == 23 and now.minute >= 30:  # the decreases must fall on one UTC day
            self.advance(3600)
        create_table(ddb, "shrinking", 40)
        self.register(scaling, "shrinking", 1, 100)
        policy_arn = scaling.put_scaling_policy(
            PolicyName="idle-in", ServiceNamespace="dynamodb", ResourceId="table/shrinking",
            ScalableDimension=WRITE_DIMENSION, PolicyType="StepScaling",
            StepScalingPolicyConfiguration={"AdjustmentType": "ChangeInCapacity", "Cooldown": 0,
                                            "StepAdjustments": [{"MetricIntervalUpperBound": 0,
                                                                 "ScalingAdjustment": -5}]})["PolicyARN"]
        cloudwatch.put_metric_alarm(
            AlarmName="idle", Namespace="App", MetricName="Requests", Statistic="Sum", Period=60,
            EvaluationPeriods=1, Threshold=10, ComparisonOperator="LessThanThreshold", AlarmActions=[policy_arn])
        for _ in range(12):
            cloudwatch.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Requests", "Value": 1}])
            self.advance(60)
        # Four decreases, then DynamoDB refuses more within the hour.
        self.assertEqual(write_capacity(ddb, "shrinking"), 20)
        self.assertEqual(ddb.describe_table(TableName="shrinking")["Table"]["ProvisionedThroughput"][
            "NumberOfDecreasesToday"], 4)
        activities = scaling.describe_scaling_activities(ServiceNamespace="dynamodb",
                                                         ResourceId="table/shrinking")["ScalingActivities"]
        failed = [a for a in activities if a["StatusCode"] == "Failed"]
        self.assertEqual(len([a for a in activities if a["StatusCode"] == "Successful"]), 4)
        self.assertTrue(failed)
        self.assertEqual(failed[0]["Description"], "Setting write capacity units to 15.")
        self.assertIn("Failed to set write capacity units. Reason: Subscriber limit exceeded: Provisioned throughput "
                      "decreases are limited within a given UTC day.", failed[0]["StatusMessage"])
        self.assertIn("Number of decreases today: 4.", failed[0]["StatusMessage"])

    def test_scalable_target_tags_and_the_forecast_there_is_none_of(self):
        ddb, scaling, _ = scaling_clients(self.server, "100000000087")
        create_table(ddb, "tagged-table", 10)
        scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/tagged-table",
                                         ScalableDimension=WRITE_DIMENSION, MinCapacity=10, MaxCapacity=50,
                                         Tags={"team": "orders"})
        arn = scaling.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"][0]["ScalableTargetARN"]
        self.assertEqual(scaling.list_tags_for_resource(ResourceARN=arn)["Tags"], {"team": "orders"})
        scaling.tag_resource(ResourceARN=arn, Tags={"team": "core", "env": "ci"})
        scaling.untag_resource(ResourceARN=arn, TagKeys=["env", "absent"])
        self.assertEqual(scaling.list_tags_for_resource(ResourceARN=arn)["Tags"], {"team": "core"})
        with self.assertRaises(ClientError) as raised:
            scaling.tag_resource(ResourceARN=arn, Tags={f"k{i}": "v" for i in range(50)})
        self.assertEqual(raised.exception.response["Error"]["Code"], "TooManyTagsException")
        self.assertEqual(scaling.list_tags_for_resource(ResourceARN=arn)["Tags"], {"team": "core"})
        missing = arn[:arn.rindex("/") + 1] + "0" * 32
        with self.assertRaises(ClientError) as raised:
            scaling.list_tags_for_resource(ResourceARN=missing)
        self.assertEqual(raised.exception.response["Error"]["Code"], "ResourceNotFoundException")
        with self.assertRaises(ClientError) as raised:
            scaling.get_predictive_scaling_forecast(
                ServiceNamespace="dynamodb", ResourceId="table/tagged-table", ScalableDimension=WRITE_DIMENSION,
                PolicyName="forecast", StartTime=datetime.datetime(2026, 1, 1), EndTime=datetime.datetime(2026, 1, 2))
        self.assertEqual(raised.exception.response["Error"]["Code"], "ValidationException")
        self.assertIn("Predictive scaling is not supported", raised.exception.response["Error"]["Message"])

    def test_put_scheduled_action_with_the_aws_cli(self):
        ddb, scaling, _ = scaling_clients(self.server, "100000000085")
        clis = aws_clis()
        if not clis:
            self.skipTest("no AWS CLI on this machine")
        create_table(ddb, "cli-table", 10)
        self.register(scaling, "cli-table", 10, 100)
        when = (self.advance(0) + datetime.timedelta(minutes=2)).replace(microsecond=0)
        for cli, _ in clis:
            put = subprocess.run(
                [cli, "--endpoint-url", self.server.endpoint, "application-autoscaling", "put-scheduled-action",
                 "--service-namespace", "dynamodb", "--resource-id", "table/cli-table",
                 "--scalable-dimension", WRITE_DIMENSION, "--scheduled-action-name", "cli-raise",
                 "--schedule", at_expression(when), "--scalable-target-action", "MinCapacity=30"],
                capture_output=True, text=True, timeout=60, env=self.server.cli_env(access_key="100000000085"))
            self.assertEqual(put.returncode, 0, put.stderr)
        self.advance(120)
        self.assertEqual(write_capacity(ddb, "cli-table"), 30)


class ScheduledActionDurableTest(DurableScalingFixture, unittest.TestCase):
    """A scheduled action and a step policy survive a SIGKILL in --data-dir mode, and the action still runs."""

    ACCOUNT = "100000000091"

    def test_a_scheduled_action_survives_a_restart_and_runs(self):
        ddb, scaling, _ = self.start()
        create_table(ddb, "kept", 10)
        scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/kept",
                                         ScalableDimension=WRITE_DIMENSION, MinCapacity=10, MaxCapacity=100)
        scaling.put_scaling_policy(
            PolicyName="kept-steps", ServiceNamespace="dynamodb", ResourceId="table/kept",
            ScalableDimension=WRITE_DIMENSION, PolicyType="StepScaling",
            StepScalingPolicyConfiguration={"AdjustmentType": "PercentChangeInCapacity", "MinAdjustmentMagnitude": 3,
                                            "StepAdjustments": [{"MetricIntervalLowerBound": 0,
                                                                 "ScalingAdjustment": 10}]})
        when = (advance_clock(self, 0) + datetime.timedelta(minutes=5)).replace(microsecond=0)
        scaling.put_scheduled_action(ServiceNamespace="dynamodb", ScheduledActionName="later",
                                     ResourceId="table/kept", ScalableDimension=WRITE_DIMENSION,
                                     Schedule=at_expression(when), ScalableTargetAction={"MinCapacity": 25})
        self.server.process.send_signal(signal.SIGKILL)
        self.server.process.wait(10)
        self.server.stop()
        ddb, scaling, _ = self.start()
        self.assertEqual([a["ScheduledActionName"] for a in scaling.describe_scheduled_actions(
            ServiceNamespace="dynamodb")["ScheduledActions"]], ["later"])
        policies = scaling.describe_scaling_policies(ServiceNamespace="dynamodb")["ScalingPolicies"]
        self.assertEqual(policies[0]["StepScalingPolicyConfiguration"]["MinAdjustmentMagnitude"], 3)
        now = advance_clock(self, 0.01)  # runs what the restart scheduled
        advance_clock(self, (when - now).total_seconds() + 1)
        self.assertEqual(write_capacity(ddb, "kept"), 25)


if __name__ == "__main__":
    unittest.main()
