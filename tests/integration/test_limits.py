"""Connection limits: max connections, pipelining, the header limit, idle and read timeouts, slow-loris clients,
and the per-account maximums that answer with AWS's own limit errors. (The body limit: test_front_end.py.)"""
import multiprocessing
import os
import socket
import time
import unittest

from botocore.exceptions import ClientError

from harness import Server, ServerTestCase, wait_until
from netstat import established_to_port, rss_kib, server_port

# GetCallerIdentity unthrottled, so that load loops measure the server rather than a token bucket.
UNTHROTTLED = """
limits:
  - match: {service: sts}
    buckets: {GetCallerIdentity: {enabled: false}}
"""


def caller_identity_request(account="123456789012"):
    """A raw GetCallerIdentity for `account` (the access key names it; signatures are not checked)."""
    body = b"Action=GetCallerIdentity&Version=2011-06-15"
    head = ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Authorization: AWS4-HMAC-SHA256 Credential={account}/20261121/us-east-1/sts/aws4_request, "
            "SignedHeaders=host, Signature=00\r\nX-Amz-Date: 20261121T000000Z\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


class ResponseReader:
    """Reads HTTP/1.1 responses (Content-Length bodies) one after another from a socket."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("connection closed")
        self.buffer += chunk

    def next(self):
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.decode().split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
        length = int(headers.get("content-length", "0"))
        while len(self.buffer) < length:
            self._fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, headers, body.decode()


def connect(endpoint, timeout=10):
    host, port = endpoint.split("//")[1].rsplit(":", 1)
    sock = socket.create_connection((host, int(port)), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def closed_by_server(sock, within):
    """True when the server closes `sock` (EOF or reset) within `within` seconds; data before that is skipped."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            if not sock.recv(65536):
                return True
        except socket.timeout:
            return False
        except ConnectionResetError:
            return True
    return False


def still_serving(endpoint):
    """True when a new connection gets an answer; False when it is refused (e.g. the server has not yet seen a
    freed slot's close), so that wait_until can try again."""
    try:
        with connect(endpoint) as sock:
            sock.sendall(caller_identity_request())
            status, _, body = ResponseReader(sock).next()
            return status == 200 and "<Account>123456789012</Account>" in body
    except (ConnectionError, socket.timeout):
        return False


class MaxConnectionsTest(unittest.TestCase):
    def test_connections_beyond_the_limit_are_closed_and_room_comes_back(self):
        with Server("server: {max_connections: 4}\n" + UNTHROTTLED) as server:
            held = [connect(server.endpoint) for _ in range(4)]
            # Each held connection is a session once it has answered a request.
            for sock in held:
                sock.sendall(caller_identity_request())
                self.assertEqual(ResponseReader(sock).next()[0], 200)
            extra = connect(server.endpoint)
            self.assertTrue(closed_by_server(extra, within=5), "the fifth connection was not refused")
            extra.close()
            held.pop().close()
            self.assertTrue(wait_until(lambda: still_serving(server.endpoint), timeout=5))
            for sock in held:
                sock.close()


