#!/usr/bin/env python3
"""Measures what durable mode costs: PutItem requests per second with and without --data-dir (wrk, bounded),
and how long a restart takes to recover N items from the log alone and from a snapshot.

Usage: scripts/bench_durable.py [--seconds 10] [--connections 32] [--items 100000] [--threads 0]
"""
import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "integration"))
from harness import Server  # noqa: E402

LUA = str(Path(__file__).resolve().parent / "bench" / "durable_put.lua")


def create_table(server, name, account="123456789012"):
    server.client("dynamodb", access_key=account).create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])


def put_rate(args, extra):
    server = Server(config_yaml=None, args=extra, threads=args.threads).start()
    try:
        create_table(server, "bench", account="000000000000")  # wrk's requests are unsigned: the default account
        out = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "-s", LUA,
                              server.endpoint], capture_output=True, text=True, timeout=args.seconds + 30).stdout
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        latency = re.search(r"Latency\s+(\S+)", out).group(1)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        return rate, latency, int(errors.group(1)) if errors else 0
    finally:
        server.stop()


def load_items(server, count):
    ddb = server.client("dynamodb")
    create_table(server, "recover")
    for start in range(0, count, 25):
        batch = [{"PutRequest": {"Item": {"pk": {"S": f"k{i}"}, "v": {"N": str(i)}, "pad": {"S": "x" * 100}}}}
                 for i in range(start, min(start + 25, count))]
        ddb.batch_write_item(RequestItems={"recover": batch})


def start_timed(data_dir, threads):
    begin = time.monotonic()
    server = Server(args=["--data-dir", data_dir], threads=threads).start()
    took = time.monotonic() - begin
    time.sleep(0.3)  # the log line was written before "listening"; let the stderr reader catch up
    recovered = re.search(r"recovered from .*", server.stderr())
    return server, took, recovered.group(0) if recovered else ""


def recovery(args):
    data_dir = tempfile.mkdtemp(prefix="chokepoint-bench-")
    yaml = "persistence: {snapshot_every_records: 100000000}\n"
    try:
        server = Server(config_yaml=yaml, args=["--data-dir", data_dir], threads=args.threads).start()
        load_items(server, args.items)
        server.process.kill()  # no final snapshot: recovery replays the log
        server.process.wait()
        server.stop()
        server, log_took, log_line = start_timed(data_dir, args.threads)
        count = server.client("dynamodb").describe_table(TableName="recover")["Table"]["ItemCount"]
        server.stop()  # a clean stop writes a snapshot
        server, snap_took, snap_line = start_timed(data_dir, args.threads)
        server.stop()
        return count, (log_took, log_line), (snap_took, snap_line)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--items", type=int, default=100000)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    memory = put_rate(args, [])
    data_dir = tempfile.mkdtemp(prefix="chokepoint-bench-")
    try:
        durable = put_rate(args, ["--data-dir", data_dir])
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print(f"PutItem, in memory:   {memory[0]:.0f} req/s (mean latency {memory[1]}, non-2xx {memory[2]})")
    print(f"PutItem, --data-dir:  {durable[0]:.0f} req/s (mean latency {durable[1]}, non-2xx {durable[2]})")
    count, from_log, from_snapshot = recovery(args)
    print(f"recovery of {count} items from the log: start-up {from_log[0]:.2f} s ({from_log[1]})")
    print(f"recovery of {count} items from a snapshot: start-up {from_snapshot[0]:.2f} s ({from_snapshot[1]})")


if __name__ == "__main__":
    main()
