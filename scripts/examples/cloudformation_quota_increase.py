#!/usr/bin/env python3
"""Recipe: a CloudFormation stack that fails with "Rate exceeded", fixed with a quota increase for the downstream API.

CloudFormation calls the services a template's resources live in with the stack's account and region, so their
rates apply: 25 independent AWS::SSM::Parameter resources make 25 PutParameter calls at once, beyond the
account's PutParameter rate (5 a second here); CloudFormation's retries run out and the stack rolls back.
DependsOn (cloudformation_depends_on.py) slows the stack down to the rate; a quota increase raises the rate.

1. Freeze the clock. The stack of 25 parameters rolls back, its resources failed with "Rate exceeded".
2. Request the PutParameter quota (CP-PutParameter) at 30 a second: APPROVED five emulated seconds later.
3. The same template completes: the bucket took its new size (30 at once) at approval.

The clock is the server's: on a server shared with other tests, run this on its own.
"""
from recipe import Recipe, check

N = 25
QUOTA = "CP-PutParameter"


def template(prefix):
    lines = ["Resources:"]
    for i in range(N):
        lines += [f"  Setting{i}:", "    Type: AWS::SSM::Parameter", "    Properties:", f"      Name: {prefix}{i}",
                  "      Type: String", f"      Value: value-{i}"]
    return "\n".join(lines) + "\n"


def advance(r, seconds):
    status, body = r.admin("/_chokepoint/clock", "POST", {"advance": seconds})
    check(status == 200, f"clock moved {seconds} s to {body.get('now')}")


def settled(r, cfn, name):
    advance(r, 60)  # provisioning, CloudFormation's retries and the rollback all run on the emulated clock
    return cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]


with Recipe(__file__, access_key="100000000015") as r:
    status, _ = r.admin("/_chokepoint/clock", "POST", {"mode": "manual"})
    check(status == 200, "clock frozen: every second below is emulated")
    cfn = r.client("cloudformation")

    # 1. Reproduce.
    cfn.create_stack(StackName="settings-before", TemplateBody=template("/recipe/before/"))
    status = settled(r, cfn, "settings-before")
    check(status == "ROLLBACK_COMPLETE", f"the stack ends {status}")
    reasons = [e.get("ResourceStatusReason", "") for page in
               cfn.get_paginator("describe_stack_events").paginate(StackName="settings-before")
               for e in page["StackEvents"] if e["ResourceStatus"] == "CREATE_FAILED"]
    throttled = [x for x in reasons if "Rate exceeded" in x]
    check(throttled, f"{len(throttled)} resources failed with Rate exceeded, e.g. {throttled[0][:80]}...")

    # 2. The increase.
    quotas = r.client("service-quotas")
    quota = quotas.get_service_quota(ServiceCode="ssm", QuotaCode=QUOTA)["Quota"]
    check(quota["Value"] == 5, f"{quota['QuotaName']}: {quota['Value']:.0f} a second")
    request = quotas.request_service_quota_increase(ServiceCode="ssm", QuotaCode=QUOTA, DesiredValue=30)
    advance(r, 5)
    status = quotas.get_requested_service_quota_change(RequestId=request["RequestedQuota"]["Id"])
    check(status["RequestedQuota"]["Status"] == "APPROVED", "five seconds later: APPROVED, 30 a second")

    # 3. The same template completes.
    cfn.create_stack(StackName="settings-after", TemplateBody=template("/recipe/after/"))
    status = settled(r, cfn, "settings-after")
    check(status == "CREATE_COMPLETE", f"the same template ends {status}")

    status, _ = r.admin("/_chokepoint/clock", "POST", {"mode": "real"})
    check(status == 200, "the clock runs again")
