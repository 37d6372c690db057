"""Forwarding: what Chokepoint adds to a call it sends on to the upstream (`--upstream`), and what a large body
forwarded both ways costs it in memory.

Overhead. The reference server is measured directly with wrk, and through Chokepoint started with the reference as
its upstream, with the same call: Secrets Manager GetSecretValue (unsigned JSON, a service Chokepoint does not
emulate), admitted every time (its bucket is disabled). Each server runs one thread; wrk runs one thread. With two
cores (and taskset) the processes are pinned in one of three layouts:
- together (one connection): all on one core. One call is in flight at a time, so nothing competes, and the
  difference in median latency is what the hop adds; on a virtual machine a wake-up across cores costs tens of
  microseconds, more than the hop, so spreading these processes would measure the machine.
- shared: Chokepoint and the reference on one core, wrk on the other. Forwarded runs share the servers' core between
  Chokepoint and its upstream, so the ratio is the reference's cost per call over the cost of both: what a
  forwarded call costs next to the upstream's own work. A proxy does the HTTP work of its upstream twice (as a
  server and as a client), so this ratio stays well under 1 however good the forwarding is; it carries no target.
- split: Chokepoint on one core, the reference and wrk on the other (the direct runs too). Chokepoint has a core
  of its own, as in front of a real upstream, and the ratio says whether the hop keeps up with what the client and
  the upstream do: the throughput target applies here.
Runs alternate direct/forwarded in pairs, the order flipped every other pair; the ratio and the added median
latency are medians over the pairs, so that load coming and going on a shared machine moves single pairs, not the
medians.

Memory. An upstream written here (this file run as `forwarding.py upstream BYTES`: raw sockets, a thread per
connection) reads and discards request bodies and answers every GET with BYTES of zeros. Through Chokepoint with
`server.max_body_bytes` 16 MiB, so that the bodies stream: a path-style S3 PutObject of BYTES (signed-looking
header, UNSIGNED-PAYLOAD) and then a GetObject of BYTES, read in 1 MiB pieces and discarded. Chokepoint's peak RSS
during each (VmHWM, reset before each transfer through /proc/PID/clear_refs, and VmRSS sampled every 50 ms) is
compared with its RSS before. A transfer that takes more than 120 s fails the run.
"""
import datetime
import http.client
import os
import shutil
import socket
import statistics
import sys
import threading
import time

import bench_common as bc

SCRIPT = "get_secret_value.lua"
TARGET_RATIO = 0.8  # forwarded req/s over direct, with more than one connection
TARGET_ADDED_P50_US = 100.0  # added median latency, at the fewest connections measured
TARGET_RSS_INCREASE_MB = 64.0  # per 1 GiB transfer, each direction
MAX_BODY_BYTES = 16 * 1024 * 1024  # server.max_body_bytes for the transfers: larger bodies stream
PIECE_BYTES = 1024 * 1024
TRANSFER_TIME_LIMIT_S = 120.0
SAMPLE_INTERVAL_S = 0.05
UPSTREAM_LIFETIME_S = 1800  # the transfer upstream ends itself after this, or when the benchmark is gone
BUCKET, KEY = "bench-forwarding", "object"


# ---------------------------------------------------------------------------------------------------------------
# The transfer upstream (run as a separate process, so that it never shares the interpreter with the client).

def _discard(reader, count, view):
    while count > 0:
        n = reader.readinto(view[:min(count, len(view))])
        if not n:
            raise ConnectionError("client closed the connection inside a body")
        count -= n


def _discard_chunked(reader, view):
    while True:
        line = reader.readline(1024)
        if not line:
            raise ConnectionError("client closed the connection inside a chunked body")
        size = int(line.split(b";")[0].strip() or b"0", 16)
        if size == 0:
            while reader.readline(8192) not in (b"\r\n", b"\n", b""):  # trailers, up to the blank line
                pass
            return
        _discard(reader, size + 2, view)  # the chunk and its CRLF


