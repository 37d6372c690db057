#!/usr/bin/env python3
"""Recipe: DynamoDB's 300-second burst and an EC2 instance launch, in seconds of real time.

AWS's limits play out over minutes: a provisioned table keeps up to 300 s of unused capacity as burst, and an
instance spends a while pending. A test that waits for them is slow and flaky; one that freezes Chokepoint's
emulated clock and moves it is fast and gives the same answer every run.

1. Freeze the clock. A new 1-WCU table (AWS's own limits: no config) admits exactly 300 one-unit writes, its
   300 seconds of burst, and throttles the 301st with ProvisionedThroughputExceededException, however long the
   writes take in real time.
2. Advance 300 s: exactly 300 more.
3. Launch an instance: pending until the clock is advanced past its start-up time, then running, with the
   emulated launch time.
4. Let the clock run again.

The clock is the server's: on a server shared with other tests, run this on its own.
"""
import datetime
import time

from botocore.exceptions import ClientError

from recipe import Recipe, check, elapsed_since, error_code


def writes_admitted(ddb, limit):
    """One-unit writes until one is throttled (or `limit` succeed): (how many succeeded, the error)."""
    for i in range(limit):
        try:
            ddb.put_item(TableName="burst", Item={"pk": {"S": f"item-{time.monotonic_ns()}-{i}"}})
        except ClientError as e:
            return i, e
    return limit, None


def clock(r, **change):
    status, body = r.admin("/_chokepoint/clock", "POST", change) if change else r.admin("/_chokepoint/clock")
    check(status == 200, f"clock {change or 'read'}: {body}")
    return body


with Recipe(__file__, access_key="100000000011") as r:
    started = time.monotonic()
    frozen_at = clock(r, mode="manual")["now"]
    print(f"clock frozen at {frozen_at}")
    ddb = r.client("dynamodb", retries={"total_max_attempts": 1})
    ddb.create_table(TableName="burst", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})

    # 1. The whole burst, and not a write more.
    written, error = writes_admitted(ddb, 400)
    check(written == 300, f"a 1-WCU table admits {written} writes at once: its 300 s of burst")
    check(error is not None and error_code(error) == "ProvisionedThroughputExceededException",
          f"the 301st is throttled: {error_code(error) if error else None}")

    # 2. Five emulated minutes refill it.
    clock(r, advance="5m")
    written, error = writes_admitted(ddb, 400)
    check(written == 300 and error is not None, f"after advance 5m: exactly {written} more")

    # 3. An instance launch.
    ec2 = r.client("ec2")
    instance = ec2.run_instances(ImageId="ami-0a1b2c3d4e5f60001", MinCount=1, MaxCount=1,
                                 InstanceType="t3.micro")["Instances"][0]
    state = lambda: ec2.describe_instances(InstanceIds=[instance["InstanceId"]])[  # noqa: E731
        "Reservations"][0]["Instances"][0]["State"]["Name"]
    check(state() == "pending", f"{instance['InstanceId']} is pending while the clock stands still")
    clock(r, advance="30s")
    check(state() == "running", "running once the clock has moved 30 s")
    launched = instance["LaunchTime"]
    frozen = datetime.datetime.fromisoformat(frozen_at.replace("Z", "+00:00"))
    check(launched - frozen >= datetime.timedelta(minutes=5),
          f"its launch time {launched:%H:%M:%S} is emulated time, 5 minutes after the clock froze")

    # 4. Let it run again.
    check(clock(r, mode="real")["mode"] == "real", "the clock runs again, from where it stands")
    check(time.monotonic() - started < 10, f"all of it in {elapsed_since(started)} of real time")
