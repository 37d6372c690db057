"""The walking skeleton end to end: identity, regions, admin API, config reload, bad input, shutdown."""
import http.client
import json
import os
import signal
import socket
import shutil
import subprocess
import tempfile
import time
import unittest

from botocore.exceptions import ClientError

from harness import ROOT, Server, ServerTestCase, aws_clis, wait_until

CONFIG = """
accounts:
  - access_key: AKIAALICEEXAMPLE0001
    secret_key: alice-secret
    account: "111111111111"
    user: alice
"""


class IdentityTest(ServerTestCase):
    CONFIG = CONFIG

    def caller(self, key):
        return self.server.client("sts", access_key=key).get_caller_identity()

    def test_account_from_access_key(self):
        cases = {
            "123456789012": ("123456789012", "arn:aws:iam::123456789012:root"),
            "LSIAQAAAAAAVNCBMPNSG": ("000000000042", "arn:aws:iam::000000000042:root"),
            "test": ("000000000000", "arn:aws:iam::000000000000:root"),
            "AKIAALICEEXAMPLE0001": ("111111111111", "arn:aws:iam::111111111111:user/alice"),
        }
        for key, (account, arn) in cases.items():
            with self.subTest(key=key):
                identity = self.caller(key)
                self.assertEqual(identity["Account"], account)
                self.assertEqual(identity["Arn"], arn)
                self.assertTrue(identity["ResponseMetadata"]["RequestId"])

    def test_aws_cli_get_caller_identity(self):
        clis = aws_clis()
        self.assertTrue(clis, "no AWS CLI found")
        for cli, version in clis:
            with self.subTest(cli=version):
                out = subprocess.run([cli, "sts", "get-caller-identity", "--endpoint-url", self.server.endpoint,
                                      "--output", "json"], capture_output=True, text=True, timeout=120,
                                     env=self.server.cli_env("123456789012"))
                self.assertEqual(out.returncode, 0, out.stderr)
                self.assertEqual(json.loads(out.stdout)["Account"], "123456789012")

    def test_presigned_get_caller_identity(self):
        client = self.server.client("sts", access_key="123456789012")
        url = client.generate_presigned_url("get_caller_identity", HttpMethod="GET")
        conn = http.client.HTTPConnection(self.server.endpoint.split("//")[1], timeout=10)
        conn.request("GET", url.split(self.server.endpoint, 1)[1])
        response = conn.getresponse()
        body = response.read().decode()
        self.assertEqual(response.status, 200, body)
        self.assertIn("<Account>123456789012</Account>", body)

    def test_regions_and_zones(self):
        ec2 = self.server.client("ec2", region="eu-west-1")
        regions = [r["RegionName"] for r in ec2.describe_regions()["Regions"]]
        self.assertIn("us-east-1", regions)
        self.assertIn("eu-west-1", regions)
        filtered = ec2.describe_regions(Filters=[{"Name": "region-name", "Values": ["us-*"]}])["Regions"]
        self.assertTrue(filtered)
        self.assertTrue(all(r["RegionName"].startswith("us-") for r in filtered))
        zones = ec2.describe_availability_zones()["AvailabilityZones"]
        self.assertEqual([z["ZoneName"] for z in zones], ["eu-west-1a", "eu-west-1b", "eu-west-1c"])
        self.assertEqual(zones[0]["ZoneId"], "euw1-az1")
        self.assertEqual(zones[0]["State"], "available")
        with self.assertRaises(ClientError) as e:
            ec2.describe_regions(RegionNames=["mars-north-1"])
        self.assertEqual(e.exception.response["Error"]["Code"], "InvalidParameterValue")


def raw_request(endpoint, data, timeout=5):
    """Sends raw bytes and returns the raw response (until the server closes or the timeout)."""
    host, port = endpoint.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except socket.timeout:
            pass
        return b"".join(chunks).decode(errors="replace")


def post(endpoint, headers, body, path="/"):
    conn = http.client.HTTPConnection(endpoint.split("//")[1], timeout=10)
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, dict(response.getheaders()), response.read().decode()


