#!/usr/bin/env python3
"""Recipe: inject faults for one test, on a server other tests share.

The code under test reads a user from DynamoDB and must survive throttling and a transient 500. A fault rule
scoped by the x-chokepoint-tag request header touches only the calls of the test that sent that tag, so tests
running in parallel against one server do not see each other's faults. Rules are added and removed over the
control API (POST/DELETE /_chokepoint/faults) or with `chokepoint ctl fault ...`.

1. "Throttle the next 3 GetItem calls" (control API): the call still succeeds, after 3 retries; an untagged
   client is not affected.
2. "Fail the next GetItem with InternalServerError" (chokepoint ctl): retried and succeeds.
3. "Throttle every GetItem": the call gives up after its last attempt, with DynamoDB's throttling error.
"""
import json
import uuid

from botocore.exceptions import ClientError

from recipe import Recipe, check, error_code


def tagged(client, tag):
    """Adds x-chokepoint-tag to every request of this client (the header is not signed: it is ours)."""
    def add_tag(request, **_):
        request.headers["x-chokepoint-tag"] = tag

    client.meta.events.register("before-send", add_tag)
    return client


def load_user(ddb, user_id):
    """The code under test."""
    return ddb.get_item(TableName="users", Key={"id": {"S": user_id}})


with Recipe(__file__, access_key="100000000004") as r:
    setup = r.client("dynamodb")
    setup.create_table(TableName="users", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                       AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                       BillingMode="PAY_PER_REQUEST")
    setup.put_item(TableName="users", Item={"id": {"S": "u1"}, "name": {"S": "Ada"}})

    tag = f"test-{uuid.uuid4().hex[:8]}"  # one per test
    # boto3's legacy mode retries DynamoDB after 50, 100, 200, ... ms: quick enough for a test suite.
    ddb = tagged(r.client("dynamodb", retries={"mode": "legacy", "total_max_attempts": 5}), tag)
    other = r.client("dynamodb", retries={"total_max_attempts": 1})

    # 1. Control API: throttle the next 3 GetItem calls of this test.
    status, added = r.admin("/_chokepoint/faults", "POST", {"service": "dynamodb", "operation": "GetItem",
                                                            "tag": tag, "throttle": True, "count": 3})
    check(status == 200, f"rule {added['ids'][0]} added")
    other_item = load_user(other, "u1")  # another test's call: untouched (it may not even retry)
    check(other_item["Item"]["name"]["S"] == "Ada", "an untagged call is not affected")
    response = load_user(ddb, "u1")
    check(response["Item"]["name"]["S"] == "Ada", "the tagged call succeeds")
    check(response["ResponseMetadata"]["RetryAttempts"] == 3, "after 3 retries of throttled attempts")
    _, rule = r.admin("/_chokepoint/faults/" + added["ids"][0])
    check(rule["applied"] == 3 and rule["state"] != "active", f"the rule applied 3 times and is {rule['state']}")

    # 2. chokepoint ctl: the next GetItem fails with a 500; boto3 retries it.
    out = r.ctl("--json", "fault", "add", "--service", "dynamodb", "--operation", "GetItem", "--tag", tag,
                "--error", "InternalServerError", "--status", "500", "--count", "1")
    rule_id = json.loads(out)["ids"][0]
    response = load_user(ddb, "u1")
    check(response["ResponseMetadata"]["RetryAttempts"] == 1, f"ctl rule {rule_id}: one 500, retried, succeeds")

    # 3. Throttle every GetItem of this test: the retries run out.
    status, added = r.admin("/_chokepoint/faults", "POST",
                            {"service": "dynamodb", "operation": "GetItem", "tag": tag, "throttle": True})
    try:
        load_user(ddb, "u1")
        check(False, "the call should have failed")
    except ClientError as e:
        check(error_code(e) == "ThrottlingException", f"gives up with {error_code(e)}")
        check(e.response["ResponseMetadata"]["RetryAttempts"] == 4, "after 5 attempts")

    # Clean up: remove this test's rules (DELETE /_chokepoint/faults would remove everyone's).
    for rule_id in added["ids"]:
        check(r.admin("/_chokepoint/faults/" + rule_id, "DELETE")[0] == 200, f"rule {rule_id} removed")
    check(load_user(ddb, "u1")["ResponseMetadata"]["RetryAttempts"] == 0, "no faults left for this test")
