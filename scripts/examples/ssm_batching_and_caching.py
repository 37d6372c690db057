#!/usr/bin/env python3
"""Recipe: SSM GetParameter throttling, fixed by batching (GetParameters) and by caching.

An application reads its 40 settings one GetParameter at a time, from several workers, at start-up. Parameter
Store's reads share one bucket per account and region (GetParameter, GetParameters and GetParametersByPath
together), so the start-up storm gets ThrottlingException "Rate exceeded".

1. Reproduce: 8 threads, one GetParameter per setting, no retries: some calls are throttled.
2. Batch: GetParameters takes up to 10 names, so 40 settings are 4 calls instead of 40.
3. Cache: workers that read the same settings again go to a small TTL cache, not to Parameter Store: 200 reads
   make 4 calls.
"""
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import ClientError

from recipe import Recipe, check, count_requests, error_code

NAMES = [f"/recipe/app/setting-{i:02d}" for i in range(40)]


def get_in_batches(ssm, names):
    """GetParameters in batches of 10 (its maximum); returns {name: value}."""
    values = {}
    for i in range(0, len(names), 10):
        response = ssm.get_parameters(Names=names[i:i + 10])
        values.update({p["Name"]: p["Value"] for p in response["Parameters"]})
    return values


class ParameterCache:
    """Values kept for ttl seconds; a miss loads every missing name in batches. Thread-safe."""

    def __init__(self, ssm, ttl=60.0):
        self.ssm, self.ttl = ssm, ttl
        self.values, self.loaded_at = {}, {}
        self.lock = threading.Lock()

    def get(self, name):
        with self.lock:
            now = time.monotonic()
            if now - self.loaded_at.get(name, -self.ttl) >= self.ttl:
                stale = [n for n in NAMES if now - self.loaded_at.get(n, -self.ttl) >= self.ttl]
                self.values.update(get_in_batches(self.ssm, stale))
                self.loaded_at.update({n: now for n in stale})
            return self.values[name]


with Recipe(__file__, access_key="100000000002") as r:
    writer = r.client("ssm", retries={"mode": "standard", "total_max_attempts": 10})
    for i, name in enumerate(NAMES):
        writer.put_parameter(Name=name, Value=f"value-{i}", Type="String", Overwrite=True)
    time.sleep(1)  # a full read bucket to start from

    # 1. Reproduce: one GetParameter per setting from 8 threads, no retries.
    ssm = r.client("ssm", retries={"mode": "standard", "total_max_attempts": 1}, max_pool_connections=8)
    throttled = []

    def read(name):
        try:
            ssm.get_parameter(Name=name)
        except ClientError as e:
            throttled.append(error_code(e))

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(read, NAMES))
    check(throttled, f"{len(throttled)} of {len(NAMES)} GetParameter calls were throttled")
    check(set(throttled) == {"ThrottlingException"}, "every one with ThrottlingException")

    time.sleep(1)

    # 2. Batch: the same 40 settings in 4 GetParameters calls, none throttled.
    sent = count_requests(ssm)
    values = get_in_batches(ssm, NAMES)
    check(len(values) == len(NAMES) and values[NAMES[7]] == "value-7", "GetParameters read all 40 settings")
    check(sent[0] == 4, f"in {sent[0]} requests, none throttled (no retries were allowed)")

    time.sleep(1)

    # 3. Cache: 8 workers read settings 200 times; Parameter Store sees 4 requests.
    sent[0] = 0
    cache = ParameterCache(ssm)
    with ThreadPoolExecutor(8) as pool:
        reads = list(pool.map(lambda i: cache.get(NAMES[i % len(NAMES)]), range(200)))
    check(reads[41] == "value-1", "the cache returns the stored values")
    check(sent[0] == 4, f"200 reads through the cache sent {sent[0]} requests")