def _serve_connection(conn, answer_bytes):
    zeros = bytes(PIECE_BYTES)
    view = memoryview(bytearray(PIECE_BYTES))
    with conn, conn.makefile("rb", buffering=65536) as reader:
        while True:
            request_line = reader.readline(65536)
            if not request_line:
                return
            headers = {}
            while True:
                line = reader.readline(65536)
                if line in (b"\r\n", b"\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            method = request_line.split(b" ", 1)[0].decode("latin-1")
            if "chunked" in headers.get("transfer-encoding", "").lower():
                _discard_chunked(reader, view)
            else:
                _discard(reader, int(headers.get("content-length", "0")), view)
            close = headers.get("connection", "").lower() == "close"
            common = "x-amz-request-id: BENCHFORWARDING\r\n" + ("Connection: close\r\n" if close else "")
            if method == "GET":
                conn.sendall((f"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n{common}"
                              f"Content-Length: {answer_bytes}\r\n\r\n").encode())
                left = answer_bytes
                while left > 0:
                    conn.sendall(zeros if left >= len(zeros) else zeros[:left])
                    left -= min(left, len(zeros))
            else:
                conn.sendall(f"HTTP/1.1 200 OK\r\nETag: \"bench\"\r\n{common}Content-Length: 0\r\n\r\n".encode())
            if close:
                return


def serve_upstream(answer_bytes):
    """Prints "listening on HOST:PORT" and serves until stopped, its parent is gone, or UPSTREAM_LIFETIME_S."""
    parent, started = os.getppid(), time.time()

    def watchdog():
        while os.getppid() == parent and time.time() - started < UPSTREAM_LIFETIME_S:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watchdog, daemon=True).start()
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((bc.HOST, 0))
    listener.listen(64)
    print(f"listening on {bc.HOST}:{listener.getsockname()[1]}", flush=True)

    def serve(conn):
        try:
            _serve_connection(conn, answer_bytes)
        except (OSError, ValueError) as e:
            print(f"upstream: connection ended: {e}", file=sys.stderr, flush=True)

    while True:
        conn, _ = listener.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


# ---------------------------------------------------------------------------------------------------------------
# Overhead: direct and forwarded wrk runs in pairs.

def cores():
    """(first CPU, second CPU), or (None, None) when pinning is not possible here."""
    allowed = sorted(os.sched_getaffinity(0))
    if len(allowed) < 2 or not shutil.which("taskset"):
        return None, None
    return str(allowed[0]), str(allowed[1])