class BadInputTest(ServerTestCase):
    def assert_still_serving(self):
        self.assertEqual(self.server.client("sts").get_caller_identity()["Account"], "123456789012")

    def test_malformed_http_gets_400_and_connection_closed(self):
        for garbage in (b"GARBAGE\r\n\r\n", b"POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                        b"\x00\x01\x02\x03\r\n\r\n", b"POST / HTTP/9.9\r\nHost: x\r\n\r\n"):
            with self.subTest(garbage=garbage):
                response = raw_request(self.server.endpoint, garbage)
                self.assertTrue(response.startswith("HTTP/1.1 400"), response)
        self.assert_still_serving()

    def test_oversized_body_gets_413(self):
        head = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
        response = raw_request(self.server.endpoint, head + b"Content-Length: 18000000\r\n\r\n" + b"{" * 1024)
        self.assertTrue(response.startswith("HTTP/1.1 413"), response[:200])
        self.assert_still_serving()

    def test_malformed_json_gets_serialization_exception(self):
        status, headers, body = post(self.server.endpoint, {"X-Amz-Target": "AmazonSSM.GetParameter",
                                                            "Content-Type": "application/x-amz-json-1.1"}, "{oops")
        if json.loads(body)["__type"].endswith("UnknownOperationException"):
            self.skipTest("SSM is not registered in this build")
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body)["__type"], "SerializationException")
        self.assertIn("x-amzn-RequestId", headers)

    def test_json_without_known_target(self):
        for target in ("Nope_2020.DoIt", "DynamoDB_20120810.NoSuchThing", "nodot"):
            with self.subTest(target=target):
                status, headers, body = post(self.server.endpoint, {"X-Amz-Target": target,
                                                                    "Content-Type": "application/x-amz-json-1.0"}, "{}")
                self.assertEqual(status, 400)
                self.assertEqual(json.loads(body)["__type"], "com.amazon.coral.service#UnknownOperationException")
                self.assertIn("x-amz-crc32", headers)

    def test_malformed_form_bodies(self):
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        cases = [
            ("Action=DescribeRegions&Version=2016-11-15&RegionName.1=%zz", "MalformedQueryString", 400),
            ("Action=LaunchRockets&Version=2016-11-15", "InvalidAction", 400),
            ("Version=2016-11-15", "MissingAction", 400),
            ("Action=GetCallerIdentity&Version=2011-06-15&Extra.member.x=1", None, 200),
        ]
        for body, code, status in cases:
            with self.subTest(body=body):
                got_status, headers, text = post(self.server.endpoint, form, body)
                self.assertEqual(got_status, status, text)
                if code:
                    self.assertIn(f"<Code>{code}</Code>", text)
                self.assertIn("x-amzn-RequestId", headers)
        self.assert_still_serving()

    def test_garbled_authorization_headers(self):
        cases = [
            ("AWS4", "MissingAuthenticationToken"),
            ("AWS4-HMAC-SHA256 garbage", "IncompleteSignature"),
            ("AWS4-HMAC-SHA256 Credential=a, Signature=b", "IncompleteSignature"),
        ]
        for header, code in cases:
            with self.subTest(header=header):
                status, _, text = post(self.server.endpoint,
                                       {"Content-Type": "application/x-www-form-urlencoded", "Authorization": header,
                                        "X-Amz-Date": "20261121T000000Z"},
                                       "Action=GetCallerIdentity&Version=2011-06-15")
                self.assertIn(f"<Code>{code}</Code>", text)
                self.assertIn(status, (400, 403))
        # Any SDK-signed request with an unknown key but no signature checking is accepted.
        self.assert_still_serving()

    def test_get_root_and_unknown_paths(self):
        conn = http.client.HTTPConnection(self.server.endpoint.split("//")[1], timeout=10)
        conn.request("GET", "/")
        response = conn.getresponse()
        self.assertEqual(response.status, 200)
        self.assertIn(b"healthy", response.read())
        conn.request("PUT", "/")
        response = conn.getresponse()
        self.assertEqual(response.status, 404)
        response.read()


class AdminTest(ServerTestCase):
    CONFIG = CONFIG + """
limits:
  - match: {service: ec2}
    buckets:
      DescribeRegions: {rate: 0.5, burst: 3}
"""

    def test_health(self):
        status, body = self.server.admin("/_chokepoint/health")
        self.assertEqual(status, 200)
        self.assertEqual(body["status"], "ok")
        self.assertIn("ec2", body["services"])

    def test_config_is_effective_and_redacted(self):
        status, body = self.server.admin("/_chokepoint/config")
        self.assertEqual(status, 200)
        text = json.dumps(body)
        self.assertNotIn("alice-secret", text)
        self.assertIn("AKIAALICEEXAMPLE0001", text)

    def test_buckets_reset_and_filters(self):
        ec2_a = self.server.client("ec2", access_key="222222222222", retries={"total_max_attempts": 1})
        ec2_a.describe_regions()
        status, body = self.server.admin("/_chokepoint/buckets?account=222222222222&service=ec2")
        self.assertEqual(status, 200)
        buckets = {b["bucket"]: b for b in body["buckets"]}
        self.assertIn("DescribeRegions", buckets)
        self.assertLess(buckets["DescribeRegions"]["tokens"], 3)
        self.assertEqual(buckets["DescribeRegions"]["burst"], 3)
        status, body = self.server.admin("/_chokepoint/buckets?account=999999999999")
        self.assertEqual(body["buckets"], [])
        self.assertEqual(self.server.admin("/_chokepoint/reset", "POST")[0], 200)
        _, body = self.server.admin("/_chokepoint/buckets?account=222222222222&service=ec2")
        self.assertEqual({b["bucket"]: b["tokens"] for b in body["buckets"]}["DescribeRegions"], 3)

    def test_unknown_admin_path(self):
        status, body = self.server.admin("/_chokepoint/nope")
        self.assertEqual(status, 404)
        self.assertIn("error", body)


