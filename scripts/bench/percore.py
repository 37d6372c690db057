"""Per-core throughput: Chokepoint and the reference server with one server thread each, wrk with one thread on
another core, in alternating short runs.

The two-thread figures of throughput.py share the machine's cores between the server and wrk, so on a small machine
they measure the machine as much as the server. Here each server gets one core (taskset, when there are two) and
wrk another, so a figure is what one core of server does. Runs alternate reference/Chokepoint in pairs, the order
flipped every other pair, and the reported ratio is the median of the pairs' ratios: load that comes and goes on a
shared machine (a build) weighs on one pair, not on the median.
"""
import os
import shutil
import statistics

import bench_common as bc
import seed
import throughput

# Cases measured per core: DescribeInstances (400 KB answers) compares with nothing the reference does.
CASES = ["get_item", "put_item", "query", "get_parameter", "throttled"]


def cores():
    """(CPU list for the servers, CPU list for wrk), or (None, None) when pinning is not possible here."""
    allowed = sorted(os.sched_getaffinity(0))
    if len(allowed) < 2 or not shutil.which("taskset"):
        return None, None
    return str(allowed[0]), str(allowed[1])


def measure_case(args, name, server, reference, wrk_cpus):
    """args.pairs pairs of runs; returns the case's median figures and the per-pair ratios."""
    script = throughput.CASES[name][0]
    conns = args.percore_connections

    def run(target, wrk_script, seconds=args.pair_duration):
        bc.wait_idle(target.url, "/_chokepoint/health" if target is server else "/")
        return bc.run_wrk(wrk_script, target.url, conns, seconds, threads=1, cpus=wrk_cpus)

    run(server, script, 1)  # warm-up: the case's buckets, items and allocations are made outside the pairs
    ours, refs, ratios = [], [], []
    for i in range(args.pairs):
        if i % 2 == 0:
            ref = run(reference, "get_item.lua")
            r = run(server, script)
        else:
            r = run(server, script)
            ref = run(reference, "get_item.lua")
        ours.append(r)
        refs.append(ref)
        ratios.append(r["rps"] / ref["rps"] if ref["rps"] else 0.0)

    def median(runs, key):
        return statistics.median(x[key] for x in runs)

    return {
        "rps": median(ours, "rps"), "p50_ms": median(ours, "p50_ms"), "p99_ms": median(ours, "p99_ms"),
        "ref_rps": median(refs, "rps"), "ratio": statistics.median(ratios), "ratios": ratios,
        "errors": sum(x["status_errors"] + x["socket_errors"] for x in ours),
        "requests": sum(x["requests"] for x in ours),
    }


def run(args, log_dir):
    cases = [c for c in args.cases if c in CASES]
    if not cases:
        bc.log("Per core: none of the selected cases is measured per core (" + ", ".join(CASES) + ")")
        return 0
    server_cpus, wrk_cpus = cores()
    where = (f"servers pinned to CPU {server_cpus}, wrk to CPU {wrk_cpus}" if server_cpus else
             "not pinned (needs two CPUs and taskset)")
    bc.log(f"Per core: one server thread each, wrk -t1 -c{args.percore_connections}; {where}; {args.pairs} pairs "
           f"of {args.pair_duration} s runs per case, alternating; {bc.machine_load()}")
    results = {}
    with bc.start_reference(args.reference, log_dir, threads=1, cpus=server_cpus) as reference, \
            bc.start_chokepoint(args.binary, os.path.join(bc.BENCH_DIR, "bench.yaml"), log_dir, threads=1,
                                cpus=server_cpus) as server:
        seed.seed_all(server.url)
        bc.run_wrk("get_item.lua", reference.url, args.percore_connections, 1, threads=1, cpus=wrk_cpus)  # warm-up
        for name in cases:
            bc.log(f"  measuring {throughput.CASES[name][1]} ...")
            results[name] = measure_case(args, name, server, reference, wrk_cpus)
    bc.log(f"  {'case':<38} {'req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'ref req/s':>9} {'vs ref':>7}  pair ratios")
    for name, r in results.items():
        errors = "" if name == "throttled" or not r["errors"] else f"  <- {r['errors']} errors"
        spread = " ".join(f"{x:.2f}" for x in r["ratios"])
        bc.log(f"  {throughput.CASES[name][1]:<38} {r['rps']:>9.0f} {r['p50_ms']:>7.2f} {r['p99_ms']:>7.2f} "
               f"{r['ref_rps']:>9.0f} {r['ratio']:>6.2f}x  {spread}{errors}")
        if name == "throttled" and r["errors"] < 0.99 * r["requests"]:
            bc.log(f"  <- only {r['errors']} of {r['requests']} answers were throttled: the case measured something "
                   "else")
    bc.log(f"  (medians over the pairs; {bc.machine_load()})")
    return 0
