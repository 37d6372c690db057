#!/usr/bin/env python3
"""Recipe: EC2's On-Demand vCPU limit, and the quota increase that lifts it.

AWS limits running On-Demand instances in vCPUs per instance family group, per account and region: "Running
On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances" is quota L-1216C47A. Past it, RunInstances fails with
VcpuLimitExceeded and launches nothing; an Auto Scaling group or a deployment simply stops growing. The fix AWS
names in the message is a limit increase, which Service Quotas requests.

1. Freeze the clock. With a 32-vCPU limit, eight m5.xlarge (4 vCPUs each) launch; the ninth gets
   VcpuLimitExceeded.
2. Read the quota (32) and request 40: PENDING, then CASE_OPENED; five emulated seconds later, APPROVED.
3. The ninth instance launches; the limit is now 40 for this account and region only.

The clock is the server's: on a server shared with other tests, run this on its own.
"""
from botocore.exceptions import ClientError

from recipe import Recipe, check, error_code

QUOTA = "L-1216C47A"
AMI = "ami-0a1b2c3d4e5f60001"


def launch(ec2):
    return ec2.run_instances(ImageId=AMI, InstanceType="m5.xlarge", MinCount=1, MaxCount=1)["Instances"]


def advance(r, seconds):
    status, body = r.admin("/_chokepoint/clock", "POST", {"advance": seconds})
    check(status == 200, f"clock moved {seconds} s to {body.get('now')}")


with Recipe(__file__, access_key="100000000014") as r:
    status, _ = r.admin("/_chokepoint/clock", "POST", {"mode": "manual"})
    check(status == 200, "clock frozen: every second below is emulated")
    ec2 = r.client("ec2", retries={"total_max_attempts": 1})

    # 1. The limit.
    eight = ec2.run_instances(ImageId=AMI, InstanceType="m5.xlarge", MinCount=8, MaxCount=8)["Instances"]
    check(len(eight) == 8, "eight m5.xlarge launch: 32 vCPUs")
    try:
        launch(ec2)
        check(False, "the ninth instance should have been refused")
    except ClientError as e:
        check(error_code(e) == "VcpuLimitExceeded", f"the ninth: {error_code(e)}: {e.response['Error']['Message']}")

    # 2. The increase.
    quotas = r.client("service-quotas")
    quota = quotas.get_service_quota(ServiceCode="ec2", QuotaCode=QUOTA)["Quota"]
    check(quota["Value"] == 32, f"{quota['QuotaName']}: {quota['Value']:.0f}")
    request = quotas.request_service_quota_increase(ServiceCode="ec2", QuotaCode=QUOTA, DesiredValue=40)
    request_id = request["RequestedQuota"]["Id"]
    check(request["RequestedQuota"]["Status"] == "PENDING", "requested 40: PENDING")
    advance(r, 5)
    status = quotas.get_requested_service_quota_change(RequestId=request_id)["RequestedQuota"]["Status"]
    check(status == "APPROVED", f"five seconds later: {status}")

    # 3. In force at once, for this account and region.
    check(len(launch(ec2)) == 1, "the ninth instance launches: 36 of 40 vCPUs")
    default = quotas.get_aws_default_service_quota(ServiceCode="ec2", QuotaCode=QUOTA)["Quota"]["Value"]
    check(default != 40, f"GetAWSDefaultServiceQuota still reports the default ({default:.0f})")

    status, _ = r.admin("/_chokepoint/clock", "POST", {"mode": "real"})
    check(status == 200, "the clock runs again")
