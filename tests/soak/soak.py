"""Mixed load against the real binary for a while, with fault rules and throttling active, checking that the
server stays healthy: resident memory flat after warm-up (within 10 %), no 5xx other than the intended ones, no
connection left open once the clients are gone, and a clean exit on SIGTERM.

Emulated state grows by design (deleted stacks stay listed, metric minutes are kept for a day, parameters keep
their versions), so the soak resets the server every --cycle-seconds (POST /_chokepoint/reset, as a test suite
would between tests) and compares the memory peaks of the cycles: after warm-up they must stay within 10 %, so
growth means a leak, not data.

    python3 tests/soak/soak.py --minutes 10 [--workers 6] [--binary build/chokepoint]

Prints the figures and exits non-zero when a check fails."""
import argparse
import collections
import json
import os
import random
import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from botocore.exceptions import ClientError, HTTPClientError  # noqa: E402

import harness  # noqa: E402
from netstat import established_to_port, rss_kib, server_port  # noqa: E402

FAULT_CODE = "SoakInjectedFault"
# The only 5xx the server may send: the injected fault, and EC2's throttling error (503 by AWS's design).
INTENDED_5XX = {FAULT_CODE, "RequestLimitExceeded"}
CONFIG = f"""
server: {{idle_timeout_ms: 20000, read_timeout_ms: 3000}}
ec2: {{pending_seconds: 0.2, stopping_seconds: 0.2, shutting_down_seconds: 0.2, terminated_visible_seconds: 20}}
faults:
  - {{name: ssm-errors, service: ssm, operation: GetParameter, probability: 0.02,
     error: {{code: {FAULT_CODE}, status: 503, message: injected by the soak test}}}}
  - {{name: ddb-throttle, service: dynamodb, operation: GetItem, probability: 0.05, throttle: true}}
  - {{name: sts-latency, service: sts, latency: {{min_ms: 1, max_ms: 20}}}}
limits:
  - match: {{service: ssm}}
    buckets: {{GetParameter: {{rate: 200, burst: 50}}, PutParameter: {{rate: 20, burst: 10}}}}
  - match: {{service: ec2}}
    buckets: {{RunInstances: {{rate: 5, burst: 5}}}}
"""
TEMPLATE = json.dumps({"Resources": {"H": {"Type": "AWS::CloudFormation::WaitConditionHandle"},
                                     "P": {"Type": "AWS::SSM::Parameter",
                                           "Properties": {"Type": "String", "Value": "soak"}}}})


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_outcome = collections.Counter()
        self.unexpected = collections.Counter()

    def ok(self, name):
        with self.lock:
            self.by_outcome[f"{name} ok"] += 1

    def error(self, name, error):
        response = error.response
        status = response["ResponseMetadata"].get("HTTPStatusCode", 0)
        code = response["Error"].get("Code", "?")
        with self.lock:
            self.by_outcome[f"{name} {status} {code}"] += 1
            if status >= 500 and code not in INTENDED_5XX:
                self.unexpected[f"{name} {status} {code}"] += 1


