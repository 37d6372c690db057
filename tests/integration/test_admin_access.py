"""Control API safety: open to local processes on a loopback address, token-protected when admin.token (or
$CHOKEPOINT_ADMIN_TOKEN) is set, the token never shown or logged, and a config reload that fails validation
changes nothing, the token included. (Listening on a non-loopback address disables the API without a token;
tests/unit/admin/admin_access_test.cpp covers that, since these tests listen on 127.0.0.1 only.)"""
import json
import os
import subprocess
import unittest
import urllib.error
import urllib.request
from unittest import mock

from harness import BINARY, Server

TOKEN = "admin-token-0123456789abcdef"
OTHER = "another-token-fedcba9876543210"


def admin_call(server, path, method="GET", headers=None):
    """(status, parsed JSON body, headers) of a control API call."""
    request = urllib.request.Request(server.endpoint + path, method=method, headers=headers or {},
                                     data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null"), response.headers
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null"), e.headers


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


class LoopbackWithoutTokenTest(unittest.TestCase):
    def test_local_processes_may_use_the_control_api(self):
        with mock.patch.dict(os.environ, {}, clear=False):
            os.environ.pop("CHOKEPOINT_ADMIN_TOKEN", None)
            with Server() as server:
                self.assertEqual(admin_call(server, "/_chokepoint/health")[0], 200)
                self.assertEqual(admin_call(server, "/_chokepoint/reset", "POST")[0], 200)

    def test_a_web_page_of_another_origin_cannot_change_anything(self):
        with mock.patch.dict(os.environ, {}, clear=False):
            os.environ.pop("CHOKEPOINT_ADMIN_TOKEN", None)
            with Server() as server:
                own = server.endpoint  # http://127.0.0.1:PORT, the Origin of the server's own pages
                for path in ("/_chokepoint/reset", "/_chokepoint/clock"):
                    status, body, _ = admin_call(server, path, "POST", {"Origin": "http://evil.example"})
                    self.assertEqual(status, 403, path)
                    self.assertIn("another origin", body["error"])
                self.assertEqual(admin_call(server, "/_chokepoint/reset", "POST", {"Origin": own})[0], 200)
                self.assertEqual(admin_call(server, "/_chokepoint/buckets", "GET",
                                            {"Origin": "http://evil.example"})[0], 200)


class TokenTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(f"admin: {{token: {TOKEN}}}\n").start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_requests_without_the_token_are_refused(self):
        for path, method in (("/_chokepoint/buckets", "GET"), ("/_chokepoint/reset", "POST"),
                             ("/_chokepoint/config", "GET"), ("/_localstack/chaos/faults", "GET")):
            with self.subTest(path=path):
                status, body, headers = admin_call(self.server, path, method)
                self.assertEqual(status, 401, body)
                self.assertIn("Bearer", headers.get("WWW-Authenticate", ""))
                status, body, _ = admin_call(self.server, path, method, bearer("wrong-token"))
                self.assertEqual(status, 401, body)
                self.assertNotIn(TOKEN, json.dumps(body))

    def test_health_needs_no_token(self):
        # Container health checks and CI service checks probe it without credentials.
        self.assertEqual(admin_call(self.server, "/_chokepoint/health")[0], 200)

    def test_the_token_is_accepted_in_either_header(self):
        self.assertEqual(admin_call(self.server, "/_chokepoint/buckets", headers=bearer(TOKEN))[0], 200)
        self.assertEqual(admin_call(self.server, "/_chokepoint/buckets",
                                    headers={"x-chokepoint-admin-token": TOKEN})[0], 200)

    def test_aws_calls_need_no_admin_token(self):
        self.assertEqual(self.server.client("sts").get_caller_identity()["Account"], "123456789012")

    def test_ctl_sends_the_token_from_the_flag_or_the_environment(self):
        env = {k: v for k, v in os.environ.items() if k != "CHOKEPOINT_ADMIN_TOKEN"}
        base = [BINARY, "ctl", "--endpoint", self.server.endpoint]
        refused = subprocess.run(base + ["buckets"], capture_output=True, text=True, timeout=30, env=env)
        self.assertEqual(refused.returncode, 1, refused.stdout + refused.stderr)
        flag = subprocess.run(base[:2] + ["--token", TOKEN] + base[2:] + ["buckets"], capture_output=True, text=True,
                              timeout=30, env=env)
        self.assertEqual(flag.returncode, 0, flag.stdout + flag.stderr)
        from_env = subprocess.run(base + ["buckets"], capture_output=True, text=True, timeout=30,
                                  env=dict(env, CHOKEPOINT_ADMIN_TOKEN=TOKEN))
        self.assertEqual(from_env.returncode, 0, from_env.stdout + from_env.stderr)

    def test_the_token_is_never_shown_or_logged(self):
        status, config, _ = admin_call(self.server, "/_chokepoint/config", headers=bearer(TOKEN))
        self.assertEqual(status, 200)
        self.assertEqual(config["admin"]["token"], "***")
        self.assertNotIn(TOKEN, json.dumps(config))
        self.assertNotIn(TOKEN, self.server.stderr())


class EnvironmentTokenTest(unittest.TestCase):
    def test_the_token_may_come_from_the_environment(self):
        with mock.patch.dict(os.environ, {"CHOKEPOINT_ADMIN_TOKEN": TOKEN}):
            server = Server().start()
        try:
            self.assertEqual(admin_call(server, "/_chokepoint/buckets")[0], 401)
            self.assertEqual(admin_call(server, "/_chokepoint/buckets", headers=bearer(TOKEN))[0], 200)
        finally:
            server.stop()


class FailedReloadTest(unittest.TestCase):
    def test_a_reload_that_fails_validation_keeps_the_old_token_and_everything_else(self):
        limited = "limits:\n  - match: {service: sts}\n    buckets: {GetCallerIdentity: {rate: 0.01, burst: 7}}\n"
        with Server(f"admin: {{token: {TOKEN}}}\n" + limited) as server:
            with open(server.config_path, "w") as f:
                f.write(f"admin: {{token: {OTHER}}}\n" + limited.replace("burst: 7", "burst: 9") + "bogus: 1\n")
            status, body, _ = admin_call(server, "/_chokepoint/config/reload", "POST", bearer(TOKEN))
            self.assertEqual(status, 400, body)
            self.assertTrue(any("bogus" in e for e in body["errors"]), body)
            self.assertEqual(admin_call(server, "/_chokepoint/buckets", headers=bearer(OTHER))[0], 401)
            status, config, _ = admin_call(server, "/_chokepoint/config", headers=bearer(TOKEN))
            self.assertEqual(status, 200)
            self.assertEqual(config["limits"][0]["buckets"]["GetCallerIdentity"]["burst"], 7)

            # A valid file takes effect: the new token replaces the old one.
            with open(server.config_path, "w") as f:
                f.write(f"admin: {{token: {OTHER}}}\n" + limited)
            self.assertEqual(admin_call(server, "/_chokepoint/config/reload", "POST", bearer(TOKEN))[0], 200)
            self.assertEqual(admin_call(server, "/_chokepoint/buckets", headers=bearer(TOKEN))[0], 401)
            self.assertEqual(admin_call(server, "/_chokepoint/buckets", headers=bearer(OTHER))[0], 200)


if __name__ == "__main__":
    unittest.main()