class TimeoutsTest(ServerTestCase):
    CONFIG = "server: {idle_timeout_ms: 700, read_timeout_ms: 1200}\n" + UNTHROTTLED

    def test_idle_keep_alive_connection_is_closed(self):
        with connect(self.server.endpoint) as sock:
            sock.sendall(caller_identity_request())
            self.assertEqual(ResponseReader(sock).next()[0], 200)
            start = time.monotonic()
            self.assertTrue(closed_by_server(sock, within=5))
            self.assertGreaterEqual(time.monotonic() - start, 0.5)

    def test_connection_that_never_sends_is_closed(self):
        with connect(self.server.endpoint) as sock:
            self.assertTrue(closed_by_server(sock, within=5))

    def test_request_that_stops_halfway_is_dropped_after_the_read_timeout(self):
        with connect(self.server.endpoint) as sock:
            request = caller_identity_request()
            sock.sendall(request[: len(request) // 2])
            start = time.monotonic()
            self.assertTrue(closed_by_server(sock, within=6))
            self.assertGreaterEqual(time.monotonic() - start, 1.0)
        self.assertTrue(still_serving(self.server.endpoint))

    def test_an_answer_held_by_a_latency_fault_outlasts_the_read_timeout(self):
        # The read timeout bounds the client's sending, not the server's own deliberate delay.
        status, _ = self.server.admin("/_chokepoint/faults", "POST", {"service": "sts", "latency": {"ms": 1600}})
        self.assertEqual(status, 200)
        try:
            with connect(self.server.endpoint) as sock:
                start = time.monotonic()
                sock.sendall(caller_identity_request())
                self.assertEqual(ResponseReader(sock).next()[0], 200)
                self.assertGreaterEqual(time.monotonic() - start, 1.5)
        finally:
            self.server.admin("/_chokepoint/faults", "DELETE")

    def test_header_block_over_the_limit_gets_431(self):
        with connect(self.server.endpoint) as sock:
            sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 20000 + b"\r\n\r\n")
            status, _, _ = ResponseReader(sock).next()
            self.assertEqual(status, 431)
            self.assertTrue(closed_by_server(sock, within=5))


class PipeliningTest(ServerTestCase):
    CONFIG = "server: {read_timeout_ms: 1500, max_pipelined_requests: 1000000}\n" + UNTHROTTLED

    def test_pipelined_requests_are_answered_in_order(self):
        accounts = [f"{100000000000 + i}" for i in range(200)]
        with connect(self.server.endpoint) as sock:
            sock.sendall(b"".join(caller_identity_request(a) for a in accounts))
            reader = ResponseReader(sock)
            for account in accounts:
                status, _, body = reader.next()
                self.assertEqual(status, 200)
                self.assertIn(f"<Account>{account}</Account>", body)

    def test_a_client_that_pipelines_without_reading_cannot_grow_memory(self):
        pid, port = self.server.process.pid, server_port(self.server.endpoint)
        before = rss_kib(pid)
        request = caller_identity_request()
        sent = 0
        with connect(self.server.endpoint) as sock:
            sock.setblocking(False)
            deadline = time.monotonic() + 8
            stalled_since = None
            # Send until the server stops taking bytes for a while (its answers fill the socket we never read).
            while time.monotonic() < deadline:
                try:
                    sent += sock.send(request * 100)
                    stalled_since = None
                except BlockingIOError:
                    stalled_since = stalled_since or time.monotonic()
                    if time.monotonic() - stalled_since > 0.5:
                        break
                    time.sleep(0.01)
            grown = rss_kib(pid) - before
            self.assertGreater(sent, 1_000_000, "the server should take a good deal before pushing back")
            # AddressSanitizer holds freed memory in quarantine (256 MB by default), so RSS says nothing there.
            if "ASAN_OPTIONS" not in os.environ:
                self.assertLess(grown, 32 * 1024, f"server RSS grew by {grown} KiB after {sent} pipelined bytes")
            # A writer blocked for longer than the read timeout gives up on the connection.
            self.assertTrue(wait_until(lambda: established_to_port(port) == 0, timeout=10, interval=0.1))
        self.assertTrue(still_serving(self.server.endpoint))


class PipelineCapTest(unittest.TestCase):
    def test_a_client_pipelining_beyond_the_cap_gets_the_allowed_answers_then_close(self):
        with Server("server: {max_pipelined_requests: 4}\n" + UNTHROTTLED) as server:
            with connect(server.endpoint) as sock:
                accounts = [f"{300000000000 + i}" for i in range(10)]
                sock.sendall(b"".join(caller_identity_request(a) for a in accounts))
                reader = ResponseReader(sock)
                for i, account in enumerate(accounts[:4]):
                    status, headers, body = reader.next()
                    self.assertEqual(status, 200)
                    self.assertIn(f"<Account>{account}</Account>", body)
                    self.assertEqual(headers.get("connection") == "close", i == 3, headers)
                self.assertEqual(reader.buffer, b"")
                sock.shutdown(socket.SHUT_WR)
                self.assertTrue(closed_by_server(sock, within=5))
            # A client that waits for each answer is never cut off.
            with connect(server.endpoint) as sock:
                reader = ResponseReader(sock)
                for _ in range(10):
                    sock.sendall(caller_identity_request())
                    status, headers, _ = reader.next()
                    self.assertEqual(status, 200)
                    self.assertNotEqual(headers.get("connection"), "close")


def slow_loris(endpoint, connections, started, stop):
    """Opens `connections` connections and sends one byte of a request per second on each until `stop`."""
    socks = [connect(endpoint) for _ in range(connections)]
    started.set()
    request = caller_identity_request()
    sent = 0
    while not stop.is_set() and sent < len(request):
        for sock in socks:
            try:
                sock.send(request[sent:sent + 1])
            except OSError:
                pass
        sent += 1
        stop.wait(1.0)
    for sock in socks:
        sock.close()


def requests_per_second(endpoint, seconds):
    """A keep-alive client's rate of complete GetCallerIdentity calls over `seconds` (a bounded loop)."""
    request = caller_identity_request()
    done = 0
    with connect(endpoint) as sock:
        reader = ResponseReader(sock)
        start = time.monotonic()
        while time.monotonic() - start < seconds and done < 1_000_000:
            sock.sendall(request)
            if reader.next()[0] != 200:
                raise AssertionError("the measuring client was refused")
            done += 1
        return done / (time.monotonic() - start)


class SlowLorisTest(unittest.TestCase):
    # Throughput is measured best-of-3 (other load on the machine only lowers a sample). A round whose ratio
    # misses the bound is measured again, up to ATTEMPTS rounds: noise passes on a later round, a real
    # slowdown fails every round.
    ATTEMPTS = 3

    def measure_round(self, server, port):
        ctx = multiprocessing.get_context("fork")
        started, stop = ctx.Event(), ctx.Event()
        baseline = [requests_per_second(server.endpoint, 1.0) for _ in range(3)]
        loris = ctx.Process(target=slow_loris, args=(server.endpoint, 100, started, stop), daemon=True)
        loris.start()
        try:
            self.assertTrue(started.wait(10))
            self.assertTrue(wait_until(lambda: established_to_port(port) >= 100, timeout=5))
            attacked = [requests_per_second(server.endpoint, 1.0) for _ in range(3)]
            # Read timeout: the trickling connections are dropped although they keep sending.
            self.assertTrue(wait_until(lambda: established_to_port(port) == 0, timeout=10, interval=0.2),
                            f"{established_to_port(port)} slow connections still open")
        finally:
            stop.set()
            loris.join(10)
        return max(baseline), max(attacked)

    def test_100_slow_connections_do_not_slow_a_concurrent_client(self):
        with Server("server: {read_timeout_ms: 6000}\n" + UNTHROTTLED) as server:
            port = server_port(server.endpoint)
            requests_per_second(server.endpoint, 0.5)  # warm-up
            rounds = []
            for _ in range(self.ATTEMPTS):
                baseline, attacked = self.measure_round(server, port)
                rounds.append((baseline, attacked, attacked / baseline))
                print(f"\nslow loris: baseline {baseline:.0f} req/s, with 100 slow connections {attacked:.0f} req/s, "
                      f"ratio {attacked / baseline:.3f}")
                if attacked / baseline >= 0.9:
                    break
            self.assertGreaterEqual(rounds[-1][2], 0.9, f"every round missed the bound: {rounds}")


class AccountLimitsTest(ServerTestCase):
    CONFIG = """
ec2: {max_instances: 3}
ssm: {max_standard_parameters: 2}
cloudformation:
  account_limits: {stack_limit: 1}
metrics:
  alarms: {max_alarms: 1}
"""

    def error_code(self, call, **kwargs):
        with self.assertRaises(ClientError) as raised:
            call(**kwargs)
        return raised.exception.response["Error"]

    def test_ec2_instance_limit(self):
        ec2 = self.server.client("ec2", retries={"max_attempts": 1})
        ec2.run_instances(ImageId="ami-0a1b2c3d4e5f60001", MinCount=2, MaxCount=2)
        error = self.error_code(ec2.run_instances, ImageId="ami-0a1b2c3d4e5f60001", MinCount=2, MaxCount=2)
        self.assertEqual(error["Code"], "InstanceLimitExceeded")
        self.assertEqual(len(ec2.run_instances(ImageId="ami-0a1b2c3d4e5f60001", MinCount=1, MaxCount=5)["Instances"]),
                         1)

    def test_ssm_parameter_limit(self):
        ssm = self.server.client("ssm", retries={"max_attempts": 1})
        ssm.put_parameter(Name="/a", Value="1", Type="String")
        ssm.put_parameter(Name="/b", Value="1", Type="String")
        self.assertEqual(self.error_code(ssm.put_parameter, Name="/c", Value="1", Type="String")["Code"],
                         "ParameterLimitExceeded")
        ssm.put_parameter(Name="/a", Value="2", Type="String", Overwrite=True)  # updates are not new parameters

    def test_cloudformation_stack_limit(self):
        cfn = self.server.client("cloudformation", retries={"max_attempts": 1})
        template = '{"Resources": {"H": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}}'
        cfn.create_stack(StackName="one", TemplateBody=template)
        self.assertEqual(self.error_code(cfn.create_stack, StackName="two", TemplateBody=template)["Code"],
                         "LimitExceededException")

    def test_cloudwatch_alarm_limit(self):
        cw = self.server.client("cloudwatch", retries={"max_attempts": 1})
        alarm = dict(MetricName="m", Namespace="n", Statistic="Average", Period=60, EvaluationPeriods=1, Threshold=1,
                     ComparisonOperator="GreaterThanThreshold")
        cw.put_metric_alarm(AlarmName="a1", **alarm)
        self.assertEqual(self.error_code(cw.put_metric_alarm, AlarmName="a2", **alarm)["Code"], "LimitExceeded")


if __name__ == "__main__":
    unittest.main()
