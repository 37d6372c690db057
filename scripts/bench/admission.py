"""Admission accuracy: 64 connections offer about 4x a bucket's rate; the server must admit burst + rate x seconds.
With --replicas N, replicas that share their buckets through Redis instead (shared_store.py).

Counted by the server, from its decision log (one line per request, with its time and outcome): the admitted
count, and the seconds between the first and the last request, so neither wrk's start-up nor requests still in
flight when it stops blur the figure.
"""
import json
import os
from datetime import datetime

import bench_common as bc
import seed

RATE_PER_SEC = 250.0  # small enough that a busy machine still offers 4x it without pauses
BURST = 500.0
CONNECTIONS = 64
OFFER_FACTOR = 4
MAX_ERROR = 0.01

CONFIG = """# Written by scripts/bench/admission.py: SSM parameter reads share one bucket; every decision is logged.
server: {{log_level: warn}}
limits:
  - match: {{service: ssm}}
    buckets:
      ParameterReads: {{rate: {rate}, burst: {burst}}}
metrics:
  decision_log: {{path: "{log}", max_bytes: 1073741824}}
"""


def read_decisions(path):
    """(admitted, throttled, seconds from the first to the last GetParameter) from the decision log."""
    times, admitted, throttled = [], 0, 0
    with open(path) as f:
        for line in f:
            d = json.loads(line)
            if d["operation"] != "GetParameter":
                continue
            times.append(datetime.fromisoformat(d["time"].replace("Z", "+00:00")))
            admitted += d["outcome"] == "ok"
            throttled += d["outcome"] == "throttled"
    return admitted, throttled, (max(times) - min(times)).total_seconds() if times else 0.0


def run(args, log_dir):
    if args.replicas:
        import shared_store  # the replicas mode: buckets shared through Redis
        return shared_store.run(args, log_dir)
    # Each connection waits this long between requests; on an idle machine latency is far below it.
    delay_ms = int(1000 * CONNECTIONS / (OFFER_FACTOR * RATE_PER_SEC)) - 1
    os.environ["BENCH_DELAY_MS"] = str(delay_ms)
    bc.log(f"Admission accuracy: bucket rate {RATE_PER_SEC:.0f}/s, burst {BURST:.0f}; {CONNECTIONS} connections "
           f"pausing {delay_ms} ms each (about {OFFER_FACTOR}x the rate) for {args.duration} s; {bc.machine_load()}")
    decisions = os.path.join(log_dir, "admission-decisions.jsonl")
    config = os.path.join(log_dir, "admission.yaml")
    with open(config, "w") as f:
        f.write(CONFIG.format(rate=RATE_PER_SEC, burst=BURST, log=decisions))
    with bc.start_chokepoint(args.binary, config, log_dir) as server:
        seed.seed_ssm(server.url)
        bc.run_wrk("admission.lua", server.url, CONNECTIONS, args.duration)
    admitted, throttled, seconds = read_decisions(decisions)
    return report(admitted, throttled, seconds)


def report(admitted, throttled, seconds):
    """Logs the offered, admitted and expected counts; 0 when within MAX_ERROR of burst + rate x seconds."""
    expected = BURST + RATE_PER_SEC * seconds
    error = (admitted - expected) / expected
    offered = (admitted + throttled) / seconds if seconds else 0.0
    bc.log(f"  offered    {admitted + throttled} requests in {seconds:.3f} s (first to last, server clock) = "
           f"{offered:.0f}/s ({offered / RATE_PER_SEC:.1f}x the rate)")
    bc.log(f"  admitted   {admitted} (server-side count); throttled {throttled}")
    bc.log(f"  expected   burst + rate x seconds = {BURST:.0f} + {RATE_PER_SEC:.0f} x {seconds:.3f} = {expected:.0f}")
    # The formula holds only while the offer exceeds the rate; a machine too busy to offer that is reported.
    saturated = offered > 1.2 * RATE_PER_SEC
    if not saturated:
        bc.log("  the client could not offer more than the bucket's rate: the machine is too busy for this test")
    ok = abs(error) <= MAX_ERROR and saturated
    bc.log(f"  {'ok  ' if ok else 'MISS'} admission error {error * 100:+.2f} % (target within {MAX_ERROR * 100:.0f} %)")
    return 0 if ok else 1
