"""What every cookbook recipe shares: a server to talk to, boto3 clients for it, and plain checks.

A recipe script runs against $CHOKEPOINT_ENDPOINT when it is set; the server must then run with the recipe's
config (scripts/examples/<recipe>.yaml, when there is one):

    build/chokepoint --config scripts/examples/ssm_batching_and_caching.yaml &
    CHOKEPOINT_ENDPOINT=http://127.0.0.1:4566 python3 scripts/examples/ssm_batching_and_caching.py

Otherwise it starts $CHOKEPOINT_BIN (default build/chokepoint) itself on a free loopback port with that config,
and stops it at the end. Each recipe uses its own access key, so its buckets and state are its own (accounts are
separate in Chokepoint as in AWS) and recipes can share one server.
"""
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import boto3
from botocore.config import Config

ROOT = Path(__file__).resolve().parents[2]


class Recipe:
    """`with Recipe(__file__, access_key) as r:` gives r.endpoint, r.client(...), r.admin(...), r.ctl(...)."""

    def __init__(self, script, access_key, region="us-east-1"):
        self.script = Path(script)
        self.access_key = access_key
        self.region = region
        self.config = self.script.with_suffix(".yaml")
        self.process = None
        self.endpoint = os.environ.get("CHOKEPOINT_ENDPOINT")

    def __enter__(self):
        if self.endpoint:
            if self.config.exists():
                print(f"using {self.endpoint}; it must run with --config {self.config.relative_to(ROOT)}")
            return self
        binary = os.environ.get("CHOKEPOINT_BIN", str(ROOT / "build" / "chokepoint"))
        cmd = [binary, "--listen", "127.0.0.1:0", "--threads", "2", "--log-level", "warn"]
        if self.config.exists():
            cmd += ["--config", str(self.config)]
        self.process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        first_line = []
        reader = threading.Thread(target=lambda: first_line.append(self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(15)
        if not first_line or not first_line[0].startswith("listening on "):
            self.process.kill()
            sys.exit(f"{binary} did not start (build it with scripts/build.sh)")
        self.endpoint = "http://" + first_line[0].split("listening on ", 1)[1].strip()
        return self

    def __exit__(self, *exc):
        if self.process:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(10)
            self.process.stdout.close()

    def client(self, service, retries=None, access_key=None, **config):
        """A boto3 client for the server, signed with the recipe's access key (or `access_key`). retries:
        botocore's dict, e.g. {"mode": "adaptive", "total_max_attempts": 10}; None keeps boto3's default (legacy)."""
        return boto3.client(service, endpoint_url=self.endpoint, region_name=self.region,
                            aws_access_key_id=access_key or self.access_key, aws_secret_access_key="secret",
                            config=Config(retries=retries, **config))

    def resource(self, service, retries=None, **config):
        return boto3.resource(service, endpoint_url=self.endpoint, region_name=self.region,
                              aws_access_key_id=self.access_key, aws_secret_access_key="secret",
                              config=Config(retries=retries, **config))

    def admin(self, path, method="GET", body=None):
        """The control API under /_chokepoint/: (status, parsed JSON)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.endpoint + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def ctl(self, *args):
        """Runs `chokepoint ctl --endpoint ENDPOINT ARGS...`; returns its stdout (raises on a non-zero exit)."""
        binary = os.environ.get("CHOKEPOINT_BIN", str(ROOT / "build" / "chokepoint"))
        out = subprocess.run([binary, "ctl", "--endpoint", self.endpoint, *args], capture_output=True, text=True,
                             timeout=30, check=True)
        return out.stdout


def check(condition, message):
    """An assertion that survives `python3 -O` and says what the recipe expected."""
    if not condition:
        sys.exit(f"FAILED: {message}")
    print(f"ok: {message}")


def count_requests(client):
    """Counts the HTTP requests a boto3 client sends (retries included): returns a one-item list to read."""
    sent = [0]

    def on_send(**_):
        sent[0] += 1

    client.meta.events.register("before-send", on_send)
    return sent


def error_code(exception):
    return exception.response["Error"]["Code"]


def elapsed_since(start):
    return f"{time.monotonic() - start:.1f} s"


def line_plot(title, x, x_label, y_label, series, width=900, height=420):
    """An SVG line chart (text) of `series`, a list of (name, colour, values) over the shared `x` values: axes with
    round ticks, a legend, no dependencies."""
    left, right, top, bottom = 70, 20, 40, 80
    x_max = max(x) or 1
    y_max = max(max(values) for _, _, values in series) or 1
    y_step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 10 ** 9) if y_max / s <= 8)
    y_top = (int(y_max // y_step) + 1) * y_step
    x_step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 10 ** 9) if x_max / s <= 12)
    sx = lambda v: left + (width - left - right) * v / x_max  # noqa: E731
    sy = lambda v: top + (height - top - bottom) * (1 - v / y_top)  # noqa: E731
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15">{title}</text>']
    for i in range(int(y_top // y_step) + 1):
        y = sy(i * y_step)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{i * y_step}</text>')
    for i in range(int(x_max // x_step) + 1):
        xv = sx(i * x_step)
        out.append(f'<line x1="{xv:.1f}" y1="{height - bottom}" x2="{xv:.1f}" y2="{height - bottom + 5}" '
                   'stroke="black"/>')
        out.append(f'<text x="{xv:.1f}" y="{height - bottom + 18}" text-anchor="middle">{i * x_step}</text>')
    out.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="black"/>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="black"/>')
    out.append(f'<text x="{(left + width - right) / 2}" y="{height - bottom + 36}" text-anchor="middle">{x_label}</text>')
    out.append(f'<text transform="translate(18 {(top + height - bottom) / 2}) rotate(-90)" '
               f'text-anchor="middle">{y_label}</text>')
    for i, (name, colour, values) in enumerate(series):
        points = " ".join(f"{sx(a):.1f},{sy(b):.1f}" for a, b in zip(x, values))
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>')
        lx = left + 10 + i * 250
        out.append(f'<line x1="{lx}" y1="{height - 20}" x2="{lx + 24}" y2="{height - 20}" stroke="{colour}" '
                   'stroke-width="3"/>')
        out.append(f'<text x="{lx + 30}" y="{height - 16}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
