"""Starts the real chokepoint binary on a free loopback port and gives tests clients for it.

Every test module uses ServerTestCase (one server per test class) or Server directly. The binary comes
from $CHOKEPOINT_BIN (ctest sets it) or build/chokepoint.
"""
import datetime
import json
import os
import signal
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.request
from pathlib import Path

import boto3
from botocore.config import Config as BotoConfig

ROOT = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("CHOKEPOINT_BIN", str(ROOT / "build" / "chokepoint"))
DEFAULT_KEY = "123456789012"


class Server:
    """One chokepoint process. Use as a context manager or call start()/stop()."""

    def __init__(self, config_yaml=None, args=(), threads=2, cwd=None):
        self.config_yaml = config_yaml
        self.args = list(args)
        self.threads = threads
        self.cwd = cwd  # where relative paths in args are read from (default: the test's own directory)
        self.process = None
        self.endpoint = None
        self.config_path = None
        self._stderr_lines = []

    def start(self):
        cmd = [BINARY, "--listen", "127.0.0.1:0", "--threads", str(self.threads)]
        if self.config_yaml is not None:
            fd, self.config_path = tempfile.mkstemp(suffix=".yaml", prefix="chokepoint-test-")
            with os.fdopen(fd, "w") as f:
                f.write(self.config_yaml)
            cmd += ["--config", self.config_path]
        cmd += self.args
        self.process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=self.cwd)
        self._stderr_reader = threading.Thread(target=self._drain_stderr, daemon=True)
        self._stderr_reader.start()
        line = self._read_first_line(timeout=15)
        if not line.startswith("listening on "):
            self.stop()
            raise RuntimeError(f"server did not start: {line!r}; stderr: {self.stderr()}")
        self.endpoint = "http://" + line.split("listening on ", 1)[1].strip()
        return self

    def _read_first_line(self, timeout):
        result = []
        reader = threading.Thread(target=lambda: result.append(self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        return result[0] if result else ""

    def _drain_stderr(self):
        for line in self.process.stderr:
            self._stderr_lines.append(line)

    def stderr(self):
        return "".join(self._stderr_lines)

    def stop(self, timeout=10):
        """SIGTERM, then wait; returns the exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
        if self.process.stderr:  # once the reader has seen its end, so that none of the output is lost
            self._stderr_reader.join(5)
            self.process.stderr.close()
        if self.config_path:
            os.unlink(self.config_path)
            self.config_path = None
        return self.process.returncode

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # --- clients -------------------------------------------------------------------------------------------

    def client(self, service, access_key=DEFAULT_KEY, region="us-east-1", retries=None, secret_key="secret", **config):
        boto_config = BotoConfig(retries=retries, **config) if retries is not None else BotoConfig(**config)
        return boto3.client(service, endpoint_url=self.endpoint, region_name=region,
                            aws_access_key_id=access_key, aws_secret_access_key=secret_key, config=boto_config)

    def resource(self, service, access_key=DEFAULT_KEY, region="us-east-1", **config):
        return boto3.resource(service, endpoint_url=self.endpoint, region_name=region,
                              aws_access_key_id=access_key, aws_secret_access_key="secret",
                              config=BotoConfig(**config))

    def admin(self, path, method="GET", body=None):
        """Calls the admin API; returns (status, parsed JSON)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.endpoint + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def cli_env(self, access_key=DEFAULT_KEY, region="us-east-1"):
        env = dict(os.environ)
        env.update(AWS_ACCESS_KEY_ID=access_key, AWS_SECRET_ACCESS_KEY="secret", AWS_DEFAULT_REGION=region,
                   AWS_PAGER="", AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")
        env.pop("AWS_PROFILE", None)
        return env


def aws_clis():
    """The AWS CLIs on this machine: the one on PATH (v1 here) and Debian's v2 at /usr/bin/aws."""
    found = []
    for path in ("aws", "/usr/bin/aws"):
        try:
            out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60)
        except (FileNotFoundError, subprocess.TimeoutExpired):
            continue
        version = (out.stdout + out.stderr).strip()
        if version and not any(version == v for _, v in found):
            found.append((path, version))
    return found


class ServerTestCase(unittest.TestCase):
    """A test class with one server for all its tests. Set CONFIG to a YAML string to configure it."""

    CONFIG = None
    ARGS = ()

    @classmethod
    def setUpClass(cls):
        cls.server = Server(cls.CONFIG, cls.ARGS).start()

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        if code not in (0, None):
            raise AssertionError(f"server exited with {code}; stderr:\n{cls.server.stderr()}")

    def reset(self):
        status, _ = self.server.admin("/_chokepoint/reset", "POST")
        self.assertEqual(status, 200)


class ManualClockTestCase(ServerTestCase):
    """A ServerTestCase on the manual emulated clock, with the server reset before each test."""

    ARGS = ("--clock", "manual")

    def setUp(self):
        self.reset()

    def advance(self, seconds):
        """Moves the emulated clock forward; returns the server's new time."""
        status, body = self.server.admin("/_chokepoint/clock", "POST", {"advance": seconds})
        self.assertEqual(status, 200, body)
        return datetime.datetime.fromisoformat(body["now"].replace("Z", "+00:00"))


def wait_until(predicate, timeout=10.0, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()