class Worker(threading.Thread):
    """Calls a random operation of a random service until `stop`; every outcome goes to the tally."""

    def __init__(self, server, index, tally, stop):
        super().__init__(daemon=True)
        self.index, self.tally, self.stop, self.random = index, tally, stop, random.Random(index)
        retries = {"total_max_attempts": 1}  # every answer counted as sent, none hidden by a retry
        self.clients = {name: server.client(name, retries=retries)
                        for name in ("dynamodb", "ssm", "ec2", "cloudformation", "cloudwatch", "sts")}
        self.instances = []
        self.failure = None

    def call(self, name, fn, **kwargs):
        try:
            result = fn(**kwargs)
            self.tally.ok(name)
            return result
        except ClientError as e:
            self.tally.error(name, e)
            return None
        except HTTPClientError as e:  # the connection failed or closed without an answer: a finding; carry on
            with self.tally.lock:
                self.tally.by_outcome[f"{name} transport {type(e).__name__}"] += 1
                self.tally.unexpected[f"{name} transport {type(e).__name__}"] += 1
            return None

    def step(self):
        c, r = self.clients, self.random
        key = {"pk": {"S": f"k{r.randrange(1000)}"}}
        choice = r.randrange(12)
        if choice == 0:
            self.call("PutItem", c["dynamodb"].put_item, TableName="soak",
                      Item=dict(key, v={"S": "x" * r.randrange(10, 2000)}))
        elif choice == 1:
            self.call("GetItem", c["dynamodb"].get_item, TableName="soak", Key=key)
        elif choice == 2:
            self.call("UpdateItem", c["dynamodb"].update_item, TableName="soak", Key=key,
                      UpdateExpression="ADD n :one", ExpressionAttributeValues={":one": {"N": "1"}})
        elif choice == 3:
            self.call("Query", c["dynamodb"].query, TableName="soak", KeyConditionExpression="pk = :k",
                      ExpressionAttributeValues={":k": key["pk"]})
        elif choice == 4:
            self.call("PutParameter", c["ssm"].put_parameter, Name=f"/soak/p{r.randrange(200)}",
                      Value=str(r.random()), Type="String", Overwrite=True)
        elif choice == 5:
            self.call("GetParameter", c["ssm"].get_parameter, Name=f"/soak/p{r.randrange(200)}")
        elif choice == 6:
            self.ec2_step()
        elif choice == 7:
            self.call("DescribeInstances", c["ec2"].describe_instances, MaxResults=20)
        elif choice == 8:
            self.cloudformation_step()
        elif choice == 9:
            self.call("PutMetricData", c["cloudwatch"].put_metric_data, Namespace="Soak",
                      MetricData=[{"MetricName": f"m{r.randrange(20)}", "Value": r.random(), "Unit": "Count"}])
        elif choice == 10:
            self.call("GetCallerIdentity", c["sts"].get_caller_identity)
        else:
            self.call("DeleteItem", c["dynamodb"].delete_item, TableName="soak", Key=key)

    def ec2_step(self):
        if len(self.instances) < 5:
            launched = self.call("RunInstances", self.clients["ec2"].run_instances, ImageId="ami-0a1b2c3d4e5f60001",
                                 MinCount=1, MaxCount=1)
            if launched:
                self.instances.append(launched["Instances"][0]["InstanceId"])
        else:
            done = self.instances[:3]
            if self.call("TerminateInstances", self.clients["ec2"].terminate_instances, InstanceIds=done):
                del self.instances[:3]

    def cloudformation_step(self):
        name = f"soak-{self.index}-{self.random.randrange(3)}"
        cfn = self.clients["cloudformation"]
        if self.random.random() < 0.5:
            self.call("CreateStack", cfn.create_stack, StackName=name, TemplateBody=TEMPLATE)
        elif self.random.random() < 0.5:
            self.call("DescribeStacks", cfn.describe_stacks, StackName=name)
        else:
            self.call("DeleteStack", cfn.delete_stack, StackName=name)

    def run(self):
        try:
            while not self.stop.is_set():
                self.step()
        except Exception as e:  # a transport failure (connection refused or reset) is a finding
            self.failure = repr(e)
        finally:
            for client in self.clients.values():
                client.close()


def create_table(server):
    server.client("dynamodb").create_table(
        TableName="soak", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])


