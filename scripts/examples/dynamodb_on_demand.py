#!/usr/bin/env python3
"""Recipe: switch a throttled provisioned table to on-demand, and what on-demand does not fix.

1. Reproduce: a table provisioned with 5 WCU is throttled (ProvisionedThroughputExceededException) by a loop of
   1 KB writes.
2. Switch: `aws dynamodb update-table --billing-mode PAY_PER_REQUEST`. An on-demand table serves up to twice its
   previous peak at once (a switched table starts from at least 4,000 WRU), so the loop runs unthrottled.
3. What remains: one partition still serves at most 1,000 WCU per second (50 in this recipe's config). Writes
   to a single key beyond that are throttled in on-demand mode too, with ThrottlingException and reason
   TableWriteKeyRangeThroughputExceeded: the fix for that is write sharding (see dynamodb_hot_partition.py).
"""
import os
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import ClientError

from recipe import Recipe, check, error_code


def write_loop(ddb, count, size=1000, key=None):
    """count PutItem calls (distinct keys, or all `key`); returns the errors."""
    errors = []
    for i in range(count):
        try:
            ddb.put_item(TableName="orders", Item={"pk": {"S": key or f"order-{i}"}, "body": {"S": "x" * size}})
        except ClientError as e:
            errors.append(e)
    return errors


def hot_key_load(ddb, seconds=3, per_second=10):
    """15 WCU writes to one key at per_second from a few threads: 150 WCU per second; returns the errors."""
    start = time.monotonic()

    def put(i):
        time.sleep(max(0.0, start + i / per_second - time.monotonic()))
        return write_loop(ddb, 1, size=14900, key="hot-key")

    with ThreadPoolExecutor(4) as pool:
        return [e for errors in pool.map(put, range(seconds * per_second)) for e in errors]


def switch_to_on_demand(r):
    if shutil.which("aws"):
        env = dict(os.environ, AWS_ACCESS_KEY_ID=r.access_key, AWS_SECRET_ACCESS_KEY="secret",
                   AWS_DEFAULT_REGION=r.region, AWS_PAGER="")
        subprocess.run(["aws", "dynamodb", "update-table", "--endpoint-url", r.endpoint, "--table-name", "orders",
                        "--billing-mode", "PAY_PER_REQUEST"], env=env, check=True, stdout=subprocess.DEVNULL)
        print("aws dynamodb update-table --table-name orders --billing-mode PAY_PER_REQUEST")
    else:
        r.client("dynamodb").update_table(TableName="orders", BillingMode="PAY_PER_REQUEST")


with Recipe(__file__, access_key="100000000009") as r:
    ddb = r.client("dynamodb", retries={"total_max_attempts": 1}, max_pool_connections=4)
    ddb.create_table(TableName="orders", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 5,
                                                                        "WriteCapacityUnits": 5})
    r.client("dynamodb").get_waiter("table_exists").wait(TableName="orders")

    # 1. Provisioned: throttled.
    errors = write_loop(ddb, 40)
    check(errors, f"provisioned 5 WCU: {len(errors)} of 40 writes throttled")
    check(error_code(errors[0]) == "ProvisionedThroughputExceededException", error_code(errors[0]))

    # 2. On-demand.
    switch_to_on_demand(r)
    r.client("dynamodb").get_waiter("table_exists").wait(TableName="orders")
    table = ddb.describe_table(TableName="orders")["Table"]
    check(table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST", "the table is on-demand")
    errors = write_loop(ddb, 40)
    check(not errors, "on-demand: the same 40 writes, none throttled")

    # 3. One hot key beyond the partition maximum.
    errors = hot_key_load(ddb)
    check(errors, f"150 WCU per second to one key: {len(errors)} of 30 writes throttled")
    e = errors[0]
    reasons = e.response.get("throttlingReasons") or e.response.get("ThrottlingReasons") or [{}]
    check(error_code(e) == "ThrottlingException", f"on-demand throttling is {error_code(e)}")
    check(reasons[0].get("reason") == "TableWriteKeyRangeThroughputExceeded", f"reason {reasons[0].get('reason')}")
