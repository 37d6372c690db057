"""Servers, wrk runs and small measurements shared by the benchmark commands (scripts/bench/run.sh)."""
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
WRK_DIR = os.path.join(BENCH_DIR, "wrk")
HOST = "127.0.0.1"


def log(message):
    print(message, flush=True)


def machine_load():
    """The 1-minute load average and core count: figures taken on a busy machine are noisy."""
    with open("/proc/loadavg") as f:
        one, five, fifteen = f.read().split()[:3]
    return f"load average {one} {five} {fifteen} on {os.cpu_count()} cores"


class Server:
    """A server process started for the benchmark; stopped (and waited for) on exit from a `with` block."""

    def __init__(self, name, argv, port, log_path):
        self.name, self.argv, self.port, self.log_path = name, argv, port, log_path
        self.proc = None

    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0


def _start_announcing(name, argv, log_path, timeout_s=20):
    """Starts a server that prints "listening on HOST:PORT" as its first line (Chokepoint, the reference)."""
    server = Server(name, argv, None, log_path)
    err = open(log_path, "w")
    server.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, text=True)
    deadline = time.time() + timeout_s
    line = ""
    while time.time() < deadline and not line:
        line = server.proc.stdout.readline()
        if server.proc.poll() is not None:
            break
    match = re.match(r"listening on .*:(\d+)", line or "")
    if not match:
        server.stop()
        sys.exit(f"{name} did not start (see {log_path}): {line!r}")
    server.port = int(match.group(1))
    # Keep draining stdout so that the server never blocks on a full pipe.
    threading.Thread(target=server.proc.stdout.read, daemon=True).start()
    return server


def pinned(argv, cpus):
    """argv run on the given CPUs (taskset's list, e.g. "0" or "0,1"), or anywhere when cpus is None. taskset execs
    the command, so the process keeps its pid, and every thread it starts inherits the CPUs."""
    return ["taskset", "-c", cpus] + argv if cpus else argv


def start_chokepoint(binary, config, log_dir, threads=0, cpus=None):
    argv = [binary, "--config", config, "--listen", f"{HOST}:0", "--log-level", "warn"]
    if threads:
        argv += ["--threads", str(threads)]
    return _start_announcing("chokepoint", pinned(argv, cpus), os.path.join(log_dir, "chokepoint.log"))


def start_reference(binary, log_dir, threads=0, cpus=None):
    argv = [binary, HOST, "0", str(threads)]
    return _start_announcing("reference", pinned(argv, cpus), os.path.join(log_dir, "reference.log"))


def moto_available():
    return subprocess.run([sys.executable, "-c", "import moto.server"], capture_output=True).returncode == 0


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_moto(log_dir, timeout_s=30):
    port = free_port()
    argv = [sys.executable, "-m", "moto.server", "-H", HOST, "-p", str(port)]
    server = Server("moto", argv, port, os.path.join(log_dir, "moto.log"))
    out = open(server.log_path, "w")
    server.proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{server.url}/moto-api/", timeout=1)
            return server
        except Exception:
            if server.proc.poll() is not None:
                break
            time.sleep(0.3)
    server.stop()
    sys.exit(f"moto_server did not start (see {server.log_path})")


def wait_idle(url, path="/", quick_s=0.2, timeout_s=60):
    """Waits until the server answers a request within quick_s: a heavy case (e.g. 256 connections asking for 400 KB
    each) leaves work queued after wrk stops, which must not be charged to the next case."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        started = time.time()
        try:
            urllib.request.urlopen(url + path, timeout=5).read()
        except Exception:
            pass
        if time.time() - started < quick_s:
            return
        time.sleep(0.5)


RESULT = re.compile(r"BENCH_RESULT (.*)")


def run_wrk(script, url, connections, duration_s, timeout_s=5, threads=None, cpus=None):
    """Runs one wrk case; returns {requests, rps, p50_ms, p99_ms, status_errors, socket_errors, seconds}.
    Responses slower than timeout_s count as socket errors, not in the latency figures. threads: wrk's threads
    (default: one per core, at most one per connection); cpus: the CPUs wrk runs on (see pinned)."""
    threads = threads or min(connections, os.cpu_count() or 1)
    argv = pinned(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration_s}s", f"--timeout={timeout_s}s",
                   "--latency", "-s", os.path.join(WRK_DIR, script), url + "/"], cpus)
    env = dict(os.environ, BENCH_WRK_DIR=WRK_DIR)
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=duration_s + timeout_s + 30)
    match = RESULT.search(done.stdout)
    if not match:
        sys.exit(f"wrk failed for {script}:\n{done.stdout}\n{done.stderr}")
    fields = {k: int(v) for k, v in (kv.split("=") for kv in match.group(1).split())}
    seconds = fields["duration_us"] / 1e6
    return {
        "requests": fields["requests"],
        "rps": fields["requests"] / seconds if seconds else 0.0,
        "p50_ms": fields["p50_us"] / 1000.0,
        "p99_ms": fields["p99_us"] / 1000.0,
        "status_errors": fields["status_errors"],
        "socket_errors": fields["socket_errors"],
        "seconds": seconds,
    }
