#!/usr/bin/env bash
# Chokepoint's benchmarks, on 127.0.0.1 only.
#
#   scripts/bench/run.sh [SUITE] [OPTIONS]
#
# SUITE: throughput (default), percore, admission, memory, instructions, forwarding, or all (throughput, admission,
#        memory).
#   throughput  wrk against Chokepoint, a reference Beast server and (when `import moto` works) moto_server:
#               DynamoDB GetItem, PutItem (1 KB), Query (10 items), SSM GetParameter, EC2 DescribeInstances
#               (100 instances) and an all-throttled case, at 64 and 256 connections; req/s, p50, p99 and the
#               ratio to the reference measured around it in the same run. About 5 minutes with the defaults;
#               then the percore suite (--no-percore skips it), about 3 minutes more.
#   percore     one server thread each (Chokepoint --threads 1, the reference with one thread) pinned to one
#               core, wrk -t1 pinned to another (taskset, when there are two cores): the cases above but
#               DescribeInstances, in --pairs pairs of --pair-duration second runs, reference and Chokepoint
#               alternating; the ratio is the median of the pairs' ratios, so that load coming and going on a
#               shared machine moves single pairs, not the median. What one core of server does.
#   admission   64 connections offer 4x a bucket's rate; admitted must be burst + rate x seconds within 1 %.
#               With --replicas N: one replica with the Redis bucket store against one with the in-process store
#               (--pairs pairs of --pair-duration s: throughput ratio, target >= 0.5x, and the added median
#               latency), then N replicas sharing one Redis, the 64 connections spread over them, held to the
#               same 1 %. Needs redis-server (apt-get install redis-server); the bench starts its own.
#   memory      RSS for 1,000,000 1 KB items in one table and for 100,000 distinct buckets (about 1-2 minutes).
#   instructions  instructions per request under callgrind (valgrind), for the cases in --cases and the
#               reference: steady from run to run where req/s is not, so it measures a change to the hot path.
#   forwarding  the reference measured directly and through Chokepoint started with it as --upstream (Secrets
#               Manager GetSecretValue, forwarded after admission), one server thread each, in --pairs alternating
#               pairs of --forwarding-pair-duration second runs: req/s, p50, p99, the median pair ratio and the added
#               median latency. One connection with every process on one core (target: <= 100 us added); more
#               connections twice, with both servers on one core and wrk on the other (the cost of a forwarded call
#               beside the upstream's), and with Chokepoint on a core of its own (target: >= 0.8x). Then a
#               --transfer-mib PUT and GET through Chokepoint (server.max_body_bytes 16 MiB, an upstream in
#               forwarding.py): its RSS increase for each (target <= 64 MB); a transfer slower than 120 s fails the
#               run. About 2-3 minutes with the defaults.
# OPTIONS (or the environment variable in brackets):
#   --cases a,b        throughput cases [BENCH_CASES]: get_item,put_item,query,get_parameter,describe_instances,throttled
#   --duration S       seconds per wrk run [BENCH_DURATION], default 10
#   --connections L    e.g. 64 or 64,256 [BENCH_CONNECTIONS]
#   --no-moto          skip moto [BENCH_MOTO=0]; --moto-duration S [BENCH_MOTO_DURATION], default 5
#   --pairs N          per core and forwarding: pairs of runs per case [BENCH_PAIRS], default 5
#   --pair-duration S  per core: seconds per wrk run [BENCH_PAIR_DURATION], default 3
#   --percore-connections N   per core: wrk connections [BENCH_PERCORE_CONNECTIONS], default 64
#   --no-percore       throughput suite without the per-core runs [BENCH_PERCORE=0]
#   --items N, --buckets N   memory suite sizes [BENCH_ITEMS, BENCH_BUCKETS]
#   --forwarding-connections L   forwarding: e.g. 1,16,64 (the default) [BENCH_FORWARDING_CONNECTIONS]
#   --forwarding-pair-duration S forwarding: seconds per wrk run [BENCH_FORWARDING_PAIR_DURATION], default 2
#   --transfer-mib N   forwarding: size of the PUT and of the GET, default 1024 [BENCH_TRANSFER_MIB]
#   --replicas N       admission: the replicas mode above [BENCH_REPLICAS]
#   --strict           exit 1 when a target is missed [BENCH_STRICT=1]
# A quick run: scripts/bench/run.sh --cases get_item,throttled --duration 3 --connections 64 --no-moto --no-percore
# Per core only: scripts/bench/run.sh percore (or with --cases get_item,throttled --pairs 3)
#
# Builds the Release server into $BUILD_DIR (default build/; only the chokepoint target) and the reference
# server with g++ into $BUILD_DIR/bench/ (rebuilt only when its source changes). Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."

build_dir=${BUILD_DIR:-build}
for tool in wrk g++ cmake python3; do
  if ! command -v "$tool" >/dev/null; then
    [ "$tool" = wrk ] && command -v apt-get >/dev/null && { sudo=; [ "$(id -u)" -ne 0 ] && sudo=sudo;
      $sudo apt-get install -y wrk >/dev/null && continue; }
    echo "run.sh: $tool is required (Debian: apt-get install $tool)" >&2
    exit 2
  fi
done

echo "Building the Release server (target chokepoint) in $build_dir ..."
generator=()
command -v ninja >/dev/null && [ ! -f "$build_dir/CMakeCache.txt" ] && generator=(-G Ninja)
cmake -S . -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target chokepoint -j "$(nproc)" >/dev/null

reference="$build_dir/bench/reference_server"
if [ ! -x "$reference" ] || [ scripts/bench/reference_server.cpp -nt "$reference" ]; then
  echo "Building the reference server ..."
  mkdir -p "$build_dir/bench"
  g++ -O2 -std=c++20 scripts/bench/reference_server.cpp -o "$reference" -pthread
fi

export PYTHONDONTWRITEBYTECODE=1  # keep the source tree clean
exec python3 scripts/bench/bench.py --binary "$build_dir/chokepoint" --reference "$reference" "$@"
