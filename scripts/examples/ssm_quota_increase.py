#!/usr/bin/env python3
"""Recipe: SSM Parameter Store's 40 reads a second, and the quota increase that lifts it.

GetParameter, GetParameters and GetParametersByPath share one account-region quota of 40 requests a second.
Batching and caching (ssm_batching_and_caching.py) make fewer calls; when the application truly needs more, the fix
AWS names is a quota increase. Chokepoint's Service Quotas API approves it on the emulated clock and applies it to
that account and region only.

1. Freeze the clock and show the limit: a burst of 100 reads admits exactly 40.
2. Read the quota (CP-ParameterReads, 40), request 100: PENDING, then CASE_OPENED; five emulated seconds later,
   APPROVED.
3. The account's bucket takes the new size at approval (full at 40 before, full at 100 after): the next burst
   admits 100, and every second after it 100 more. Another account still gets 40.

The clock is the server's: on a server shared with other tests, run this on its own.
"""
from botocore.exceptions import ClientError

from recipe import Recipe, check, error_code

QUOTA = "CP-ParameterReads"


def admitted(ssm, calls):
    count, refusals = 0, set()
    for _ in range(calls):
        try:
            ssm.get_parameter(Name="/app/feature-flag")
            count += 1
        except ClientError as e:
            refusals.add(error_code(e))
    check(refusals <= {"ThrottlingException"}, f"{count} of {calls} admitted, the rest ThrottlingException")
    return count


def advance(r, seconds):
    status, body = r.admin("/_chokepoint/clock", "POST", {"advance": seconds})
    check(status == 200, f"clock moved {seconds} s to {body.get('now')}")


with Recipe(__file__, access_key="100000000012") as r:
    status, _ = r.admin("/_chokepoint/clock", "POST", {"mode": "manual"})
    check(status == 200, "clock frozen: every second below is emulated")
    ssm = r.client("ssm", retries={"total_max_attempts": 1})
    ssm.put_parameter(Name="/app/feature-flag", Value="on", Type="String")

    # 1. The limit.
    check(admitted(ssm, 100) == 40, "a burst of 100 reads admits 40")

    # 2. The increase.
    quotas = r.client("service-quotas")
    quota = quotas.get_service_quota(ServiceCode="ssm", QuotaCode=QUOTA)["Quota"]
    check(quota["Value"] == 40, f"{quota['QuotaName']}: {quota['Value']:.0f}")
    request = quotas.request_service_quota_increase(ServiceCode="ssm", QuotaCode=QUOTA, DesiredValue=100)
    request_id = request["RequestedQuota"]["Id"]
    check(request["RequestedQuota"]["Status"] in ("PENDING", "CASE_OPENED"), f"requested: {request['RequestedQuota']['Status']}")
    advance(r, 5)
    status = quotas.get_requested_service_quota_change(RequestId=request_id)["RequestedQuota"]["Status"]
    check(status == "APPROVED", f"five seconds later: {status}")
    check(quotas.get_service_quota(ServiceCode="ssm", QuotaCode=QUOTA)["Quota"]["Value"] == 100,
          "GetServiceQuota shows 100")

    # 3. In force for this account and region at once: the bucket takes the new size at approval, then refills at the
    #    new rate.
    advance(r, 1)
    check(admitted(ssm, 150) == 100, "the first burst after approval already admits 100")
    advance(r, 1)
    check(admitted(ssm, 150) == 100, "from then on, 100 reads a second")
    other = r.client("ssm", retries={"total_max_attempts": 1}, access_key="100000000013")
    other.put_parameter(Name="/app/feature-flag", Value="on", Type="String")
    check(admitted(other, 100) == 40, "another account still gets 40")

    status, _ = r.admin("/_chokepoint/clock", "POST", {"mode": "real"})
    check(status == 200, "the clock runs again")
