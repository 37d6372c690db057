"""Instructions per request, counted by callgrind: unlike req/s on a machine that wrk shares with the server, the
count barely moves between runs, so it shows what a change to the request path costs. One server thread, one
keep-alive connection driven by wrk with the throughput cases' own scripts, counting only the measured requests
(start-up, seeding and a warm-up run are left out). The reference server is measured the same way."""
import os
import re
import subprocess

import bench_common as bc
import seed
import throughput

CASES = ["get_item", "put_item", "query", "get_parameter", "throttled"]


def callgrind_total(path):
    """The "totals:" line of a callgrind dump (its "summary:" line stays 0 when collection starts switched off)."""
    with open(path) as f:
        totals = [int(m.group(1)) for m in (re.match(r"totals: (\d+)", line) for line in f) if m]
    if not totals:
        raise RuntimeError(f"no totals in {path}")
    return totals[-1]


def count(server, script, seconds):
    """Instructions the server spent on the requests of one wrk run, and how many requests that was."""
    pid = str(server.proc.pid)
    subprocess.run(["callgrind_control", "--instr=on", pid], check=True, capture_output=True)
    result = bc.run_wrk(script, server.url, 1, seconds, timeout_s=10)
    subprocess.run(["callgrind_control", "--instr=off", pid], check=True, capture_output=True)
    subprocess.run(["callgrind_control", "--dump", pid], check=True, capture_output=True)
    dumps = sorted((f for f in os.listdir(server.dump_dir) if re.search(r"\.\d+$", f)),
                   key=lambda f: int(f.rsplit(".", 1)[1]))
    return callgrind_total(os.path.join(server.dump_dir, dumps[-1])), result["requests"]


def under_callgrind(name, argv, log_dir):
    dump_dir = os.path.join(log_dir, f"callgrind-{name}")
    os.makedirs(dump_dir, exist_ok=True)
    server = bc._start_announcing(name, ["valgrind", "--tool=callgrind", "--instr-atstart=no",
                                         f"--callgrind-out-file={dump_dir}/callgrind.out"] + argv,
                                  os.path.join(log_dir, f"{name}-callgrind.log"), timeout_s=120)
    server.dump_dir = dump_dir
    return server


def run(args, log_dir):
    for tool in ("valgrind", "callgrind_control"):
        if subprocess.run(["which", tool], capture_output=True).returncode != 0:
            bc.log(f"instructions: {tool} is required (Debian: apt-get install valgrind)")
            return 1
    seconds = max(2, min(args.duration, 10))
    bc.log(f"Instructions per request (callgrind, one server thread, one connection, {seconds} s per case)")
    cases = [c for c in args.cases if c in CASES]
    with under_callgrind("reference", [args.reference, bc.HOST, "0", "1"], log_dir) as reference:
        bc.run_wrk("get_item.lua", reference.url, 1, 1)  # warm-up
        total, requests = count(reference, "get_item.lua", seconds)
        floor = total / requests
    bc.log(f"  {'reference (fixed answer)':<38} {floor:>10.0f}")
    argv = [args.binary, "--config", os.path.join(os.path.dirname(__file__), "bench.yaml"),
            "--listen", f"{bc.HOST}:0", "--threads", "1", "--log-level", "warn"]
    with under_callgrind("chokepoint", argv, log_dir) as server:
        seed.seed_dynamodb(server.url)
        seed.seed_ssm(server.url)
        for case in cases:
            script, label, _ = throughput.CASES[case]
            bc.run_wrk(script, server.url, 1, 1)  # warm-up
            total, requests = count(server, script, seconds)
            bc.log(f"  {label:<38} {total / requests:>10.0f}  ({total / requests / floor:.2f}x the reference, "
                   f"{requests} requests)")
    return 0
