"""The admission suite's replicas mode (--replicas N): API rate buckets shared through Redis (throttling.store).

1. Cost: one replica with the Redis store against one with the in-process store, SSM GetParameter at 64
   connections with a bucket too large to throttle (every call still takes a token), in --pairs alternating pairs
   of --pair-duration second runs: req/s and p50 of each, the median pair ratio (target >= 0.5x) and the median
   latency the store adds.
2. Accuracy: N replicas on one Redis, the admission suite's 64 connections spread over them offering 4x the rate;
   the admitted total, counted from the replicas' decision logs, must be burst + rate x seconds within 1 %.

Starts its own redis-server (Debian package) on a free loopback port, saving nothing to disk.
"""
import json
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from datetime import datetime

import admission
import bench_common as bc
import seed

THROUGHPUT_CONNECTIONS = 64
MIN_RATIO = 0.5

THROUGHPUT_CONFIG = """# Written by scripts/bench/shared_store.py: a bucket no load here empties, so every call takes a token.
server: {{log_level: warn}}
limits:
  - match: {{service: ssm}}
    buckets:
      ParameterReads: {{rate: 100000000, burst: 100000000}}
{store}"""


def store_block(url):
    return f"throttling:\n  store: {url}\n" if url else ""


class Redis:
    def __init__(self, log_dir):
        self.port = bc.free_port()
        self.dir = tempfile.mkdtemp(prefix="redis-", dir=log_dir)
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", bc.HOST, "--save", "", "--appendonly", "no",
             "--dir", self.dir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                with socket.create_connection((bc.HOST, self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise SystemExit("redis-server did not start")

    @property
    def url(self):
        return f"redis://{bc.HOST}:{self.port}"

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def write_config(log_dir, name, text):
    path = os.path.join(log_dir, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def measure_once(args, log_dir, store_url):
    config = write_config(log_dir, "store-throughput.yaml", THROUGHPUT_CONFIG.format(store=store_block(store_url)))
    with bc.start_chokepoint(args.binary, config, log_dir) as server:
        seed.seed_ssm(server.url)
        bc.wait_idle(server.url)
        return bc.run_wrk("get_parameter.lua", server.url, THROUGHPUT_CONNECTIONS, args.pair_duration)


def cost(args, log_dir, redis):
    bc.log(f"Shared store cost: one replica, GetParameter at {THROUGHPUT_CONNECTIONS} connections, {args.pairs} "
           f"pairs of {args.pair_duration} s runs (in-process, then Redis); {bc.machine_load()}")
    ratios, added_ms = [], []
    for pair in range(args.pairs):
        local = measure_once(args, log_dir, None)
        shared = measure_once(args, log_dir, redis.url)
        for r in (local, shared):
            if r["status_errors"] or r["socket_errors"]:
                bc.log(f"  pair {pair + 1}: {r['status_errors']} status and {r['socket_errors']} socket errors")
        ratios.append(shared["rps"] / local["rps"] if local["rps"] else 0.0)
        added_ms.append(shared["p50_ms"] - local["p50_ms"])
        bc.log(f"  pair {pair + 1}: in-process {local['rps']:8.0f} req/s p50 {local['p50_ms']:.2f} ms | Redis "
               f"{shared['rps']:8.0f} req/s p50 {shared['p50_ms']:.2f} ms | ratio {ratios[-1]:.2f}x")
    ratio = statistics.median(ratios)
    ok = ratio >= MIN_RATIO
    bc.log(f"  {'ok  ' if ok else 'MISS'} Redis store throughput {ratio:.2f}x the in-process store's (median of pairs; "
           f"target >= {MIN_RATIO}x); median added p50 {statistics.median(added_ms):+.2f} ms")
    return 0 if ok else 1


def accuracy(args, log_dir, redis, replicas):
    rate, burst, connections = admission.RATE_PER_SEC, admission.BURST, admission.CONNECTIONS
    delay_ms = int(1000 * connections / (admission.OFFER_FACTOR * rate)) - 1
    os.environ["BENCH_DELAY_MS"] = str(delay_ms)
    bc.log(f"Shared store accuracy: {replicas} replicas on one Redis, bucket rate {rate:.0f}/s, burst {burst:.0f}; "
           f"{connections} connections spread over them, pausing {delay_ms} ms each (about "
           f"{admission.OFFER_FACTOR}x the rate) for {args.duration} s; {bc.machine_load()}")
    logs, servers = [], []
    try:
        for i in range(replicas):
            decisions = os.path.join(log_dir, f"replica-{i}-decisions.jsonl")
            text = admission.CONFIG.format(rate=rate, burst=burst, log=decisions) + store_block(redis.url)
            config = write_config(log_dir, f"replica-{i}.yaml", text)
            server = bc.start_chokepoint(args.binary, config, log_dir)
            servers.append(server)
            logs.append(decisions)
            seed.seed_ssm(server.url)
        # Seeding (PutParameter) draws from another bucket; the read bucket starts full.
        share = [connections // replicas + (1 if i < connections % replicas else 0) for i in range(replicas)]
        runs = [threading.Thread(target=bc.run_wrk, args=("admission.lua", s.url, c, args.duration))
                for s, c in zip(servers, share)]
        for run in runs:
            run.start()
        for run in runs:
            run.join()
    finally:
        for server in servers:
            server.stop()
    admitted = throttled = 0
    first, last = None, None
    for path in logs:
        a, t, _ = admission.read_decisions(path)
        admitted += a
        throttled += t
        span = decision_span(path)
        if span:
            first = span[0] if first is None else min(first, span[0])
            last = span[1] if last is None else max(last, span[1])
    seconds = (last - first).total_seconds() if first else 0.0
    return admission.report(admitted, throttled, seconds)


def decision_span(path):
    """The first and last GetParameter times in a decision log; None when it has none."""
    times = []
    with open(path) as f:
        for line in f:
            d = json.loads(line)
            if d["operation"] == "GetParameter":
                times.append(datetime.fromisoformat(d["time"].replace("Z", "+00:00")))
    return (min(times), max(times)) if times else None


def run(args, log_dir):
    if not shutil.which("redis-server"):
        bc.log("Shared store: redis-server is not installed (apt-get install redis-server); skipped")
        return 1
    with Redis(log_dir) as redis:
        missed = cost(args, log_dir, redis)
        bc.log("")
        missed += accuracy(args, log_dir, redis, args.replicas)
    return missed
