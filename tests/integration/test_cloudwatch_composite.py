"""Composite alarms through boto3 and both AWS CLIs (v1 speaks JSON, Debian's v2 the query form): a rule over
child alarms that follows their states, DescribeAlarms' composite list and family filters, and DeleteAlarms as
CloudWatch documents it (missing names are no error; alarms a composite depends on cannot go)."""
import json
import subprocess
import unittest

from botocore.exceptions import ClientError

from harness import ServerTestCase, aws_clis


def child(cw, name):
    cw.put_metric_alarm(AlarmName=name, Namespace="App", MetricName="Errors", Statistic="Sum", Period=60,
                        EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold")


class CompositeAlarmTest(ServerTestCase):
    def setUp(self):
        self.reset()
        self.cw = self.server.client("cloudwatch")

    def composite(self, name):
        (alarm,) = self.cw.describe_alarms(AlarmNames=[name], AlarmTypes=["CompositeAlarm"])["CompositeAlarms"]
        return alarm

    def test_a_composite_follows_its_children(self):
        child(self.cw, "errors")
        child(self.cw, "deploying")
        self.cw.put_composite_alarm(AlarmName="page-me", AlarmRule='ALARM("errors") AND NOT ALARM(deploying)',
                                    AlarmActions=["arn:aws:sns:us-east-1:111111111111:pager"])
        self.assertEqual(self.composite("page-me")["StateValue"], "OK")
        self.cw.set_alarm_state(AlarmName="errors", StateValue="ALARM", StateReason="test")
        alarm = self.composite("page-me")
        self.assertEqual(alarm["StateValue"], "ALARM")
        self.assertRegex(alarm["StateReason"], r"^arn:aws:cloudwatch:us-east-1:\d{12}:alarm:errors transitioned to "
                                               r"ALARM at \w+ \d\d \w+, \d{4} \d\d:\d\d:\d\d UTC$")
        triggering = json.loads(alarm["StateReasonData"])["triggeringAlarms"]
        self.assertEqual([t["state"]["value"] for t in triggering], ["ALARM"])
        self.cw.set_alarm_state(AlarmName="deploying", StateValue="ALARM", StateReason="deploy")
        self.assertEqual(self.composite("page-me")["StateValue"], "OK")
        # Metric alarms only, unless AlarmTypes asks for composites.
        self.assertEqual([a["AlarmName"] for a in self.cw.describe_alarms()["MetricAlarms"]], ["deploying", "errors"])
        self.assertNotIn("CompositeAlarms", self.cw.describe_alarms())
        parents = self.cw.describe_alarms(ParentsOfAlarmName="errors")
        self.assertEqual([a["AlarmName"] for a in parents["CompositeAlarms"]], ["page-me"])
        children = self.cw.describe_alarms(ChildrenOfAlarmName="page-me")
        self.assertEqual(sorted(a["AlarmName"] for a in children["MetricAlarms"]), ["deploying", "errors"])
        history = self.cw.describe_alarm_history(AlarmName="page-me", AlarmTypes=["CompositeAlarm"])
        self.assertEqual({i["AlarmType"] for i in history["AlarmHistoryItems"]}, {"CompositeAlarm"})

    def test_errors_and_deletes_as_cloudwatch_answers(self):
        child(self.cw, "a")
        with self.assertRaises(ClientError) as e:
            self.cw.put_composite_alarm(AlarmName="c", AlarmRule="ALARM(a) OR ALARM(gone)")
        self.assertEqual((e.exception.response["Error"]["Code"], e.exception.response["Error"]["Message"]),
                         ("ValidationError",
                          "Could not save the composite alarm as alarms [gone] in the alarm rule do not exist"))
        with self.assertRaises(ClientError) as e:
            self.cw.put_composite_alarm(AlarmName="c", AlarmRule="ALARM(a) AND")
        self.assertEqual(e.exception.response["Error"]["Code"], "ValidationError")
        self.cw.put_composite_alarm(AlarmName="c", AlarmRule="ALARM(a)")
        with self.assertRaises(ClientError) as e:
            self.cw.delete_alarms(AlarmNames=["a"])
        self.assertEqual(e.exception.response["Error"]["Message"],
                         "Cannot delete a as there are composite alarm(s) depending on it.")
        self.assertEqual(len(self.cw.describe_alarms()["MetricAlarms"]), 1)  # refused: nothing deleted
        self.cw.delete_alarms(AlarmNames=["c", "a", "never-existed"])
        everything = self.cw.describe_alarms(AlarmTypes=["MetricAlarm", "CompositeAlarm"])
        self.assertEqual((everything["MetricAlarms"], everything["CompositeAlarms"]), ([], []))

    def test_aws_clis(self):
        clis = aws_clis()
        if not clis:
            self.skipTest("no AWS CLI on this machine")
        child(self.cw, "cli-child")
        env = self.server.cli_env()
        for path, version in clis:
            with self.subTest(cli=version):
                base = [path, "cloudwatch", "--endpoint-url", self.server.endpoint, "--output", "json"]
                put = subprocess.run(base + ["put-composite-alarm", "--alarm-name", "cli-composite",
                                             "--alarm-rule", "ALARM(cli-child)"],
                                     capture_output=True, text=True, timeout=120, env=env)
                self.assertEqual(put.returncode, 0, put.stderr)
                self.cw.set_alarm_state(AlarmName="cli-child", StateValue="ALARM", StateReason="cli")
                out = subprocess.run(base + ["describe-alarms", "--alarm-types", "CompositeAlarm"],
                                     capture_output=True, text=True, timeout=120, env=env)
                self.assertEqual(out.returncode, 0, out.stderr)
                (alarm,) = json.loads(out.stdout)["CompositeAlarms"]
                self.assertEqual((alarm["AlarmName"], alarm["AlarmRule"], alarm["StateValue"]),
                                 ("cli-composite", "ALARM(cli-child)", "ALARM"))
                out = subprocess.run(base + ["delete-alarms", "--alarm-names", "cli-composite"],
                                     capture_output=True, text=True, timeout=120, env=env)
                self.assertEqual(out.returncode, 0, out.stderr)
                self.cw.set_alarm_state(AlarmName="cli-child", StateValue="OK", StateReason="reset")


if __name__ == "__main__":
    unittest.main()
