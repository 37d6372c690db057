"""CloudWatch through real clients: boto3 (JSON 1.0 with x-amzn-query-mode, gzip-compressed PutMetricData), the
AWS CLI v1 (JSON) and Debian's AWS CLI v2 (the older query form, XML answers): metric data, statistics, metric
math, usage metrics, alarms evaluated on the data, and errors with the query code clients expect."""
import datetime
import gzip
import json
import subprocess
import unittest
import urllib.request

from botocore.exceptions import ClientError

from harness import ServerTestCase, aws_clis

UTC = datetime.timezone.utc


def now():
    return datetime.datetime.now(UTC)


def raw_post(endpoint, body, headers):
    request = urllib.request.Request(endpoint + "/", data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


JSON_HEADERS = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-query-mode": "true",
                "X-Amz-Target": "GraniteServiceVersion20100801.PutMetricData"}


class CloudWatchTest(ServerTestCase):
    def setUp(self):
        self.reset()
        self.cw = self.server.client("cloudwatch")

    def statistics(self, namespace, name, statistics=("Sum",), dimensions=(), period=60, client=None, **extra):
        return (client or self.cw).get_metric_statistics(
            Namespace=namespace, MetricName=name, Dimensions=list(dimensions), Period=period,
            StartTime=now() - datetime.timedelta(minutes=10), EndTime=now() + datetime.timedelta(minutes=2),
            Statistics=list(statistics), **extra)["Datapoints"]

    def test_put_metric_data_then_statistics_and_percentiles(self):
        dims = [{"Name": "Service", "Value": "checkout"}]
        self.cw.put_metric_data(Namespace="Shop", MetricData=[
            {"MetricName": "Latency", "Dimensions": dims, "Value": float(v), "Unit": "Milliseconds"} for v in range(1, 101)])
        points = self.statistics("Shop", "Latency", ("Sum", "Average", "Minimum", "Maximum", "SampleCount"), dims)
        self.assertEqual(len(points), 1)
        p = points[0]
        self.assertEqual((p["Sum"], p["Average"], p["Minimum"], p["Maximum"], p["SampleCount"]),
                         (5050.0, 50.5, 1.0, 100.0, 100.0))
        self.assertEqual(p["Unit"], "Milliseconds")
        extended = self.cw.get_metric_statistics(
            Namespace="Shop", MetricName="Latency", Dimensions=dims, Period=60, ExtendedStatistics=["p90", "p99"],
            StartTime=now() - datetime.timedelta(minutes=10), EndTime=now() + datetime.timedelta(minutes=2))
        self.assertEqual(extended["Datapoints"][0]["ExtendedStatistics"], {"p90": 90.0, "p99": 99.0})

    def test_boto3_compresses_large_put_metric_data_and_it_is_stored(self):
        encodings = []
        self.cw.meta.events.register("before-send.cloudwatch.PutMetricData",
                                     lambda request, **_: encodings.append(request.headers.get("Content-Encoding")))
        data = [{"MetricName": f"M{i:03d}", "Dimensions": [{"Name": "Host", "Value": "h" * 40}], "Value": float(i)}
                for i in range(300)]
        self.cw.put_metric_data(Namespace="Big", MetricData=data)
        self.assertEqual([e.decode() if isinstance(e, bytes) else e for e in encodings], ["gzip"])
        names = set()
        for page in self.cw.get_paginator("list_metrics").paginate(Namespace="Big"):
            names.update(m["MetricName"] for m in page["Metrics"])
        self.assertEqual(len(names), 300)
        host = [{"Name": "Host", "Value": "h" * 40}]
        self.assertEqual(self.statistics("Big", "M123", dimensions=host)[0]["Sum"], 123.0)

    def test_a_gzip_bomb_is_refused_with_413_and_a_broken_stream_with_400(self):
        bomb = gzip.compress(b"\0" * (32 * 1024 * 1024))
        status, headers, body = raw_post(self.server.endpoint, bomb, {**JSON_HEADERS, "Content-Encoding": "gzip"})
        self.assertEqual(status, 413, body)
        self.assertEqual(headers.get("x-amzn-query-error"), "RequestEntityTooLarge;Sender")
        status, headers, body = raw_post(self.server.endpoint, b"\x1f\x8b not really",
                                         {**JSON_HEADERS, "Content-Encoding": "gzip"})
        self.assertEqual(status, 400, body)
        self.assertEqual(json.loads(body)["__type"].split("#")[-1], "SerializationException")
        # The server is still up and stored nothing.
        self.assertEqual(self.cw.list_metrics(Namespace="Big")["Metrics"], [])

    def test_get_metric_data_with_metric_math(self):
        self.cw.put_metric_data(Namespace="Shop", MetricData=[
            {"MetricName": "Errors", "Value": 5.0}, {"MetricName": "Requests", "Value": 200.0}])
        metric = lambda name: {"Metric": {"Namespace": "Shop", "MetricName": name}, "Period": 60, "Stat": "Sum"}
        result = self.cw.get_metric_data(
            MetricDataQueries=[{"Id": "e", "MetricStat": metric("Errors"), "ReturnData": False},
                               {"Id": "r", "MetricStat": metric("Requests"), "ReturnData": False},
                               {"Id": "rate", "Expression": "100 * e / r", "Label": "error rate"}],
            StartTime=now() - datetime.timedelta(minutes=5), EndTime=now() + datetime.timedelta(minutes=1))
        (only,) = result["MetricDataResults"]
        self.assertEqual((only["Id"], only["Label"], only["Values"], only["StatusCode"]),
                         ("rate", "error rate", [2.5], "Complete"))

    def test_errors_carry_the_query_code(self):
        with self.assertRaises(ClientError) as e:
            self.cw.put_metric_data(Namespace="AWS/DynamoDB", MetricData=[{"MetricName": "X", "Value": 1.0}])
        error = e.exception.response
        self.assertEqual(error["Error"]["Code"], "InvalidParameterValue")
        self.assertEqual(error["Error"]["QueryErrorCode"], "InvalidParameterValueException")
        self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], 400)
        with self.assertRaises(self.cw.exceptions.ResourceNotFound):
            self.cw.set_alarm_state(AlarmName="no-such-alarm", StateValue="OK", StateReason="x")
        self.cw.delete_alarms(AlarmNames=["no-such-alarm"])  # a name that does not exist is no error
        with self.assertRaises(ClientError) as e:
            self.cw.get_metric_statistics(Namespace="Shop", MetricName="X", Period=60, Statistics=["Sum"],
                                          StartTime=now(), EndTime=now() + datetime.timedelta(days=2))
        self.assertEqual(e.exception.response["Error"]["Code"], "InvalidParameterCombination")

    def test_an_alarm_on_usage_goes_to_alarm_when_calls_cross_the_threshold(self):
        usage = [{"Name": "Service", "Value": "STS"}, {"Name": "Type", "Value": "API"},
                 {"Name": "Resource", "Value": "GetCallerIdentity"}, {"Name": "Class", "Value": "None"}]
        self.cw.put_metric_alarm(AlarmName="sts-calls", Namespace="AWS/Usage", MetricName="CallCount",
                                 Dimensions=usage, Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=8,
                                 ComparisonOperator="GreaterThanThreshold", TreatMissingData="notBreaching")
        self.assertEqual(self.cw.describe_alarms(AlarmNames=["sts-calls"])["MetricAlarms"][0]["StateValue"], "OK")
        sts = self.server.client("sts")
        for _ in range(10):
            sts.get_caller_identity()
        alarm = self.cw.describe_alarms(AlarmNames=["sts-calls"])["MetricAlarms"][0]
        self.assertEqual(alarm["StateValue"], "ALARM", alarm["StateReason"])
        self.assertIn("was greater than the threshold (8.0)", alarm["StateReason"])
        history = self.cw.describe_alarm_history(AlarmName="sts-calls", HistoryItemType="StateUpdate")
        self.assertEqual(history["AlarmHistoryItems"][0]["HistorySummary"], "Alarm updated from OK to ALARM")
        self.assertEqual([a["AlarmName"] for a in self.cw.describe_alarms(StateValue="ALARM")["MetricAlarms"]],
                         ["sts-calls"])

    def test_alarm_tags(self):
        alarm = dict(AlarmName="tagged", Namespace="App", MetricName="Errors", Statistic="Sum", Period=60,
                     EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanThreshold")
        self.cw.put_metric_alarm(Tags=[{"Key": "team", "Value": "payments"}], **alarm)
        arn = self.cw.describe_alarms(AlarmNames=["tagged"])["MetricAlarms"][0]["AlarmArn"]
        self.assertEqual(self.cw.list_tags_for_resource(ResourceARN=arn)["Tags"], [{"Key": "team", "Value": "payments"}])
        # An update's tags are ignored, as AWS documents; TagResource adds and replaces.
        self.cw.put_metric_alarm(Tags=[{"Key": "ignored", "Value": "x"}], **alarm)
        self.cw.tag_resource(ResourceARN=arn, Tags=[{"Key": "team", "Value": "core"}, {"Key": "env", "Value": "ci"}])
        self.assertEqual(self.cw.list_tags_for_resource(ResourceARN=arn)["Tags"],
                         [{"Key": "team", "Value": "core"}, {"Key": "env", "Value": "ci"}])
        self.cw.untag_resource(ResourceARN=arn, TagKeys=["team", "absent"])
        self.assertEqual(self.cw.list_tags_for_resource(ResourceARN=arn)["Tags"], [{"Key": "env", "Value": "ci"}])
        with self.assertRaises(ClientError) as raised:
            self.cw.list_tags_for_resource(ResourceARN=arn.replace(":tagged", ":missing"))
        self.assertEqual((raised.exception.response["Error"]["Code"],
                          raised.exception.response["ResponseMetadata"]["HTTPStatusCode"]),
                         ("ResourceNotFoundException", 404))
        with self.assertRaises(ClientError) as raised:
            self.cw.tag_resource(ResourceARN=arn, Tags=[{"Key": f"k{i}", "Value": ""} for i in range(50)])
        self.assertEqual(raised.exception.response["Error"]["Code"], "InvalidParameterValue")
        self.assertEqual(len(self.cw.list_tags_for_resource(ResourceARN=arn)["Tags"]), 1)

    def test_dashboards_are_kept_per_account_across_regions(self):
        body = json.dumps({"widgets": [{"type": "metric", "x": 0, "y": 0, "width": 12, "height": 6,
                                        "properties": {"metrics": [["AWS/DynamoDB", "ThrottledRequests"]],
                                                       "region": "us-east-1"}}]})
        self.assertEqual(self.cw.put_dashboard(DashboardName="ops-main", DashboardBody=body)["DashboardValidationMessages"], [])
        self.cw.put_dashboard(DashboardName="ops-extra", DashboardBody='{"widgets": []}')
        elsewhere = self.server.client("cloudwatch", region="eu-west-1")
        got = elsewhere.get_dashboard(DashboardName="ops-main")
        self.assertEqual((got["DashboardBody"], got["DashboardArn"]),
                         (body, "arn:aws:cloudwatch::123456789012:dashboard/ops-main"))
        entries = self.cw.list_dashboards(DashboardNamePrefix="ops-")["DashboardEntries"]
        self.assertEqual([(e["DashboardName"], e["Size"]) for e in entries], [("ops-extra", 15), ("ops-main", len(body))])
        for bad, path in (("not json", ""), ('{"title": "x"}', ""), ('{"widgets": {}}', "/widgets")):
            with self.subTest(body=bad), self.assertRaises(ClientError) as raised:
                self.cw.put_dashboard(DashboardName="bad", DashboardBody=bad)
            self.assertEqual(raised.exception.response["Error"]["Code"], "InvalidParameterInput")
            self.assertEqual(raised.exception.response["dashboardValidationMessages"][0]["DataPath"], path)
        with self.assertRaises(ClientError) as raised:
            self.cw.delete_dashboards(DashboardNames=["ops-main", "absent"])
        self.assertEqual((raised.exception.response["Error"]["Code"],
                          raised.exception.response["ResponseMetadata"]["HTTPStatusCode"]), ("ResourceNotFound", 404))
        self.cw.delete_dashboards(DashboardNames=["ops-main"])
        self.assertEqual([e["DashboardName"] for e in self.cw.list_dashboards()["DashboardEntries"]], ["ops-extra"])
        with self.assertRaises(ClientError) as raised:
            self.cw.get_dashboard(DashboardName="ops-main")
        self.assertEqual(raised.exception.response["Error"]["Message"], "Dashboard ops-main does not exist")

    def test_aws_cli_v1_and_v2_get_metric_statistics(self):
        clis = aws_clis()
        self.assertTrue(clis)
        ssm = self.server.client("ssm")
        ssm.put_parameter(Name="/cli/p", Value="v", Type="String")
        for _ in range(7):
            ssm.get_parameter(Name="/cli/p")
        for n, (cli, version) in enumerate(clis, start=1):
            with self.subTest(cli=version):
                env = self.server.cli_env()
                start = (now() - datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
                end = (now() + datetime.timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
                base = [cli, "cloudwatch", "--endpoint-url", self.server.endpoint, "--output", "json"]
                put = subprocess.run(base + ["put-metric-data", "--namespace", "Cli", "--metric-name", "Hits",
                                             "--value", "4", "--dimensions", "Page=home"],
                                     capture_output=True, text=True, timeout=120, env=env)
                self.assertEqual(put.returncode, 0, put.stderr)
                out = subprocess.run(base + ["get-metric-statistics", "--namespace", "AWS/Usage",
                                             "--metric-name", "CallCount", "--dimensions", "Name=Service,Value=SSM",
                                             "Name=Type,Value=API", "Name=Resource,Value=GetParameter",
                                             "Name=Class,Value=None", "--statistics", "Sum", "Maximum",
                                             "--period", "3600", "--start-time", start, "--end-time", end],
                                     capture_output=True, text=True, timeout=120, env=env)
                self.assertEqual(out.returncode, 0, out.stderr)
                result = json.loads(out.stdout)
                self.assertEqual(result["Label"], "CallCount")
                self.assertEqual(sum(p["Sum"] for p in result["Datapoints"]), 7)
                hits = subprocess.run(base + ["get-metric-statistics", "--namespace", "Cli", "--metric-name", "Hits",
                                              "--dimensions", "Name=Page,Value=home", "--statistics", "Sum",
                                              "--period", "60", "--start-time", start, "--end-time", end],
                                      capture_output=True, text=True, timeout=120, env=env)
                self.assertEqual(hits.returncode, 0, hits.stderr)
                self.assertEqual(sum(p["Sum"] for p in json.loads(hits.stdout)["Datapoints"]), 4 * n)
        # Each CLI put 4 hits; the puts may fall in different minutes, hence one period over all of them.
        points = self.statistics("Cli", "Hits", dimensions=[{"Name": "Page", "Value": "home"}], period=3600)
        self.assertEqual(sum(p["Sum"] for p in points), 4.0 * len(clis))

    def test_aws_cli_v2_query_form_alarms_and_errors(self):
        cli = "/usr/bin/aws"
        env = self.server.cli_env()
        base = [cli, "cloudwatch", "--endpoint-url", self.server.endpoint, "--output", "json"]
        out = subprocess.run(base + ["put-metric-alarm", "--alarm-name", "cli-alarm", "--namespace", "Cli",
                                     "--metric-name", "Hits", "--statistic", "Average", "--period", "60",
                                     "--evaluation-periods", "1", "--threshold", "1",
                                     "--comparison-operator", "GreaterThanThreshold"],
                             capture_output=True, text=True, timeout=120, env=env)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.cw.put_metric_data(Namespace="Cli", MetricData=[{"MetricName": "Hits", "Value": 3.0}])
        out = subprocess.run(base + ["describe-alarms", "--alarm-names", "cli-alarm"],
                             capture_output=True, text=True, timeout=120, env=env)
        self.assertEqual(out.returncode, 0, out.stderr)
        (alarm,) = json.loads(out.stdout)["MetricAlarms"]
        self.assertEqual((alarm["AlarmName"], alarm["StateValue"], alarm["Threshold"]), ("cli-alarm", "ALARM", 1.0))
        out = subprocess.run(base + ["set-alarm-state", "--alarm-name", "missing", "--state-value", "OK",
                                     "--state-reason", "x"], capture_output=True, text=True, timeout=120, env=env)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("An error occurred (ResourceNotFound)", out.stderr)


class SignedGzipTest(ServerTestCase):
    """With signatures verified, a gzip body is checked against the signature over the compressed bytes."""
    CONFIG = """
auth: {require_signature: true}
accounts:
  - {access_key: AKIAEXAMPLESIGNED01, secret_key: right-secret, account: "111111111111"}
"""

    def test_compressed_put_metric_data_passes_signature_verification(self):
        data = [{"MetricName": f"S{i:03d}", "Dimensions": [{"Name": "Host", "Value": "h" * 40}], "Value": 1.0}
                for i in range(200)]
        good = self.server.client("cloudwatch", access_key="AKIAEXAMPLESIGNED01", secret_key="right-secret")
        good.put_metric_data(Namespace="Signed", MetricData=data)
        self.assertEqual(len(good.list_metrics(Namespace="Signed")["Metrics"]), 200)
        bad = self.server.client("cloudwatch", access_key="AKIAEXAMPLESIGNED01", secret_key="wrong-secret",
                                 retries={"total_max_attempts": 1})
        with self.assertRaises(ClientError) as e:
            bad.put_metric_data(Namespace="Signed", MetricData=data)
        self.assertIn("Signature", e.exception.response["Error"]["Code"])


if __name__ == "__main__":
    unittest.main()
