"""Chokepoint's benchmarks; run through scripts/bench/run.sh, which builds first. See run.sh for usage."""
import argparse
import os
import sys
import tempfile

import admission
import bench_common as bc
import forwarding
import instructions
import memory
import percore
import throughput


def csv(text):
    return [x for x in text.split(",") if x]


def env(name, default):
    return os.environ.get(name, default)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="scripts/bench/run.sh", description=__doc__)
    p.add_argument("suite", nargs="?", default=env("BENCH_SUITE", "throughput"),
                   choices=["throughput", "percore", "admission", "memory", "instructions", "forwarding", "all"])
    p.add_argument("--binary", required=True, help="the chokepoint executable")
    p.add_argument("--reference", required=True, help="the reference server executable")
    p.add_argument("--cases", type=csv, default=csv(env("BENCH_CASES", ",".join(throughput.CASES))),
                   help="comma-separated throughput cases (default: all): " + ", ".join(throughput.CASES))
    p.add_argument("--duration", type=int, default=int(env("BENCH_DURATION", "10")), help="seconds per wrk run")
    p.add_argument("--connections", type=lambda t: [int(x) for x in csv(t)],
                   default=[int(x) for x in csv(env("BENCH_CONNECTIONS", "64,256"))])
    p.add_argument("--no-percore", dest="percore", action="store_false", default=env("BENCH_PERCORE", "1") != "0",
                   help="throughput suite: skip the per-core runs")
    p.add_argument("--pairs", type=int, default=int(env("BENCH_PAIRS", "5")),
                   help="per core and forwarding: pairs of runs per case")
    p.add_argument("--pair-duration", type=int, default=int(env("BENCH_PAIR_DURATION", "3")),
                   help="per core: seconds per wrk run")
    p.add_argument("--percore-connections", type=int, default=int(env("BENCH_PERCORE_CONNECTIONS", "64")))
    p.add_argument("--no-moto", dest="moto", action="store_false", default=env("BENCH_MOTO", "1") != "0",
                   help="skip the moto comparison even when moto is installed")
    p.add_argument("--moto-duration", type=int, default=int(env("BENCH_MOTO_DURATION", "5")))
    p.add_argument("--moto-connections", type=int, default=int(env("BENCH_MOTO_CONNECTIONS", "64")))
    p.add_argument("--items", type=int, default=int(env("BENCH_ITEMS", "1000000")),
                   help="memory suite: 1 KB items in one table")
    p.add_argument("--buckets", type=int, default=int(env("BENCH_BUCKETS", "100000")),
                   help="memory suite: distinct buckets")
    p.add_argument("--forwarding-connections", type=lambda t: [int(x) for x in csv(t)],
                   default=[int(x) for x in csv(env("BENCH_FORWARDING_CONNECTIONS", "1,16,64"))],
                   help="forwarding: wrk connections, one block of pairs each (two above 1: shared and split)")
    p.add_argument("--forwarding-pair-duration", type=int, default=int(env("BENCH_FORWARDING_PAIR_DURATION", "2")),
                   help="forwarding: seconds per wrk run")
    p.add_argument("--transfer-mib", type=int, default=int(env("BENCH_TRANSFER_MIB", "1024")),
                   help="forwarding: MiB in the PUT and in the GET whose memory is measured")
    p.add_argument("--replicas", type=int, default=int(env("BENCH_REPLICAS", "0")),
                   help="admission: N replicas sharing their buckets through Redis, after one replica's cost of the "
                        "Redis store (0: one replica, in-process store)")
    p.add_argument("--strict", action="store_true", default=env("BENCH_STRICT", "0") == "1",
                   help="exit with status 1 when a target is missed")
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    log_dir = tempfile.mkdtemp(prefix="chokepoint-bench-")
    bc.log(f"Server logs in {log_dir}")
    suites = ["throughput", "admission", "memory"] if args.suite == "all" else [args.suite]
    if "throughput" in suites and args.percore:  # the per-core figures come with the two-thread ones
        suites.insert(suites.index("throughput") + 1, "percore")
    missed = 0
    for suite in suites:
        bc.log("")
        suite_module = {"throughput": throughput, "percore": percore, "admission": admission, "memory": memory,
                        "instructions": instructions, "forwarding": forwarding}[suite]
        missed += suite_module.run(args, log_dir)
    bc.log(f"\n{missed} target(s) missed" if missed else "\nAll targets met")
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
