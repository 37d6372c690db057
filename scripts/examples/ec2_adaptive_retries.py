#!/usr/bin/env python3
"""Recipe: EC2 RequestLimitExceeded, reproduced, then fixed with boto3's adaptive retry mode.

Many threads share one EC2 client and call DescribeInstances with no filter as fast as they can. EC2 admits a
burst, then a steady rate per second; beyond it every call is answered HTTP 503 RequestLimitExceeded.

1. Standard retries with 3 attempts: each thread retries on its own, the retries pile onto the same empty
   bucket, and calls give up with RequestLimitExceeded.
2. Adaptive retries (10 attempts): the client measures the throttling and rate-limits itself (a token bucket
   in the client, shared by its threads), so every call succeeds, some after a retry.
"""
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import ClientError

from recipe import Recipe, check, error_code, elapsed_since

CALLS = 100
THREADS = 16


def hammer(ec2, calls, stop_on_failure):
    """Calls describe_instances `calls` times from THREADS threads; returns (responses, errors)."""
    responses, errors = [], []
    stop = threading.Event()

    def one(_):
        if stop.is_set():
            return
        try:
            responses.append(ec2.describe_instances())
        except ClientError as e:
            errors.append(e)
            if stop_on_failure:
                stop.set()

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(one, range(calls)))
    return responses, errors


with Recipe(__file__, access_key="100000000001", region="eu-west-1") as r:
    # 1. Reproduce: standard mode gives up after 3 attempts.
    ec2 = r.client("ec2", retries={"mode": "standard", "total_max_attempts": 3}, max_pool_connections=THREADS)
    _, errors = hammer(ec2, CALLS * 3, stop_on_failure=True)
    check(errors, "standard retries (3 attempts) run out: a call raised")
    e = errors[0]
    check(error_code(e) == "RequestLimitExceeded", f"the error is RequestLimitExceeded ({error_code(e)})")
    check(e.response["ResponseMetadata"]["HTTPStatusCode"] == 503, "with HTTP status 503")
    retries = e.response["ResponseMetadata"]["RetryAttempts"]
    check(retries <= 2, f"after {retries} retries (standard mode also stops retrying when its retry quota is spent)")

    time.sleep(1)  # let the bucket refill a little; the fix must cope with a drained bucket anyway

    # 2. Fix: adaptive mode, 10 attempts. The same load, every call succeeds.
    ec2 = r.client("ec2", retries={"mode": "adaptive", "total_max_attempts": 10}, max_pool_connections=THREADS)
    start = time.monotonic()
    responses, errors = hammer(ec2, CALLS, stop_on_failure=False)
    check(not errors, f"adaptive retries: all {CALLS} calls succeed ({elapsed_since(start)})")
    retried = sum(resp["ResponseMetadata"]["RetryAttempts"] > 0 for resp in responses)
    check(retried > 0, f"{retried} of them after at least one retry")
