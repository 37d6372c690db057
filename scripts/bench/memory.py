"""Resident memory: one table of many 1 KB items, and many distinct rate buckets (one per account).

Requests go over a few keep-alive connections, pipelined, from this process: the counts are exact and the load
is bounded by count, not time.
"""
import json
import os
import socket
import threading
import time
import urllib.request

import bench_common as bc
import seed

ITEM_PAYLOAD = "x" * 986  # with "pk", the key and "payload": 1,000 bytes by DynamoDB's item-size rules
BATCH = 25  # BatchWriteItem's maximum
PIPELINE_DEPTH = 16
CONNECTIONS = 4
TIME_LIMIT_S = 300


def http_request(port, headers, body):
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    data = body.encode()
    return (f"POST / HTTP/1.1\r\nHost: {bc.HOST}:{port}\r\n{head}Content-Length: {len(data)}\r\n\r\n").encode() + data


def read_statuses(sock, count, buffer=b""):
    """Reads `count` Content-Length-framed responses; returns their statuses and the bytes left over."""
    statuses = []
    while len(statuses) < count:
        end = buffer.find(b"\r\n\r\n")
        if end < 0:
            chunk = sock.recv(1 << 20)
            if not chunk:
                raise ConnectionError("server closed the connection")
            buffer += chunk
            continue
        head = buffer[:end].decode("latin-1").lower()
        length = int(head.split("content-length:")[1].split("\r\n")[0]) if "content-length:" in head else 0
        if len(buffer) < end + 4 + length:
            buffer += sock.recv(1 << 20)
            continue
        statuses.append(int(head.split(" ", 2)[1]))
        buffer = buffer[end + 4 + length:]
    return statuses, buffer


def send_all(port, make_request, total, deadline):
    """Sends requests 0..total-1 (make_request(i) -> bytes) over CONNECTIONS pipelined connections."""
    failures = []

    def worker(first):
        with socket.create_connection((bc.HOST, port)) as sock:
            leftover = b""
            indexes = list(range(first, total, CONNECTIONS))
            for start in range(0, len(indexes), PIPELINE_DEPTH):
                if time.time() > deadline:
                    failures.append("time limit reached")
                    return
                batch = indexes[start:start + PIPELINE_DEPTH]
                sock.sendall(b"".join(make_request(i) for i in batch))
                statuses, leftover = read_statuses(sock, len(batch), leftover)
                failures.extend(s for s in statuses if s != 200)

    threads = [threading.Thread(target=worker, args=(c,)) for c in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[0]}")


def load_items(server, count, deadline):
    ddb = seed.client("dynamodb", server.url)
    ddb.create_table(TableName="memory", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.BatchWriteItem"}

    def batch_request(b):
        first = b * BATCH
        puts = [{"PutRequest": {"Item": {"pk": {"S": f"item-{i:07d}"}, "payload": {"S": ITEM_PAYLOAD}}}}
                for i in range(first, min(first + BATCH, count))]
        return http_request(server.port, headers, json.dumps({"RequestItems": {"memory": puts}}))

    send_all(server.port, batch_request, (count + BATCH - 1) // BATCH, deadline)


def count_items(server):
    return seed.client("dynamodb", server.url).describe_table(TableName="memory")["Table"]["ItemCount"]


def load_buckets(server, count, deadline):
    """One STS GetCallerIdentity per account: each account gets its own rate bucket."""
    def account_request(i):
        key = f"{100000000000 + i:012d}"  # an access key of 12 digits is that account
        headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Amz-Date": "20260101T000000Z",
                   "Authorization": f"AWS4-HMAC-SHA256 Credential={key}/20260101/us-east-1/sts/aws4_request, "
                                    f"SignedHeaders=host, Signature={'0' * 64}"}
        return http_request(server.port, headers, "Action=GetCallerIdentity&Version=2011-06-15")

    send_all(server.port, account_request, count, deadline)


def count_buckets(server):
    with urllib.request.urlopen(server.url + "/_chokepoint/buckets?service=sts", timeout=60) as reply:
        return len(json.load(reply)["buckets"])


def measure(args, log_dir, what, count, load, count_loaded, target_mb):
    # Default limits and caps (CloudWatch usage series included), with bench.yaml's wide buckets.
    config = os.path.join(bc.BENCH_DIR, "bench.yaml")
    with bc.start_chokepoint(args.binary, config, log_dir) as server:
        time.sleep(0.5)
        base = server.rss_kib()
        started = time.time()
        load(server, count, started + TIME_LIMIT_S)
        seconds = time.time() - started
        rss = server.rss_kib()  # before counting: listing 100,000 buckets as JSON takes memory of its own
        found = count_loaded(server)
    ok = rss * 1024 / 1e6 <= target_mb and found == count
    bc.log(f"  {'ok  ' if ok else 'MISS'} {what}: {found} loaded in {seconds:.0f} s; RSS {rss * 1024 / 1e6:.0f} MB "
           f"(at start {base * 1024 / 1e6:.0f} MB; {(rss - base) * 1024 / max(count, 1):.0f} bytes each); "
           f"target <= {target_mb} MB")
    return 0 if ok else 1


def run(args, log_dir):
    bc.log(f"Memory: {args.items} items of 1 KB in one table, {args.buckets} distinct buckets; {bc.machine_load()}")
    missed = measure(args, log_dir, f"{args.items} DynamoDB items of 1 KB", args.items, load_items, count_items, 1600)
    missed += measure(args, log_dir, f"{args.buckets} rate buckets (one per account)", args.buckets, load_buckets,
                      count_buckets, 64)
    return missed
