#!/usr/bin/env python3
"""Checks that every quoted #include in server/ points down (or sideways) the layer order below.

    scripts/check-layers.py     prints each include that points up and exits 1; exits 0 when there is none

A file's layer is the first folder of its path under server/ (server/main.cpp is the layer "main"). A file may
include headers of its own layer and of the layers below it. A service's folder (services/<name>/) may include
the shared services/*.hpp but not another service's folder: services reach each other only through the
dispatcher (ApiCaller), so each can change on its own. Runs from any working directory; ctest runs it as
layers.check.
"""
import re
import sys
from pathlib import Path

# The layer order, lowest first, and why each layer sits where it does. The one place that states the order.
LAYERS = [
    "common",       # helpers that know nothing of AWS (strings, JSON, clocks, schedulers, HTTP messages)
    "protocol",     # AWS's wire formats and the values a request becomes (ApiRequest, ApiError, RequestRecord)
    "config",       # the YAML configuration; its checks of seeded SSM parameters answer with protocol's ApiError
    "auth",         # SigV4 and identities, resolved against the configured accounts and credentials
    "throttle",     # token buckets and fault rules, sized and matched by the configuration
    "metrics",      # counts requests (protocol's RequestRecord) and reads throttle's bucket levels
    "persistence",  # the change log and snapshots the services above keep their state in
    "services",     # the emulated APIs: consume throttle's capacity, report metrics, persist their state
    "dispatch",     # the request pipeline: decode, authenticate, throttle, route to a service, report the decision
    "admin",        # the control API over everything below; the dispatcher knows it as a ControlHandler
    "http",         # the only Beast user; serves common's RequestHandler, so nothing below depends on Beast
    "redis",        # the shared bucket store: hiredis on the I/O loops, a BucketStore for throttle's seam
    "app",          # builds and wires all of the above, for the server and the command line
    "main",         # server/main.cpp, the entry point
]
RANK = {name: rank for rank, name in enumerate(LAYERS)}

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "server"
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def place(path):
    """A path under server/ -> (layer, service folder): 'services/ssm/put_input.hpp' -> ('services', 'ssm'),
    'dispatch/dispatcher.hpp' -> ('dispatch', None). The layer is None for a path in no layer."""
    parts = path.split("/")
    if len(parts) == 1:
        return ("main", None) if path == "main.cpp" else (None, None)
    layer = parts[0] if parts[0] in RANK else None
    folder = parts[1] if layer == "services" and len(parts) > 2 else None
    return layer, folder


def name(layer, folder):
    return f"{layer}/{folder}" if folder else layer


def complaint(source, target):
    """What is wrong with `source` including `target` (paths under server/), or None when nothing is."""
    source_layer, source_folder = place(source)
    target_layer, target_folder = place(target)
    for path, layer in ((source, source_layer), (target, target_layer)):
        if layer is None:
            return f"{path} is in no layer (add its folder to LAYERS in scripts/check-layers.py)"
    points_up = RANK[target_layer] > RANK[source_layer]
    other_service = source_folder and target_folder and source_folder != target_folder
    if points_up or other_service:
        return f"{name(source_layer, source_folder)} includes {name(target_layer, target_folder)} ({target})"
    return None


def main():
    checked = 0
    violations = []
    for file in sorted(path for path in SERVER.rglob("*") if path.is_file()):
        source = file.relative_to(SERVER).as_posix()
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
        for number, text in enumerate(lines, start=1):
            match = INCLUDE.match(text)
            if not match:
                continue
            checked += 1
            problem = complaint(source, match.group(1))
            if problem:
                violations.append(f"{file.relative_to(ROOT).as_posix()}:{number}: {problem}")
    for violation in violations:
        print(violation)
    if violations:
        print(f"layers: {len(violations)} of {checked} includes point up")
        return 1
    print(f"layers: {checked} includes checked, none points up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
