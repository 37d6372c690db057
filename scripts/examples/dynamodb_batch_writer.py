#!/usr/bin/env python3
"""Recipe: UnprocessedItems, and boto3's batch_writer that handles them.

BatchWriteItem is admitted item by item: when the table runs out of capacity part-way through a batch, the
call still succeeds (HTTP 200), and the items it did not write come back in UnprocessedItems. Code that ignores
that field loses data silently.

1. Reproduce: plain BatchWriteItem calls of 25 items into a 50 WCU table, ignoring UnprocessedItems: the table
   ends up with fewer items than were "written".
2. Fix: Table.batch_writer() re-sends unprocessed items until every one is stored (and botocore retries a
   batch refused whole). The server's inspection endpoint counts the UnprocessedItems it returned.
"""
import time

from recipe import Recipe, check

ITEMS = 300
BODY = "x" * 900  # with its key: one write capacity unit


def count_items(ddb, table):
    return sum(page["Count"] for page in ddb.get_paginator("scan").paginate(TableName=table, Select="COUNT"))


def create_table(ddb, name):
    ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 1000,
                                                                        "WriteCapacityUnits": 50})
    ddb.get_waiter("table_exists").wait(TableName=name)


with Recipe(__file__, access_key="100000000010") as r:
    ddb = r.client("dynamodb")
    create_table(ddb, "naive")
    create_table(ddb, "bulk")
    time.sleep(1)

    # 1. Ignoring UnprocessedItems loses writes.
    unprocessed = 0
    for start in range(0, ITEMS, 25):
        response = ddb.batch_write_item(RequestItems={"naive": [
            {"PutRequest": {"Item": {"pk": {"S": f"item-{i}"}, "body": {"S": BODY}}}}
            for i in range(start, start + 25)]})
        unprocessed += len(response.get("UnprocessedItems", {}).get("naive", []))
    stored = count_items(ddb, "naive")
    check(unprocessed > 0, f"{unprocessed} items came back in UnprocessedItems (HTTP 200)")
    check(stored == ITEMS - unprocessed, f"the table holds {stored} of {ITEMS} items")

    # 2. batch_writer.
    start = time.monotonic()
    table = r.resource("dynamodb").Table("bulk")
    with table.batch_writer() as batch:
        for i in range(ITEMS):
            batch.put_item(Item={"pk": f"item-{i}", "body": BODY})
    stored = count_items(ddb, "bulk")
    check(stored == ITEMS, f"batch_writer stored all {ITEMS} items ({time.monotonic() - start:.1f} s)")
    _, info = r.admin(f"/_chokepoint/dynamodb/tables/{r.access_key}/{r.region}/bulk")
    returned = info["capacity"]["unprocessed_items_returned"]
    check(returned > 0, f"along the way the server returned {returned} items in UnprocessedItems "
                        f"(GET /_chokepoint/dynamodb/tables/{r.access_key}/{r.region}/bulk)")