def write_config(log_dir, name, text):
    path = os.path.join(log_dir, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def start_reference(args, log_dir, name, cpus):
    argv = bc.pinned([args.reference, bc.HOST, "0", "1"], cpus)
    return bc._start_announcing(name, argv, os.path.join(log_dir, name + ".log"))


def start_forwarder(args, log_dir, name, upstream_url, cpus):
    """Chokepoint with one thread, forwarding to upstream_url; Secrets Manager's GetSecretValue never refused."""
    config = write_config(log_dir, name + ".yaml", (
        "server:\n  log_level: warn\n"
        f"upstream:\n  url: {upstream_url}\n"
        "limits:\n  - match: {service: secretsmanager}\n"
        "    buckets:\n      GetSecretValue: {enabled: false}\n"))
    argv = bc.pinned([args.binary, "--config", config, "--listen", f"{bc.HOST}:0", "--log-level", "warn",
                      "--threads", "1"], cpus)
    return bc._start_announcing(name, argv, os.path.join(log_dir, name + ".log"))


def measure_pairs(args, conns, server, reference, wrk_cpus):
    """args.pairs pairs of runs at `conns` connections; returns the medians and the per-pair figures."""
    def run(target, seconds=args.forwarding_pair_duration):
        bc.wait_idle(target.url, "/_chokepoint/health" if target is server else "/")
        return bc.run_wrk(SCRIPT, target.url, conns, seconds, threads=1, cpus=wrk_cpus)

    run(reference, 1)  # warm-up: connections to the upstream and allocations are made outside the pairs
    run(server, 1)
    directs, forwardeds, ratios, added_us = [], [], [], []
    for i in range(args.pairs):
        if i % 2 == 0:
            direct = run(reference)
            forwarded = run(server)
        else:
            forwarded = run(server)
            direct = run(reference)
        directs.append(direct)
        forwardeds.append(forwarded)
        ratios.append(forwarded["rps"] / direct["rps"] if direct["rps"] else 0.0)
        added_us.append((forwarded["p50_ms"] - direct["p50_ms"]) * 1000)

    def median(runs, key):
        return statistics.median(x[key] for x in runs)

    def figures(runs):
        return {"rps": median(runs, "rps"), "p50_ms": median(runs, "p50_ms"), "p99_ms": median(runs, "p99_ms"),
                "errors": sum(x["status_errors"] + x["socket_errors"] for x in runs),
                "requests": sum(x["requests"] for x in runs)}

    return {"direct": figures(directs), "forwarded": figures(forwardeds), "ratio": statistics.median(ratios),
            "ratios": ratios, "added_us": statistics.median(added_us)}


def layouts(args):
    """[(layout, connections)] to measure, in order: one connection together, then each larger count shared and
    split (or unpinned when pinning is not possible)."""
    first, _ = cores()
    blocks = []
    for conns in args.forwarding_connections:
        if not first:
            blocks.append(("unpinned", conns))
        elif conns == 1:
            blocks.append(("together", conns))
        else:
            blocks += [("shared", conns), ("split", conns)]
    return blocks


def layout_legend():
    first, second = cores()
    if not first:
        return ["unpinned: every process anywhere (pinning needs two CPUs and taskset)"]
    return [f"together: Chokepoint, the reference and wrk on CPU {first} (one call in flight: the latency of the hop)",
            f"shared:   Chokepoint and the reference on CPU {first}, wrk on CPU {second} (ratio: a forwarded call's "
            "cost beside the upstream's)",
            f"split:    Chokepoint on CPU {first}, the reference and wrk on CPU {second} (Chokepoint on a core of its "
            "own: does it keep up)"]


def measure_overhead(args, log_dir):
    """{(layout, connections): measure_pairs' result}."""
    first, second = cores()
    results = {}
    # One reference per CPU, each with a Chokepoint forwarding to it; servers not in use are idle.
    with start_reference(args, log_dir, "reference-first", first) as near, \
            start_reference(args, log_dir, "reference-second", second or first) as far, \
            start_forwarder(args, log_dir, "chokepoint-near", near.url, first) as to_near, \
            start_forwarder(args, log_dir, "chokepoint-far", far.url, first) as to_far:
        for layout, conns in layouts(args):
            server, reference = (to_far, far) if layout == "split" else (to_near, near)
            wrk_cpus = first if layout == "together" else second
            bc.log(f"  measuring {conns} connection(s), {layout} ...")
            results[(layout, conns)] = measure_pairs(args, conns, server, reference, wrk_cpus)
    return results


# ---------------------------------------------------------------------------------------------------------------
# Memory: a large PUT and a large GET through Chokepoint.

def memory_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def reset_peak(pid):
    """Resets VmHWM to the current RSS (Linux 4.0 and later); False when that is not possible here."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


class RssSampler:
    """Samples a process's VmRSS every SAMPLE_INTERVAL_S while in a `with` block; `peak_kib` is the largest."""

    def __init__(self, pid):
        self.pid, self.peak_kib = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        deadline = time.time() + TRANSFER_TIME_LIMIT_S + 60
        while not self._stop.is_set() and time.time() < deadline:
            try:
                self.peak_kib = max(self.peak_kib, memory_kib(self.pid, "VmRSS"))
            except OSError:
                return
            self._stop.wait(SAMPLE_INTERVAL_S)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


class TransferFailed(Exception):
    pass


def s3_headers(port):
    now = datetime.datetime.now(datetime.timezone.utc)
    return {
        "Host": f"{bc.HOST}:{port}",
        "x-amz-date": now.strftime("%Y%m%dT%H%M%SZ"),
        "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
        "Authorization": (f"AWS4-HMAC-SHA256 Credential=123456789012/{now:%Y%m%d}/us-east-1/s3/aws4_request, "
                          "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0"),
    }


def _within(conn, deadline, what):
    left = deadline - time.time()
    if left <= 0:
        raise TransferFailed(f"{what} did not finish within {TRANSFER_TIME_LIMIT_S:g} s")
    conn.sock.settimeout(left)


def put_object(port, size, deadline):
    conn = http.client.HTTPConnection(bc.HOST, port, timeout=TRANSFER_TIME_LIMIT_S)
    try:
        conn.connect()
        conn.putrequest("PUT", f"/{BUCKET}/{KEY}", skip_host=True, skip_accept_encoding=True)
        for name, value in dict(s3_headers(port), **{"Content-Length": str(size),
                                                      "Content-Type": "application/octet-stream"}).items():
            conn.putheader(name, value)
        conn.endheaders()
        zeros = memoryview(bytes(PIECE_BYTES))
        left = size
        while left > 0:
            _within(conn, deadline, "the PUT")
            conn.send(zeros[:min(left, PIECE_BYTES)])
            left -= min(left, PIECE_BYTES)
        _within(conn, deadline, "the PUT")
        answer = conn.getresponse()
        body = answer.read(65536)
        if answer.status != 200:
            raise TransferFailed(f"PUT answered {answer.status}: {body[:300]!r}")
        return size
    finally:
        conn.close()


def get_object(port, size, deadline):
    conn = http.client.HTTPConnection(bc.HOST, port, timeout=TRANSFER_TIME_LIMIT_S)
    try:
        conn.request("GET", f"/{BUCKET}/{KEY}", headers=s3_headers(port))
        _within(conn, deadline, "the GET")
        answer = conn.getresponse()
        if answer.status != 200:
            raise TransferFailed(f"GET answered {answer.status}: {answer.read(65536)[:300]!r}")
        view = memoryview(bytearray(PIECE_BYTES))
        received = 0
        while True:
            _within(conn, deadline, "the GET")
            n = answer.readinto(view)
            if not n:
                break
            received += n
        if received != size:
            raise TransferFailed(f"GET delivered {received} bytes of {size}")
        return received
    finally:
        conn.close()


def measure_transfer(server, what, transfer, size):
    pid = server.proc.pid
    time.sleep(0.5)  # let the previous exchange settle
    before = memory_kib(pid, "VmRSS")
    hwm_reset = reset_peak(pid)
    started = time.time()
    try:
        with RssSampler(pid) as sampler:
            transfer(server.port, size, started + TRANSFER_TIME_LIMIT_S)
    except (OSError, http.client.HTTPException) as e:
        elapsed = time.time() - started
        if isinstance(e, TimeoutError) or elapsed >= TRANSFER_TIME_LIMIT_S:
            raise TransferFailed(f"the {what} did not finish within {TRANSFER_TIME_LIMIT_S:g} s") from e
        raise TransferFailed(f"the {what} failed after {elapsed:.1f} s: {e}") from e
    seconds = time.time() - started
    peak = max(sampler.peak_kib, memory_kib(pid, "VmHWM") if hwm_reset else 0)
    return {"what": what, "seconds": seconds, "mb_per_s": size / 1e6 / seconds if seconds else 0.0,
            "before_mb": before * 1024 / 1e6, "peak_mb": peak * 1024 / 1e6,
            "increase_mb": max(0, peak - before) * 1024 / 1e6, "peak_source": "VmHWM" if hwm_reset else "VmRSS"}


def measure_memory(args, log_dir):
    """Returns ([PUT result, GET result], failure message or None)."""
    size = args.transfer_mib * 1024 * 1024
    results = []
    upstream_argv = [sys.executable, os.path.abspath(__file__), "upstream", str(size)]
    with bc._start_announcing("transfer upstream", upstream_argv, os.path.join(log_dir, "upstream.log")) as upstream:
        config = write_config(log_dir, "forwarding-transfer.yaml", (
            f"server:\n  log_level: warn\n  max_body_bytes: {MAX_BODY_BYTES}\n"
            f"upstream:\n  url: {upstream.url}\n"))
        with bc.start_chokepoint(args.binary, config, log_dir) as server:
            bc.log(f"  chokepoint on {server.url} forwarding to the transfer upstream on {upstream.url}")
            for what, transfer in (("PUT", put_object), ("GET", get_object)):
                bc.log(f"  measuring a {args.transfer_mib} MiB {what} ...")
                try:
                    results.append(measure_transfer(server, what, transfer, size))
                except TransferFailed as e:
                    return results, str(e)
    return results, None


# ---------------------------------------------------------------------------------------------------------------
# Report.

def report(args, overhead, transfers, failure):
    bc.log(f"\nForwarding summary: Secrets Manager GetSecretValue, direct to the reference and through Chokepoint "
           f"(one server thread each, wrk -t1); medians over {args.pairs} pairs of {args.forwarding_pair_duration} s "
           "runs")
    bc.log(f"  {'layout':<9} {'conns':>5} {'direct req/s':>12} {'p50 ms':>7} {'p99 ms':>7} {'fwd req/s':>10} "
           f"{'p50 ms':>7} {'p99 ms':>7} {'ratio':>6} {'+p50 us':>8}  pair ratios")
    for (layout, conns), r in overhead.items():
        d, f = r["direct"], r["forwarded"]
        errors = d["errors"] + f["errors"]
        note = f"  <- {d['errors']} direct, {f['errors']} forwarded error answers or socket errors" if errors else ""
        spread = " ".join(f"{x:.2f}" for x in r["ratios"])
        bc.log(f"  {layout:<9} {conns:>5} {d['rps']:>12.0f} {d['p50_ms']:>7.3f} {d['p99_ms']:>7.2f} "
               f"{f['rps']:>10.0f} {f['p50_ms']:>7.3f} {f['p99_ms']:>7.2f} {r['ratio']:>5.2f}x {r['added_us']:>8.0f}"
               f"  {spread}{note}")
    for line in layout_legend():
        bc.log(f"    {line}")
    bc.log(f"  {args.transfer_mib} MiB through Chokepoint (server.max_body_bytes {MAX_BODY_BYTES // 1048576} MiB), "
           "its RSS:")
    bc.log(f"  {'transfer':>8} {'seconds':>8} {'MB/s':>7} {'before MB':>10} {'peak MB':>8} {'increase MB':>12}")
    for t in transfers:
        bc.log(f"  {t['what']:>8} {t['seconds']:>8.1f} {t['mb_per_s']:>7.0f} {t['before_mb']:>10.1f} "
               f"{t['peak_mb']:>8.1f} {t['increase_mb']:>12.1f}  (peak from {t['peak_source']})")
    if failure:
        bc.log(f"  FAILED: {failure}")


def check_targets(overhead, transfers):
    """The throughput target applies where Chokepoint has a core of its own (split), or to every run with more
    than one connection when nothing is pinned; the latency target to the fewest connections measured."""
    checks = []
    for (layout, conns), r in overhead.items():
        if layout == "split" or (layout == "unpinned" and conns > 1):
            checks.append((f"throughput, {layout}, {conns} connections: {r['ratio']:.2f}x direct >= {TARGET_RATIO}x",
                           r["ratio"] >= TARGET_RATIO))
    if overhead:
        layout, fewest = min(overhead, key=lambda k: (k[1], k[0] != "together"))
        added = overhead[(layout, fewest)]["added_us"]
        checks.append((f"added median latency, {layout}, {fewest} connection(s): {added:.0f} us <= "
                       f"{TARGET_ADDED_P50_US:.0f} us", added <= TARGET_ADDED_P50_US))
    for (layout, conns), r in overhead.items():
        errors = r["direct"]["errors"] + r["forwarded"]["errors"]
        if errors:
            checks.append((f"{errors} error answers or socket errors, {layout}, {conns} connections", False))
    for t in transfers:
        checks.append((f"{t['what']}: RSS +{t['increase_mb']:.1f} MB <= {TARGET_RSS_INCREASE_MB:.0f} MB",
                       t["increase_mb"] <= TARGET_RSS_INCREASE_MB))
    bc.log("\nTargets:")
    missed = 0
    for text, ok in checks:
        missed += not ok
        bc.log(f"  {'ok  ' if ok else 'MISS'} {text}")
    return missed


def run(args, log_dir):
    started = time.time()
    blocks = ", ".join(f"{conns} {layout}" for layout, conns in layouts(args))
    bc.log(f"Forwarding: connections and layouts {blocks}; {args.pairs} pairs of {args.forwarding_pair_duration} s "
           f"runs each; then a {args.transfer_mib} MiB PUT and GET; {bc.machine_load()}")
    overhead = measure_overhead(args, log_dir)
    transfers, failure = measure_memory(args, log_dir)
    report(args, overhead, transfers, failure)
    missed = check_targets(overhead, transfers)
    bc.log(f"\nDone in {time.time() - started:.0f} s; {bc.machine_load()}. Ratios compare figures from the same "
           "run; absolute figures depend on the machine and its load.")
    if failure:
        raise SystemExit(f"forwarding: {failure}")
    return missed


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "upstream":
        serve_upstream(int(sys.argv[2]))
    else:
        sys.exit("usage: forwarding.py upstream BYTES (the benchmark itself runs through scripts/bench/run.sh)")
