#!/usr/bin/env python3
"""Recipe: DynamoDB provisioned throughput exceeded, reproduced and fixed.

A table provisioned with 5 WCU admits 5 one-KB writes per second, plus what is left of its burst (unused capacity
kept for up to 300 s; 2 s in this recipe's config). A batch job writing 1 KB items as fast as it can drains the
burst, then gets ProvisionedThroughputExceededException with ThrottlingReasons
TableWriteProvisionedThroughputExceeded.

1. Reproduce: no retries, writes in a loop until one is throttled; read the error's reason.
2. boto3's legacy mode retries DynamoDB throttling up to 10 attempts with exponential backoff (50 ms doubling):
   a short overload is absorbed, each write succeeding after some retries.
3. Fix the capacity: UpdateTable to 100 WCU, and the same loop is no longer throttled.
"""
import time

from botocore.exceptions import ClientError

from recipe import Recipe, check, error_code

ITEM = "x" * 1000  # with its key: one write capacity unit


def write_until_throttled(ddb, limit=200):
    for i in range(limit):
        try:
            ddb.put_item(TableName="orders", Item={"pk": {"S": f"order-{i}"}, "body": {"S": ITEM}})
        except ClientError as e:
            return i, e
    return limit, None


with Recipe(__file__, access_key="100000000007") as r:
    ddb = r.client("dynamodb", retries={"mode": "standard", "total_max_attempts": 1})
    ddb.create_table(TableName="orders", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 5,
                                                                        "WriteCapacityUnits": 5})
    r.client("dynamodb").get_waiter("table_exists").wait(TableName="orders")
    time.sleep(2)  # a full burst

    # 1. Reproduce.
    written, error = write_until_throttled(ddb)
    check(error is not None, f"the write after {written} was throttled")
    check(error_code(error) == "ProvisionedThroughputExceededException", error_code(error))
    reasons = error.response.get("ThrottlingReasons", [])
    check(reasons and reasons[0]["reason"] == "TableWriteProvisionedThroughputExceeded",
          f"reason {reasons[0]['reason'] if reasons else None} on {reasons[0]['resource'] if reasons else None}")

    # 2. Legacy retries (boto3's default; DynamoDB gets 10 attempts) absorb a short overload.
    legacy = r.client("dynamodb")
    retried = 0
    for i in range(5):
        response = legacy.put_item(TableName="orders", Item={"pk": {"S": f"retry-{i}"}, "body": {"S": ITEM}})
        retried += response["ResponseMetadata"]["RetryAttempts"]
    check(retried > 0, f"5 more writes all succeed with legacy retries ({retried} retries in all)")

    # 3. More capacity.
    ddb.update_table(TableName="orders", ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 100})
    r.client("dynamodb").get_waiter("table_exists").wait(TableName="orders")
    table = ddb.describe_table(TableName="orders")["Table"]
    check(table["ProvisionedThroughput"]["WriteCapacityUnits"] == 100, "the table now has 100 WCU")
    time.sleep(1)
    written, error = write_until_throttled(ddb, limit=50)
    check(error is None, f"{written} writes in a row, none throttled")
