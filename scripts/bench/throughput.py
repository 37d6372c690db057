"""Throughput cases: Chokepoint, the reference Beast server and (when installed) moto under the same wrk load."""
import os

import bench_common as bc
import seed

# name -> (wrk script, what it measures, target req/s ratio to the reference at 64 connections or None)
CASES = {
    "get_item": ("get_item.lua", "DynamoDB GetItem, existing item", 0.9),
    "put_item": ("put_item.lua", "DynamoDB PutItem, 1 KB item", 0.8),
    "query": ("query.lua", "DynamoDB Query, 10 items", None),
    "get_parameter": ("get_parameter.lua", "SSM GetParameter", 0.8),
    "throttled": ("throttled.lua", "All throttled (DynamoDB GetItem)", 0.9),
    # Last: 400 KB per response keeps the server busy for a while after wrk stops.
    "describe_instances": ("describe_instances.lua", "EC2 DescribeInstances, 100 instances", None),
}
TARGET_CONNECTIONS = 64
TARGET_P99_MS = 2.0


def row(label, conns, r, ratio=None, errors_expected=False):
    ratio_text = f"{ratio:6.2f}x" if ratio is not None else "      -"
    errors = r["status_errors"] + r["socket_errors"]
    note = "" if errors_expected or not errors else (
        f"  <- {r['status_errors']} error answers (server log), {r['socket_errors']} timeouts or socket errors")
    return (f"  {label:<38} {conns:>5} {r['rps']:>10.0f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} "
            f"{errors:>8} {ratio_text}") + note


def header(ratio_title="vs ref"):
    return (f"  {'case':<38} {'conns':>5} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>8} "
            f"{ratio_title:>7}")


def run_block(args, cases, server, reference, conns):
    """One connection count: the reference before each case and after the last. A case's ratio is to the mean of
    the reference runs just before and after it, so that load which comes and goes on a shared machine weighs on
    both sides of each ratio alike. Returns ({case: result with "ratio"}, the reference over all its runs)."""
    bc.log(f"\n{conns} connections, {args.duration} s per case; the reference runs before each case and after the "
           "last, and each ratio is to the mean of the two runs around the case")
    refs = [bc.run_wrk("get_item.lua", reference.url, conns, args.duration)]
    results = {}
    for name in cases:
        bc.wait_idle(server.url, "/_chokepoint/health")
        bc.log(f"  measuring {CASES[name][1]} ...")
        results[name] = bc.run_wrk(CASES[name][0], server.url, conns, args.duration)
        refs.append(bc.run_wrk("get_item.lua", reference.url, conns, args.duration))
    bc.log(header())
    for i, (name, r) in enumerate(results.items()):
        r["ratio"] = r["rps"] / ((refs[i]["rps"] + refs[i + 1]["rps"]) / 2)
        bc.log(row(CASES[name][1], conns, r, r["ratio"], errors_expected=(name == "throttled")))
    rps = [r["rps"] for r in refs]
    p99 = [r["p99_ms"] for r in refs]
    bc.log(f"  reference: {min(rps):.0f} to {max(rps):.0f} req/s over {len(refs)} runs, p99 {min(p99):.2f} to "
           f"{max(p99):.2f} ms")
    return results, dict(refs[0], rps=sum(rps) / len(rps), p99_ms=sum(p99) / len(p99))


def run_chokepoint(args, cases, log_dir):
    """Returns {(case, conns): result} and {conns: reference result}."""
    results, references = {}, {}
    with bc.start_reference(args.reference, log_dir) as reference, \
            bc.start_chokepoint(args.binary, os.path.join(bc.BENCH_DIR, "bench.yaml"), log_dir) as server:
        bc.log(f"chokepoint on {server.url}, reference on {reference.url}; seeding ...")
        seed.seed_all(server.url)
        for conns in args.connections:
            block, references[conns] = run_block(args, cases, server, reference, conns)
            results.update({(name, conns): r for name, r in block.items()})
        rss = server.rss_kib()
    bc.log(f"\nchokepoint RSS after the run: {rss / 1024:.0f} MiB")
    return results, references


def run_moto(args, cases, results, log_dir):
    if not bc.moto_available():
        bc.log("\nmoto is not installed (python3 -c 'import moto' fails): skipping the moto comparison")
        return
    conns = args.moto_connections
    bc.log(f"\nmoto_server, {conns} connections, {args.moto_duration} s per case; seeding ...")
    with bc.start_moto(log_dir) as moto:
        seed.seed_all(moto.url)
        bc.log(header("chokepoint/moto (chokepoint at the same connections)"))
        for name in cases:
            if name == "throttled":
                continue  # moto does not throttle
            bc.wait_idle(moto.url, "/moto-api/", quick_s=1.0)
            script, label, _ = CASES[name]
            r = bc.run_wrk(script, moto.url, conns, args.moto_duration, timeout_s=30)
            ours = results.get((name, conns))
            bc.log(row(label, conns, r, ours["rps"] / r["rps"] if ours and r["rps"] else None))


def check_targets(cases, results, references):
    """Prints each target with its measured figure; returns the number missed."""
    missed = 0
    ref = references.get(TARGET_CONNECTIONS)
    if not ref:
        return 0
    bc.log(f"\nTargets at {TARGET_CONNECTIONS} connections:")
    for name in cases:
        r = results.get((name, TARGET_CONNECTIONS))
        target = CASES[name][2]
        if not r:
            continue
        errors = r["status_errors"] + r["socket_errors"]
        checks = [(f"p99 {r['p99_ms']:.2f} ms < {TARGET_P99_MS} ms (the reference's own: {ref['p99_ms']:.2f} ms)",
                   r["p99_ms"] < TARGET_P99_MS)]
        if name == "throttled":  # every answer must be the throttling error, else the case measured something else
            checks.append((f"{errors} of {r['requests']} answers throttled", errors >= 0.99 * r["requests"] > 0))
        else:
            checks.append((f"{errors} errors", errors == 0))
        if target:
            checks.insert(0, (f"{r['ratio']:.2f}x reference >= {target}x", r["ratio"] >= target))
        for text, ok in checks:
            missed += not ok
            bc.log(f"  {'ok  ' if ok else 'MISS'} {CASES[name][1]}: {text}")
    return missed


def run(args, log_dir):
    cases = [c for c in args.cases]
    for c in cases:
        if c not in CASES:
            raise SystemExit(f"unknown case {c!r}; cases: {', '.join(CASES)}")
    bc.log(f"Throughput: cases {', '.join(cases)}; {bc.machine_load()}")
    results, references = run_chokepoint(args, cases, log_dir)
    if args.moto:
        run_moto(args, cases, results, log_dir)
    missed = check_targets(cases, results, references)
    bc.log(f"\nDone; {bc.machine_load()}. Ratios compare figures from the same run; absolute figures depend on "
           "the machine and its load.")
    return missed
