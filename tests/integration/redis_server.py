"""A throwaway redis-server (Debian's package) on a free loopback port, in a temporary directory, for the shared
bucket store's tests. Nothing is saved to disk. Tests skip when redis-server is not installed."""
import shutil
import socket
import subprocess
import tempfile
import time

REDIS_SERVER = shutil.which("redis-server")
SKIP_REASON = "redis-server is not installed (Debian package redis-server; scripts/setup.sh --test installs it)"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """start() waits until it answers PING; stop() ends it; start() again reuses the same port (a restart)."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.dir = tempfile.TemporaryDirectory(prefix="chokepoint-redis-")
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}"

    def start(self, timeout=10):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self.dir.name],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ping():
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def ping(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def command(self, *args):
        """One command in RESP; returns the raw reply bytes (enough for the tests' checks)."""
        wire = f"*{len(args)}\r\n".encode() + b"".join(
            f"${len(str(a).encode())}\r\n".encode() + str(a).encode() + b"\r\n" for a in args)
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
            s.sendall(wire)
            time.sleep(0.05)
            return s.recv(65536)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def close(self):
        self.stop()
        self.dir.cleanup()
