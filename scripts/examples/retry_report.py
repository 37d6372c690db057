#!/usr/bin/env python3
"""Recipe: read the retry report to see how a client really retries.

Chokepoint groups every SDK request by its amz-sdk-invocation-id (the same on every retry of one call) and
reports, per access key and user agent: invocations, requests, amplification (requests per invocation), the
attempts histogram, the waits between attempts and a verdict on the backoff (jittered or not). Read it with
`GET /_chokepoint/report` (JSON, `?access_key=K` for one client) or `chokepoint ctl report`.

1. boto3's legacy mode against throttled DynamoDB GetItem (fault rules throttle each call's first 3 attempts):
   the report shows 4 attempts per call and waits of 50, 100 and 200 ms, DynamoDB's legacy backoff
   (50 ms x 2^(attempt-1), no jitter).
2. boto3's standard mode against a throttled SSM DescribeParameters: retries after random (jittered) waits.
"""
from concurrent.futures import ThreadPoolExecutor

from recipe import Recipe, check

LEGACY_KEY, STANDARD_KEY = "100000000005", "100000000006"


def report_for(r, access_key):
    status, body = r.admin("/_chokepoint/report?access_key=" + access_key)
    check(status == 200, f"GET /_chokepoint/report?access_key={access_key}")
    clients = body["clients"]
    check(len(clients) == 1, f"one client with key {access_key}")
    return clients[0]


with Recipe(__file__, access_key=LEGACY_KEY) as r:
    # 1. Legacy DynamoDB retries: six GetItem calls, each throttled on its first 3 attempts by a fault rule.
    ddb = r.client("dynamodb")
    ddb.create_table(TableName="report", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     BillingMode="PAY_PER_REQUEST")
    for i in range(6):
        r.admin("/_chokepoint/faults", "POST", {"service": "dynamodb", "operation": "GetItem", "account": LEGACY_KEY,
                                                "throttle": True, "count": 3})
        ddb.get_item(TableName="report", Key={"pk": {"S": str(i)}})

    legacy = report_for(r, LEGACY_KEY)
    waits = {w["after_attempt"]: w["p50_ms"] for w in legacy["waits"]}
    print(f"  {legacy['user_agent'][:60]}...\n  {legacy['invocations']} invocations, {legacy['requests']} requests,"
          f" attempts {legacy['attempts']}, median waits after attempts 1-3: {waits}")
    check(legacy["retry_mode"] == "legacy", "boto3's default retry mode is legacy")
    check(legacy["attempts"].get("4") == 6, "six calls took 4 attempts each")
    check(legacy["amplification"] > 3, f"amplification {legacy['amplification']} (requests per invocation)")
    check(legacy["gave_up_throttled"] == 0, "no call gave up (DynamoDB's legacy mode makes 10 attempts)")
    # botocore's legacy DynamoDB backoff: 50 ms x 2^(attempt-1), no jitter. The report measures from the response
    # to the next attempt's arrival, so client overhead adds a few milliseconds.
    check(all(50 * 2 ** (n - 1) <= waits[n] < 50 * 2 ** (n - 1) + 40 for n in (1, 2, 3)),
          "the waits double from 50 ms: exponential backoff without jitter")
    # The report's verdict (legacy["jitter"]) says "not jittered", schedule "exponential" from 50 ms, when the
    # client adds little overhead to each wait; on a busy machine that noise can blur it, so it is not checked here.

    # 2. Standard mode, 8 threads, 20 DescribeParameters calls against 5 per second.
    ssm = r.client("ssm", retries={"mode": "standard", "total_max_attempts": 10}, access_key=STANDARD_KEY,
                   max_pool_connections=8)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: ssm.describe_parameters(), range(20)))
    standard = report_for(r, STANDARD_KEY)
    check(standard["retry_mode"] == "standard", "the user agent says standard")
    check(standard["throttled_requests"] > 0 and standard["gave_up_throttled"] == 0,
          f"{standard['throttled_requests']} throttled requests, every call succeeded")
    check(standard["jitter"]["verdict"] == "jittered", f"standard backoff is jittered: {standard['jitter']['summary']}")

    # The same, as text.
    text = r.ctl("report", "--access-key", STANDARD_KEY)
    check("mode standard" in text, "chokepoint ctl report prints it:\n" + text)