class ReloadTest(unittest.TestCase):
    def test_reload_keeps_levels_and_rejects_bad_files(self):
        limited = "limits:\n  - match: {service: sts}\n    buckets: {GetCallerIdentity: {rate: 0.01, burst: 2}}\n"
        with Server(limited) as server:
            sts = server.client("sts", retries={"total_max_attempts": 1})
            sts.get_caller_identity()
            sts.get_caller_identity()
            with self.assertRaises(ClientError) as e:
                sts.get_caller_identity()
            self.assertEqual(e.exception.response["Error"]["Code"], "Throttling")

            # A broken file is refused and nothing changes.
            with open(server.config_path, "w") as f:
                f.write("limits:\n  - match: {servce: sts}\n")
            status, body = server.admin("/_chokepoint/config/reload", "POST")
            self.assertEqual(status, 400)
            self.assertTrue(any(":2:" in e and "servce" in e for e in body["errors"]), body)
            with self.assertRaises(ClientError):
                sts.get_caller_identity()

            # A larger burst applies at once, but the drained level survives the reload.
            with open(server.config_path, "w") as f:
                f.write(limited.replace("burst: 2", "burst: 50"))
            server.process.send_signal(signal.SIGHUP)

            def reloaded():
                limits = server.admin("/_chokepoint/config")[1]["limits"]
                return limits[0]["buckets"]["GetCallerIdentity"]["burst"] == 50
            self.assertTrue(wait_until(reloaded))
            # The view shows the new size before the bucket is next used.
            _, levels = server.admin("/_chokepoint/buckets?service=sts")
            self.assertEqual((levels["buckets"][0]["rate"], levels["buckets"][0]["burst"]), (0.01, 50))
            self.assertLess(levels["buckets"][0]["tokens"], 1)
            with self.assertRaises(ClientError):
                sts.get_caller_identity()
            _, levels = server.admin("/_chokepoint/buckets?service=sts")
            self.assertEqual(levels["buckets"][0]["burst"], 50)
            self.assertLess(levels["buckets"][0]["tokens"], 1)


class ShutdownTest(unittest.TestCase):
    def test_sigterm_exits_zero_quickly(self):
        server = Server().start()
        server.client("sts").get_caller_identity()
        started = time.monotonic()
        self.assertEqual(server.stop(), 0)
        self.assertLess(time.monotonic() - started, 5)

    def test_sigterm_right_after_the_listening_line_exits_zero(self):
        # A supervisor may stop the server as soon as it has read "listening on": SIGTERM must already drain it
        # then, not kill it with the signal's default action.
        for _ in range(10):
            server = Server().start()
            self.assertEqual(server.stop(), 0, server.stderr())

    def test_check_config_reports_file_line_column_path(self):
        from harness import BINARY
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write("server:\n  threads: many\nauth:\n  require_signatur: true\n")
            path = f.name
        try:
            out = subprocess.run([BINARY, "check-config", path], capture_output=True, text=True)
            self.assertEqual(out.returncode, 2)
            self.assertIn(f"{path}:2:12: server.threads:", out.stderr)
            self.assertIn(f"{path}:4:3: auth.require_signatur: unknown key", out.stderr)
            good = subprocess.run([BINARY, "print-default-config"], capture_output=True, text=True)
            self.assertEqual(good.returncode, 0)
            with open(path, "w") as f:
                f.write(good.stdout)
            self.assertEqual(subprocess.run([BINARY, "check-config", path], capture_output=True).returncode, 0)
        finally:
            os.unlink(path)

    def test_port_in_use_fails_cleanly(self):
        with Server() as first:
            port = first.endpoint.rsplit(":", 1)[1]
            from harness import BINARY
            out = subprocess.run([BINARY, "--listen", f"127.0.0.1:{port}"], capture_output=True, text=True,
                                 timeout=10)
            self.assertNotEqual(out.returncode, 0)
            self.assertIn("cannot listen", out.stderr)



class RunScriptHelpTest(unittest.TestCase):
    def test_help_prints_usage_and_installs_and_builds_nothing(self):
        # A copy of the script in a tree with no setup or build scripts: any attempt to install or build fails.
        with tempfile.TemporaryDirectory() as tree:
            os.mkdir(os.path.join(tree, "scripts"))
            shutil.copy(ROOT / "scripts" / "run.sh", os.path.join(tree, "scripts", "run.sh"))
            for flag in ("--help", "-h"):
                out = subprocess.run(["bash", os.path.join(tree, "scripts", "run.sh"), flag],
                                     capture_output=True, text=True, timeout=30)
                self.assertEqual(out.returncode, 0, out.stderr)
                self.assertIn("scripts/run.sh --config my.yaml", out.stdout)
                self.assertIn("build/chokepoint --help", out.stdout)
                self.assertEqual(sorted(os.listdir(tree)), ["scripts"])
        # With the server built, its own usage follows.
        if not (ROOT / "build" / "chokepoint").exists():
            return
        out = subprocess.run(["bash", str(ROOT / "scripts" / "run.sh"), "--help"], capture_output=True, text=True,
                             timeout=30)
        self.assertIn("chokepoint check-config FILE", out.stdout)


if __name__ == "__main__":
    unittest.main()
