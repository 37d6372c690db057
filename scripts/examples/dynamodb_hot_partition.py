#!/usr/bin/env python3
"""Recipe: a hot partition, and write sharding.

DynamoDB spreads a table over partitions by the hash of the partition key, and one partition serves at most
1,000 WCU per second (50 in this recipe's config, to keep the load small). Adaptive capacity lets a busy
partition borrow the table's unused capacity, but never beyond that maximum. So a table can be throttled while
CloudWatch shows it far below its provisioned capacity: every write goes to one key.

1. Reproduce: a 400 WCU table in 8 partitions; 150 WCU per second, all to one partition key: throttled with
   ProvisionedThroughputExceededException, reason TableWriteKeyRangeThroughputExceeded, while the table uses
   under 40 % of its capacity. The inspection endpoint shows the hot partition, and Contributor Insights (enabled
   on the table) names the hot key as the most throttled one, as it does on AWS.
2. Fix with write sharding: the same load spread over 10 keys (`device-7#0` ... `device-7#9`; readers query all
   ten) is not throttled.
"""
import datetime
import time
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import ClientError

from recipe import Recipe, check, error_code

ITEM = "x" * 14900  # with its key: 15 write capacity units
RATE_WCU, SECONDS = 150, 3


def write_at_rate(ddb, keys):
    """PutItem at RATE_WCU per second for SECONDS, round-robin over keys, from a few threads so that a slow
    call does not slow the load down; returns the throttling errors."""
    per_second = RATE_WCU // 15
    start = time.monotonic()

    def put(i):
        time.sleep(max(0.0, start + i / per_second - time.monotonic()))
        try:
            ddb.put_item(TableName="events", Item={"pk": {"S": keys[i % len(keys)]}, "sk": {"N": str(i)},
                                                   "body": {"S": ITEM}})
        except ClientError as e:
            return e
        return None

    with ThreadPoolExecutor(4) as pool:
        return [e for e in pool.map(put, range(per_second * SECONDS)) if e is not None]


with Recipe(__file__, access_key="100000000008") as r:
    ddb = r.client("dynamodb", retries={"mode": "standard", "total_max_attempts": 1}, max_pool_connections=4)
    ddb.create_table(TableName="events",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "N"}],
                     BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 100,
                                                                        "WriteCapacityUnits": 400})
    r.client("dynamodb").get_waiter("table_exists").wait(TableName="events")
    ddb.update_contributor_insights(TableName="events", ContributorInsightsAction="ENABLE")
    time.sleep(1)

    # 1. One hot key.
    throttled = write_at_rate(ddb, ["device-7"])
    check(throttled, f"{len(throttled)} of {RATE_WCU // 15 * SECONDS} writes to one key were throttled")
    e = throttled[0]
    check(error_code(e) == "ProvisionedThroughputExceededException", error_code(e))
    reason = e.response["ThrottlingReasons"][0]["reason"]
    check(reason == "TableWriteKeyRangeThroughputExceeded", f"reason {reason}: one partition, not the table")
    check(RATE_WCU / 400 < 0.4, f"while the table's load is {RATE_WCU / 400:.0%} of its 400 WCU")
    _, info = r.admin(f"/_chokepoint/dynamodb/tables/{r.access_key}/{r.region}/events")
    partitions = info["capacity"]["table"]["partitions"]
    hot = [p for p in partitions if p["throttled"]["write"]]
    check(len(hot) == 1, f"one of {len(partitions)} partitions is hot: {hot[0]['key_range']}")
    rules = ddb.describe_contributor_insights(TableName="events")["ContributorInsightsRuleList"]
    most_throttled = next(rule for rule in rules if "-PKT-" in rule)
    now = datetime.datetime.now(datetime.timezone.utc)
    report = r.client("cloudwatch").get_insight_rule_report(
        RuleName=most_throttled, StartTime=now - datetime.timedelta(minutes=5),
        EndTime=now + datetime.timedelta(minutes=1), Period=60)
    top = report["Contributors"][0]
    check(top["Keys"] == ["device-7"],
          f"Contributor Insights' {most_throttled}: top key {top['Keys'][0]}, "
          f"{top['ApproximateAggregateValue']:.0f} throttled writes")

    time.sleep(2)  # let the partition recover

    # 2. Write sharding: the same load over 10 keys.
    shards = [f"device-7#{n}" for n in range(10)]
    throttled = write_at_rate(ddb, shards)
    check(not throttled, f"the same {RATE_WCU} WCU per second over 10 shard keys: no write throttled")
    found = sum(ddb.query(TableName="events", KeyConditionExpression="pk = :k",
                          ExpressionAttributeValues={":k": {"S": s}}, Select="COUNT")["Count"] for s in shards)
    check(found == RATE_WCU // 15 * SECONDS, f"a reader queries all 10 shards: {found} items")