def rude_clients(endpoint, stop, tally):
    """Now and then a client that sends half a request, garbage, or connects and leaves."""
    host, port = endpoint.split("//")[1].rsplit(":", 1)
    r = random.Random(99)
    while not stop.wait(0.5):
        try:
            with socket.create_connection((host, int(port)), timeout=5) as sock:
                kind = r.randrange(3)
                if kind == 0:
                    sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
                elif kind == 1:
                    sock.sendall(b"\x16\x03\x01garbage\r\n\r\n")
                    sock.recv(4096)
            with tally.lock:
                tally.by_outcome["rude client"] += 1
        except OSError as e:
            with tally.lock:
                tally.unexpected[f"rude client: {e!r}"] += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--workers", type=int, default=6)
    parser.add_argument("--binary", default=harness.BINARY)
    parser.add_argument("--sample-seconds", type=float, default=5)
    parser.add_argument("--cycle-seconds", type=float, default=60, help="reset the server's state this often")
    args = parser.parse_args()
    harness.BINARY = args.binary
    duration = args.minutes * 60
    warmup = max(20.0, duration * 0.2)
    failures = []

    server = harness.Server(CONFIG).start()
    pid, port = server.process.pid, server_port(server.endpoint)
    create_table(server)
    tally, stop = Tally(), threading.Event()
    workers = [Worker(server, i, tally, stop) for i in range(args.workers)]
    rude = threading.Thread(target=rude_clients, args=(server.endpoint, stop, tally), daemon=True)
    start = time.monotonic()
    for w in workers:
        w.start()
    rude.start()
    samples = []  # (seconds since start, RSS KiB)
    cycle_peaks = [0]  # the highest RSS of each reset cycle
    next_reset = args.cycle_seconds
    while time.monotonic() - start < duration:
        time.sleep(min(args.sample_seconds, max(0.0, duration - (time.monotonic() - start))))
        now = time.monotonic() - start
        samples.append((now, rss_kib(pid)))
        cycle_peaks[-1] = max(cycle_peaks[-1], samples[-1][1])
        if server.process.poll() is not None:
            failures.append(f"the server exited with {server.process.returncode}")
            break
        if now >= next_reset and now < duration - args.sample_seconds:
            next_reset += args.cycle_seconds
            server.admin("/_chokepoint/reset", "POST")
            create_table(server)
            cycle_peaks.append(0)
    stop.set()
    for w in workers:
        w.join(30)
        if w.failure:
            failures.append(f"worker {w.index}: {w.failure}")
    rude.join(10)
    elapsed = time.monotonic() - start

    total = sum(v for k, v in tally.by_outcome.items())
    # Warm-up: the first 20 % of the run (at least one cycle); the first full cycle after it is the baseline.
    warm_cycles = max(1, int(warmup // args.cycle_seconds))
    steady = [p for p in cycle_peaks[warm_cycles:] if p] or [samples[-1][1]]
    baseline, peak = steady[0], max(steady)
    growth = peak / baseline - 1
    print(f"soak: {elapsed:.0f} s, {args.workers} workers, {total} calls ({total / elapsed:.0f}/s), "
          f"{len(cycle_peaks)} cycles of {args.cycle_seconds:.0f} s")
    print(f"RSS KiB: start {samples[0][1]}, after warm-up {baseline}, peak {peak}, end {samples[-1][1]}; "
          f"growth of the cycle peaks after warm-up {growth * 100:.1f} %")
    print(f"cycle peaks KiB: {cycle_peaks}")
    for outcome, count in sorted(tally.by_outcome.items()):
        print(f"  {count:8d}  {outcome}")
    fives = collections.Counter()
    for outcome, count in tally.by_outcome.items():
        parts = outcome.split()
        if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) >= 500:
            fives[parts[2]] += count
    print(f"5xx answers: {dict(fives) or 'none'} (intended: {sorted(INTENDED_5XX)})")
    if growth > 0.10:
        failures.append(f"RSS grew {growth * 100:.1f} % after warm-up ({baseline} -> {peak} KiB)")
    if tally.unexpected:
        failures.append(f"unexpected failures: {dict(tally.unexpected)}")

    # With every client gone, the server closes what is left within its idle timeout.
    deadline = time.monotonic() + 10
    while established_to_port(port) > 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    left = established_to_port(port)
    print(f"connections open 10 s after the clients stopped: {left}")
    if left:
        failures.append(f"{left} connection(s) still open after the clients left")
    code = server.stop(timeout=15)
    if code != 0:
        failures.append(f"the server exited with {code} on SIGTERM; stderr tail:\n{server.stderr()[-2000:]}")
    for f in failures:
        print("FAIL:", f)
    print("soak: " + ("FAILED" if failures else "passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
