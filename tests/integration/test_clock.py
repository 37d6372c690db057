"""Control of time: the emulated clock frozen, advanced and sped up through POST /_chokepoint/clock, driven with
boto3, and `seed:` making probabilistic faults repeat from one server run to the next. Every wait here is in
emulated time except the one test of `speed`, which waits about five real seconds."""
import datetime
import signal
import tempfile
import time
import unittest

from botocore.exceptions import ClientError

from harness import Server

NO_RETRIES = {"total_max_attempts": 1}


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def error_code(call):
    try:
        call()
        return None
    except ClientError as e:
        return e.response["Error"]["Code"]


class ClockServer(Server):
    def clock(self, **change):
        status, body = self.admin("/_chokepoint/clock", "POST", change) if change else self.admin("/_chokepoint/clock")
        assert status == 200, body
        return body

    def now(self):
        return parse_time(self.clock()["now"])


def count_admitted(call, attempts, throttled_code):
    """How many of `attempts` calls succeed; every refusal must be the throttling error."""
    admitted = 0
    for _ in range(attempts):
        code = error_code(call)
        if code is None:
            admitted += 1
        elif code != throttled_code:
            raise AssertionError(f"expected {throttled_code}, got {code}")
    return admitted


def create_table(ddb, name, wcu):
    ddb.create_table(TableName=name, AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": wcu})


class FrozenClockTest(unittest.TestCase):
    """One server started with --clock manual."""

    @classmethod
    def setUpClass(cls):
        cls.server = ClockServer(args=["--clock", "manual"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_ssm_burst_refills_only_when_advanced(self):
        ssm = self.server.client("ssm", access_key="AKIACLOCKSSM00000001", retries=NO_RETRIES)
        ssm.put_parameter(Name="/clock/flag", Value="on", Type="String")
        get = lambda: ssm.get_parameter(Name="/clock/flag")  # noqa: E731
        self.assertEqual(count_admitted(get, 60, "ThrottlingException"), 40)
        time.sleep(2)  # real time passes; the emulated clock does not
        self.assertEqual(count_admitted(get, 10, "ThrottlingException"), 0)
        self.server.clock(advance=1)
        self.assertEqual(count_admitted(get, 60, "ThrottlingException"), 40)

    def test_one_wcu_table_keeps_300_seconds_of_burst(self):
        ddb = self.server.client("dynamodb", retries=NO_RETRIES)
        create_table(ddb, "clock-one-wcu", 1)
        counter = iter(range(10_000))
        put = lambda: ddb.put_item(TableName="clock-one-wcu", Item={"pk": {"S": str(next(counter))}})  # noqa: E731
        self.assertEqual(count_admitted(put, 300, "ProvisionedThroughputExceededException"), 300)
        self.assertEqual(error_code(put), "ProvisionedThroughputExceededException")
        self.server.clock(advance=300)
        self.assertEqual(count_admitted(put, 301, "ProvisionedThroughputExceededException"), 300)

    def test_metrics_and_alarms_follow_emulated_minutes(self):
        ddb = self.server.client("dynamodb", retries=NO_RETRIES)
        cloudwatch = self.server.client("cloudwatch")
        create_table(ddb, "clock-metrics", 5)
        # Start on a whole emulated minute plus 30 s, so each minute's writes fall inside one period.
        now = self.server.now()
        minute0 = now.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
        self.server.clock(set=(minute0 + datetime.timedelta(seconds=30)).isoformat())
        cloudwatch.put_metric_alarm(
            AlarmName="clock-writes", Namespace="AWS/DynamoDB", MetricName="ConsumedWriteCapacityUnits",
            Dimensions=[{"Name": "TableName", "Value": "clock-metrics"}], Statistic="Sum", Period=60,
            EvaluationPeriods=1, Threshold=20, ComparisonOperator="GreaterThanThreshold")
        writes = [5, 5, 5, 30, 30, 30, 5, 5, 5, 5]  # minutes 3 to 5 above the threshold
        item = 0
        for count in writes:
            for _ in range(count):
                ddb.put_item(TableName="clock-metrics", Item={"pk": {"S": str(item)}})
                item += 1
            self.server.clock(advance="60s")

        stats = cloudwatch.get_metric_statistics(
            Namespace="AWS/DynamoDB", MetricName="ConsumedWriteCapacityUnits",
            Dimensions=[{"Name": "TableName", "Value": "clock-metrics"}], StartTime=minute0,
            EndTime=minute0 + datetime.timedelta(minutes=10), Period=60, Statistics=["Sum"])
        points = sorted(stats["Datapoints"], key=lambda p: p["Timestamp"])
        self.assertEqual([p["Timestamp"] for p in points],
                         [minute0 + datetime.timedelta(minutes=m) for m in range(10)])
        self.assertEqual([p["Sum"] for p in points], [float(c) for c in writes])

        history = cloudwatch.describe_alarm_history(AlarmName="clock-writes", HistoryItemType="StateUpdate")
        changes = sorted((h["Timestamp"], h["HistorySummary"]) for h in history["AlarmHistoryItems"])
        self.assertEqual(changes[:3], [
            (minute0 + datetime.timedelta(minutes=1), "Alarm updated from INSUFFICIENT_DATA to OK"),
            (minute0 + datetime.timedelta(minutes=4), "Alarm updated from OK to ALARM"),
            (minute0 + datetime.timedelta(minutes=7), "Alarm updated from ALARM to OK"),
        ])

    def test_an_instance_launch_completes_in_emulated_time(self):
        ec2 = self.server.client("ec2")
        launched = ec2.run_instances(ImageId="ami-0a1b2c3d4e5f60001", MinCount=1, MaxCount=1,
                                     InstanceType="t3.micro")["Instances"][0]
        state = lambda: ec2.describe_instances(InstanceIds=[launched["InstanceId"]])[  # noqa: E731
            "Reservations"][0]["Instances"][0]["State"]["Name"]
        self.assertEqual(state(), "pending")
        time.sleep(2.5)  # longer than the default pending_seconds of real time: still pending
        self.assertEqual(state(), "pending")
        self.server.clock(advance="5s")
        self.assertEqual(state(), "running")
        self.assertEqual(launched["LaunchTime"].replace(microsecond=0),
                         (self.server.now() - datetime.timedelta(seconds=5)).replace(microsecond=0))

    def test_bad_changes_are_refused_and_change_nothing(self):
        before = self.server.clock()
        for change in ({"advance": -1}, {"advance": "-2m"}, {"set": "2001-01-01T00:00:00Z"}, {"speed": 0},
                       {"mode": "paused"}, {"rewind": 1}):
            status, body = self.server.admin("/_chokepoint/clock", "POST", change)
            self.assertEqual(status, 400, change)
            self.assertTrue(body["error"], change)
        self.assertEqual(self.server.clock(), before)


class DurableClockTest(unittest.TestCase):
    def test_an_advanced_clock_survives_a_crash(self):
        with tempfile.TemporaryDirectory(prefix="chokepoint-clock-") as data_dir:
            server = ClockServer(args=["--data-dir", data_dir]).start()
            try:
                advanced = parse_time(server.clock(advance="2h")["now"])
                ec2 = server.client("ec2")
                instance = ec2.run_instances(ImageId="ami-0a1b2c3d4e5f60001", MinCount=1, MaxCount=1,
                                             InstanceType="t3.micro")["Instances"][0]["InstanceId"]
            finally:
                server.process.send_signal(signal.SIGKILL)  # no final snapshot: the log has the clock's move
                server.stop()
            server = ClockServer(args=["--data-dir", data_dir]).start()
            try:
                self.assertGreaterEqual(server.now(), advanced)  # not back to the wall clock
                server.clock(advance="10s")
                ec2 = server.client("ec2")
                state = ec2.describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0]["State"]
                self.assertEqual(state["Name"], "running")  # not pending for two hours of real time
            finally:
                server.stop()


class SpeedTest(unittest.TestCase):
    def test_speed_60_refills_a_five_wcu_burst_in_about_five_seconds(self):
        with ClockServer(args=["--clock", "manual"]) as server:
            ddb = server.client("dynamodb", retries=NO_RETRIES)
            create_table(ddb, "clock-speed", 5)
            # Just under 50 KB with its key: 50 write units an item. 300 s x 5 WCU = 1,500 units of burst, 30 items;
            # one partition takes at most 1,000 units a second, so the clock moves a second between rounds.
            big = "x" * (50 * 1024 - 100)
            counter = iter(range(10_000))
            put = lambda: ddb.put_item(  # noqa: E731
                TableName="clock-speed", Item={"pk": {"S": str(next(counter))}, "v": {"S": big}})
            rounds = []
            while not rounds or rounds[-1]:
                rounds.append(count_admitted(put, 25, "ProvisionedThroughputExceededException"))
                server.clock(advance=1)
            self.assertEqual(rounds, [20, 10, 0])  # the partition's 1,000 units, then the rest of the burst
            server.clock(mode="real", speed=60)
            start_emulated, start_real = server.now(), time.monotonic()
            # Right away only a few seconds' worth of refill (300 units a real second) is there...
            self.assertLessEqual(count_admitted(put, 30, "ProvisionedThroughputExceededException"), 12)
            # ...and about five real seconds later the whole 300-second burst is back.
            time.sleep(max(0.0, 5.2 - (time.monotonic() - start_real)))
            self.assertGreaterEqual(count_admitted(put, 30, "ProvisionedThroughputExceededException"), 29)
            elapsed = (server.now() - start_emulated).total_seconds()
            real = time.monotonic() - start_real
            self.assertAlmostEqual(elapsed / real, 60, delta=3)


class SeedTest(unittest.TestCase):
    # The rate buckets run on the clock, so the calls stay well inside them: only the fault decides.
    CONFIG = """
seed: 42
limits:
  - match: {service: sts}
    buckets: {GetCallerIdentity: {rate: 10000, burst: 10000}}
faults:
  - {service: sts, operation: GetCallerIdentity, error: {code: InternalFailure, status: 500}, probability: 0.3}
"""

    def outcomes(self, config):
        with Server(config) as server:
            sts = server.client("sts", retries=NO_RETRIES)
            sequence, request_ids = [], []
            for _ in range(200):
                try:
                    request_ids.append(sts.get_caller_identity()["ResponseMetadata"]["RequestId"])
                    sequence.append("ok")
                except ClientError as e:
                    request_ids.append(e.response["ResponseMetadata"]["RequestId"])
                    sequence.append(e.response["Error"]["Code"])
            return sequence, request_ids

    def test_the_same_seed_gives_the_same_outcomes_and_ids(self):
        first, first_ids = self.outcomes(self.CONFIG)
        second, second_ids = self.outcomes(self.CONFIG)
        self.assertEqual(first.count("InternalFailure"), 60)  # 30 % of each block of 100, stratified
        self.assertEqual(first, second)
        self.assertEqual(first_ids, second_ids)
        other, other_ids = self.outcomes(self.CONFIG.replace("seed: 42", "seed: 43"))
        self.assertNotEqual(first, other)
        self.assertNotEqual(first_ids, other_ids)


class SignatureTest(unittest.TestCase):
    CONFIG = """
auth: {require_signature: true}
accounts:
  - {access_key: AKIACLOCKSIGNED00001, secret_key: clock-secret, account: "333333333333"}
"""

    def test_real_time_signatures_verify_after_advancing_two_hours(self):
        with ClockServer(self.CONFIG, args=["--clock", "manual"]) as server:
            server.clock(advance="2h")
            ssm = server.client("ssm", access_key="AKIACLOCKSIGNED00001", secret_key="clock-secret")
            ssm.put_parameter(Name="/clock/signed", Value="v", Type="String")
            answer = ssm.get_parameter(Name="/clock/signed")
            # Timestamps inside answers follow the emulated clock; the Date header stays real time.
            modified = answer["Parameter"]["LastModifiedDate"]
            self.assertAlmostEqual((modified - server.now()).total_seconds(), 0, delta=1)
            date = answer["ResponseMetadata"]["HTTPHeaders"]["date"]
            real = datetime.datetime.strptime(date, "%a, %d %b %Y %H:%M:%S GMT").replace(tzinfo=datetime.timezone.utc)
            self.assertLess(abs((real - datetime.datetime.now(datetime.timezone.utc)).total_seconds()), 60)
            # A wrong secret is still refused: the signature is checked, not skipped.
            wrong = server.client("ssm", access_key="AKIACLOCKSIGNED00001", secret_key="not-the-secret")
            self.assertEqual(error_code(lambda: wrong.get_parameter(Name="/clock/signed")),
                             "InvalidSignatureException")


if __name__ == "__main__":
    unittest.main()
