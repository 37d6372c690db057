#!/usr/bin/env python3
"""Recipe: DynamoDB auto scaling reacts in minutes, not seconds; plotted.

Target tracking is the usual answer to "my table is throttled", and its lesson is its delay: the high alarm needs
two minutes above the target before the first scaling activity, and because consumed capacity counts only the
writes that were admitted, capacity climbs in steps. Scaling in waits for the low alarm's fifteen minutes.

1. Freeze the emulated clock. A 10-WCU table, target tracking at 70 % (min 10, max 1,000), its burst spent.
2. A sustained 40 one-KB writes a second (BatchWriteItem, unprocessed items counted as throttled) for 14 minutes:
   throttled at first, scaled out in steps to 58 WCU (40 / 0.7), then no throttling.
3. The load drops to 10 writes a second: no scale-in before the low alarm has seen 15 low minutes, then one step
   down to 15 WCU (10 / 0.7).
4. Write the timeline as an SVG plot (provisioned, consumed and throttled units per second over time) to the path
   given as the first argument (docs/images/dynamodb-auto-scaling.svg was made so); without one, no plot.

The clock is the server's: on a server shared with other tests, run this on its own.
"""
import sys
import time
from pathlib import Path

from botocore.exceptions import ClientError

from recipe import Recipe, check, elapsed_since, line_plot

TABLE = "orders"
DIMENSION = "dynamodb:table:WriteCapacityUnits"


def clock(r, **change):
    status, body = r.admin("/_chokepoint/clock", "POST", change)
    if status != 200:
        sys.exit(f"FAILED: clock {change}: {body}")
    return body


def write_second(ddb, units, counter):
    """`units` one-unit writes in one batch round: (admitted, throttled)."""
    throttled = 0
    for start in range(0, units, 25):
        batch = [{"PutRequest": {"Item": {"pk": {"S": f"i{counter[0] + k}"}}}} for k in range(min(25, units - start))]
        counter[0] += len(batch)
        try:
            answer = ddb.batch_write_item(RequestItems={TABLE: batch})
            throttled += len(answer.get("UnprocessedItems", {}).get(TABLE, []))
        except ClientError:
            throttled += len(batch)
    return units - throttled, throttled


def capacity(ddb):
    return ddb.describe_table(TableName=TABLE)["Table"]["ProvisionedThroughput"]["WriteCapacityUnits"]


with Recipe(__file__, access_key="100000000031") as r:
    started = time.monotonic()
    clock(r, mode="manual")
    ddb = r.client("dynamodb", retries={"total_max_attempts": 1})
    scaling = r.client("application-autoscaling", retries={"total_max_attempts": 1})
    ddb.create_table(TableName=TABLE, AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 10})
    scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId=f"table/{TABLE}",
                                     ScalableDimension=DIMENSION, MinCapacity=10, MaxCapacity=1000)
    scaling.put_scaling_policy(
        PolicyName="orders-writes", ServiceNamespace="dynamodb", ResourceId=f"table/{TABLE}",
        ScalableDimension=DIMENSION, PolicyType="TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration={
            "TargetValue": 70, "PredefinedMetricSpecification": {"PredefinedMetricType":
                                                                 "DynamoDBWriteCapacityUtilization"}})
    # Spend the burst (300 s of unused capacity) with large items, the clock moving a second a round.
    counter = [0]
    big = "x" * (100 * 1024 - 100)
    for round_ in range(10):
        admitted = 0
        for i in range(12):
            try:
                ddb.put_item(TableName=TABLE, Item={"pk": {"S": f"big-{round_}-{i}"}, "v": {"S": big}})
                admitted += 1
            except ClientError:
                break
        clock(r, advance="1s")
        if admitted == 0:
            break

    timeline = []  # (second, provisioned, consumed, throttled)
    provisioned = capacity(ddb)
    for second in range(32 * 60):
        offered = 40 if second < 14 * 60 else 10
        admitted, throttled = write_second(ddb, offered, counter)
        timeline.append((second, provisioned, admitted, throttled))
        clock(r, advance="1s")
        if second % 10 == 9:
            provisioned = capacity(ddb)

    first_scaling = next(s for s, p, _, _ in timeline if p > 10)
    last_throttle = max(s for s, _, _, t in timeline if t > 0)
    first_minute = sum(t for s, _, _, t in timeline if s < 60)
    check(first_minute > 1000, f"{first_minute} of the first minute's 2,400 writes throttled")
    check(first_scaling >= 60, f"the first scale-out shows after {first_scaling} s: the high alarm's window")
    steps = sorted({p for _, p, _, _ in timeline if p > 10})
    check(len(steps) >= 3 and max(p for s, p, _, _ in timeline if s < 14 * 60) == 58,
          f"capacity climbs in steps {steps[:4]}... to 58 WCU (40 / 0.7)")
    check(last_throttle < 14 * 60, f"throttling stops {last_throttle // 60} minutes in, under full load")
    scale_in = next(s for s, p, _, _ in timeline if s >= 14 * 60 and p < 58)
    check(scale_in - 14 * 60 >= 14 * 60, f"scale-in to {timeline[-1][1]} WCU only {(scale_in - 14 * 60) // 60} "
                                         "minutes after the load dropped")
    check(timeline[-1][1] == 15, "and to 15 WCU (10 / 0.7)")

    # Ten-second averages: one point per ten emulated seconds.
    tens = [timeline[i:i + 10] for i in range(0, len(timeline), 10)]
    mean = lambda rows, k: sum(row[k] for row in rows) / len(rows)  # noqa: E731
    plot = line_plot(
        title="DynamoDB target tracking at 70 %: 40 writes/s for 14 minutes, then 10 writes/s",
        x=[rows[0][0] / 60 for rows in tens], x_label="emulated minutes", y_label="write units per second",
        series=[("provisioned WCU", "#1f77b4", [mean(rows, 1) for rows in tens]),
                ("consumed (admitted writes/s)", "#2ca02c", [mean(rows, 2) for rows in tens]),
                ("throttled writes/s", "#d62728", [mean(rows, 3) for rows in tens])])
    check(len(plot) > 1000 and plot.startswith("<svg"), "plot drawn")
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(plot)
        print(f"plot written to {sys.argv[1]}")
    clock(r, mode="real")
    check(time.monotonic() - started < 100, f"32 emulated minutes in {elapsed_since(started)} of real time")
