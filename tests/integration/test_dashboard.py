"""The dashboard (GET /_chokepoint/ui/) in a real browser: headless Chromium driven over the DevTools protocol.

Each test starts its own Chromium with --remote-debugging-pipe: the protocol's JSON messages, each ended by a NUL
byte, go in on the browser's fd 3 and come out on its fd 4, so no websocket library is needed. The tests check that
the page loads without console errors or exceptions, that each view shows what the server's own endpoints say
(throttle counts, bucket levels, the hot partition), that its fault form adds a rule a boto3 client then meets,
that a user agent carrying markup stays text, and that a foreign Origin cannot change anything. A screenshot of
each view goes to dashboard-screenshots/ next to the binary under test. Skipped when Chromium is not installed
(Debian: apt-get install chromium; scripts/setup.sh --test installs it).
"""
import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

from botocore.exceptions import ClientError

import prometheus_format
from harness import BINARY, DEFAULT_KEY, ServerTestCase

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(BINARY).resolve().parent / "dashboard-screenshots"
BURST = "111111111111"  # its SSM ParameterReads bucket holds 5 calls and refills one every 100 s
SCALING = "222222222233"  # the quotas-and-scaling test's account
EVIL_AGENT = "<img src=x onerror=alert(1)>"
WAIT = 20  # seconds any single wait may take


class DevToolsError(Exception):
    pass


class DevTools:
    """A Chromium process and its DevTools protocol over the pipe (fd 3: commands in, fd 4: answers and events)."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="chokepoint-chromium-")
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()
        # The child's fds 3 and 4 must be these pipes: copy them out of the way first, so that moving one into place
        # cannot close the other.
        high_read = fcntl.fcntl(commands_read, fcntl.F_DUPFD, 100)
        high_write = fcntl.fcntl(answers_write, fcntl.F_DUPFD, 100)
        os.close(commands_read)
        os.close(answers_write)

        def into_place():
            os.dup2(high_read, 3)
            os.dup2(high_write, 4)

        args = [CHROMIUM, "--headless=new", "--no-sandbox", "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--mute-audio", "about:blank"]
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, pass_fds=(3, 4), preexec_fn=into_place)
        os.close(high_read)
        os.close(high_write)
        self._next_id = 0
        self._answers_by_id = {}
        self.events = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        buffer = b""
        while True:
            try:
                chunk = os.read(self._answers, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                with self._changed:
                    if "id" in message:
                        self._answers_by_id[message["id"]] = message
                    else:
                        self.events.append(message)
                    self._changed.notify_all()
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    _closed = False

    def call(self, method, params=None, attachment=None, timeout=WAIT):
        with self._changed:
            self._next_id += 1
            call_id = self._next_id
        message = {"id": call_id, "method": method, "params": params or {}}
        if attachment:
            message["sessionId"] = attachment
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._changed:
            while call_id not in self._answers_by_id:
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise DevToolsError(f"no answer to {method} within {timeout} s")
                self._changed.wait(left)
            answer = self._answers_by_id.pop(call_id)
        if "error" in answer:
            raise DevToolsError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def wait_event(self, method, since=0, timeout=WAIT):
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for event in self.events[since:]:
                    if event["method"] == method:
                        return event
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise DevToolsError(f"no {method} event within {timeout} s")
                self._changed.wait(left)

    def close(self):
        try:
            if self.process.poll() is None:
                try:
                    self.call("Browser.close", timeout=5)
                except (DevToolsError, OSError):
                    pass
                try:
                    self.process.wait(5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(5)
        finally:
            for fd in (self._commands, self._answers):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """The browser's one tab, attached in flat mode: page-level commands carry the attachment's id."""

    def __init__(self, devtools):
        self.devtools = devtools
        targets = devtools.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.attachment = devtools.call("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})[
            "sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": 860, "deviceScaleFactor": 1, "mobile": False})

    def call(self, method, params=None, timeout=WAIT):
        return self.devtools.call(method, params, attachment=self.attachment, timeout=timeout)

    def open(self, url):
        since = len(self.devtools.events)
        answer = self.call("Page.navigate", {"url": url})
        if answer.get("errorText"):
            raise DevToolsError(f"navigating to {url}: {answer['errorText']}")
        self.devtools.wait_event("Page.loadEventFired", since)

    def evaluate(self, expression):
        answer = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in answer:
            raise DevToolsError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def wait_for(self, expression, timeout=WAIT, what=None):
        """Polls `expression` until it is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {what or expression}")
            time.sleep(0.1)

    def show(self, view):
        self.evaluate(f"document.querySelector('#tabs button[data-view=\"{view}\"]').click()")
        self.wait_for(f"document.getElementById('view-{view}').classList.contains('active')")

    def screenshot(self, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        (SCREENSHOTS / f"{name}.png").write_bytes(base64.b64decode(data))

    def problems(self):
        """Console errors, uncaught exceptions and error log entries so far."""
        found = []
        for event in self.devtools.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("exception", {}).get("description")
                             or params["exceptionDetails"].get("text"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console." + params["type"] + ": " + " ".join(
                    str(a.get("value", a.get("description"))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append("log: " + params["entry"].get("text", "") + " " + params["entry"].get("url", ""))
        return found

    def dialogs(self):
        return [e for e in self.devtools.events if e["method"] == "Page.javascriptDialogOpening"]


def js(value):
    """A Python string as a JavaScript string literal."""
    return json.dumps(value)


@unittest.skipUnless(CHROMIUM, "Chromium is not installed (Debian: apt-get install chromium, or "
                               "scripts/setup.sh --test): the dashboard's browser tests need it")
class DashboardTest(ServerTestCase):
    CONFIG = f"""
limits:
  - match: {{service: ssm, account: "{BURST}"}}
    buckets: {{ParameterReads: {{rate: 0.01, burst: 5}}}}
dynamodb:
  capacity:
    partitions: {{hot: 4}}
    burst_window_seconds: 1
"""

    def setUp(self):
        self.server.admin("/_chokepoint/faults", "DELETE")
        self.devtools = DevTools()
        self.page = Page(self.devtools)

    def tearDown(self):
        self.devtools.close()
        self.server.admin("/_chokepoint/clock", "POST", {"mode": "real"})

    def open_dashboard(self, view="throttling"):
        self.page.open(self.server.endpoint + "/_chokepoint/ui/")
        self.page.wait_for("document.getElementById('status').textContent.startsWith('updated')",
                           what="the first refresh")
        self.page.show(view)

    def assert_page_clean(self):
        self.assertEqual(self.page.problems(), [])
        self.assertEqual(self.page.dialogs(), [])

    def metric(self, name, **labels):
        with urllib.request.urlopen(self.server.endpoint + "/_chokepoint/metrics", timeout=10) as response:
            return prometheus_format.value(prometheus_format.parse(response.read().decode()), name, **labels)

    def test_page_loads_without_errors_and_every_view_renders(self):
        with urllib.request.urlopen(self.server.endpoint + "/_chokepoint/ui", timeout=10) as response:
            self.assertTrue(response.url.endswith("/_chokepoint/ui/"))  # followed the redirect
            self.assertIn("script-src 'self'", response.headers["Content-Security-Policy"])
            self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.open_dashboard()
        for view in ("throttling", "dynamodb", "clients", "faults", "scaling", "clock"):
            self.page.show(view)
            self.page.wait_for("document.getElementById('status').textContent.startsWith('updated')")
        time.sleep(1.5)  # a few more refreshes
        self.assert_page_clean()

    def test_throttled_burst_shows_the_empty_bucket_and_the_servers_throttle_count(self):
        ssm = self.server.client("ssm", access_key=BURST, retries={"total_max_attempts": 1})
        ssm.put_parameter(Name="/dashboard/burst", Value="v", Type="String")
        self.open_dashboard("throttling")
        throttled = 0
        for _ in range(12):
            try:
                ssm.get_parameter(Name="/dashboard/burst")
            except ClientError as e:
                self.assertEqual(e.response["Error"]["Code"], "ThrottlingException")
                throttled += 1
        self.assertEqual(throttled, 7)
        counted = self.metric("chokepoint_requests_total", service="ssm", operation="GetParameter", account=BURST,
                              region="us-east-1", outcome="throttled")
        self.assertEqual(counted, throttled)

        row = f"#operations-table tr[data-account='{BURST}'][data-operation='GetParameter']"
        shown = self.page.wait_for(
            f"(() => {{ const c = document.querySelector({js(row + ' .throttled-total')});"
            f" return c && c.textContent === {js(str(int(counted)))} && c.textContent; }})()",
            what="the throttled count in the operations table")
        self.assertEqual(shown, str(int(counted)))
        bucket = f"#buckets-table tr[data-account='{BURST}'][data-service='ssm'][data-bucket='ParameterReads']"
        level = self.page.wait_for(f"(() => {{ const r = document.querySelector({js(bucket)});"
                                   f" return r && [Number(r.dataset.tokens), Number(r.dataset.burst)]; }})()",
                                   what="the ParameterReads bucket")
        self.assertLess(level[0], 0.1 * level[1])  # near empty: under a tenth of its burst
        self.assertEqual(level[1], 5)
        self.page.wait_for(f"document.querySelectorAll({js(bucket + ' .sparkline polyline')})[0]"
                           f".getAttribute('points').split(' ').length >= 3", what="a sparkline of 3 samples")

        self.page.evaluate("(() => { const f = document.getElementById('throttling-filter'); f.value = 'ParameterReads';"
                           " f.dispatchEvent(new Event('input')); })()")
        self.page.wait_for("document.querySelectorAll('#buckets-table tbody tr').length >= 1 && "
                           "[...document.querySelectorAll('#buckets-table tbody tr')]"
                           ".every(r => r.dataset.bucket === 'ParameterReads')", what="the filtered buckets")
        self.page.evaluate("(() => { const f = document.getElementById('throttling-filter'); f.value = '';"
                           " f.dispatchEvent(new Event('input')); })()")
        self.page.screenshot("throttling")
        self.assert_page_clean()

    def test_hot_partition_is_marked_in_the_heat_map(self):
        ddb = self.server.client("dynamodb", retries={"total_max_attempts": 1})
        ddb.create_table(TableName="hot", AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                         ProvisionedThroughput={"ReadCapacityUnits": 4, "WriteCapacityUnits": 8})
        for second in range(3):
            for i in range(6):
                self.put_ignoring_throttles(ddb, f"cold-{second}-{i}")
            for i in range(25):
                self.put_ignoring_throttles(ddb, "the-hot-key")
            time.sleep(0.6)
        view = self.server.admin(f"/_chokepoint/dynamodb/tables/{DEFAULT_KEY}/us-east-1/hot")[1]
        partitions = view["capacity"]["table"]["partitions"]
        self.assertEqual(len(partitions), 4)
        busiest = max(partitions, key=lambda p: p["consumed_last_minute"]["write"] + p["throttled_last_minute"]["write"])

        self.open_dashboard("dynamodb")
        self.page.evaluate(f"(() => {{ const s = document.getElementById('dynamodb-table');"
                           f" s.value = {js(json.dumps([DEFAULT_KEY, 'us-east-1', 'hot'], separators=(',', ':')))};"
                           f" s.dispatchEvent(new Event('change')); }})()")
        hot = self.page.wait_for(
            "(() => { const hot = document.querySelectorAll('#dynamodb-heatmaps g.partition[data-hot=\"true\"]');"
            " return document.querySelectorAll('#dynamodb-heatmaps g.partition').length === 4 && hot.length === 1"
            " && hot[0].dataset.partition; })()", what="one hot partition of four")
        self.assertEqual(int(hot), busiest["index"])
        self.assertTrue(self.page.evaluate(
            "document.querySelectorAll('#dynamodb-heatmaps g.partition.hot rect.throttled').length > 0"))
        self.page.screenshot("dynamodb")
        self.assert_page_clean()

    @staticmethod
    def put_ignoring_throttles(ddb, key):
        try:
            ddb.put_item(TableName="hot", Item={"pk": {"S": key}, "payload": {"S": "x" * 100}})
        except ClientError as e:
            if e.response["Error"]["Code"] != "ProvisionedThroughputExceededException":
                raise

    def test_fault_added_from_the_form_throttles_the_next_three_calls(self):
        ssm = self.server.client("ssm", retries={"mode": "standard", "total_max_attempts": 6})
        ssm.put_parameter(Name="/dashboard/faulted", Value="v", Type="String", Overwrite=True)
        self.open_dashboard("faults")
        self.page.evaluate("""(() => {
            const form = document.getElementById('fault-form');
            form.elements.service.value = 'ssm';
            form.elements.operation.value = 'GetParameter';
            form.elements.action.value = 'throttle';
            form.elements.count.value = '3';
            document.getElementById('fault-add').click();
        })()""")
        rule_id = self.page.wait_for(
            "(() => { const t = document.getElementById('fault-form-result').textContent;"
            " return t.startsWith('added ') && t.slice(6); })()", what="the rule's id")
        status, rule = self.server.admin(f"/_chokepoint/faults/{rule_id}")
        self.assertEqual(status, 200)
        self.assertEqual((rule["service"], rule["operation"], rule["throttle"], rule["count"]),
                         ("ssm", ["GetParameter"], True, 3))
        row = f"#faults-table tr[data-id={js(rule_id)}]"
        self.page.wait_for(f"document.querySelector({js(row + ' .remaining')})?.textContent === '3'")

        answer = ssm.get_parameter(Name="/dashboard/faulted")
        self.assertEqual(answer["ResponseMetadata"]["RetryAttempts"], 3)
        self.assertEqual(answer["Parameter"]["Value"], "v")
        self.page.wait_for(f"document.querySelector({js(row + ' .applied')})?.textContent === '3'",
                           what="the rule's applied count in the list")

        self.page.show("clients")
        self.page.wait_for("[...document.querySelectorAll('.card')].some(c =>"
                           " c.querySelector('[data-attempts=\"4\"]') && c.querySelector('.chart circle.p50'))",
                           what="a client with a 4-attempt invocation and its waits")
        self.page.screenshot("clients")

        # A second rule, an error with a probability, added and then removed from the list.
        self.page.show("faults")
        self.page.evaluate("""(() => {
            const form = document.getElementById('fault-form');
            form.elements.service.value = 'dynamodb';
            form.elements.operation.value = 'Query';
            form.elements.action.value = 'error';
            form.elements.count.value = '';
            form.elements.probability.value = '0.25';
            form.elements.error_code.value = 'InternalServerError';
            form.elements.error_status.value = '500';
            document.getElementById('fault-add').click();
        })()""")
        second = self.page.wait_for(
            f"(() => {{ const t = document.getElementById('fault-form-result').textContent;"
            f" return t.startsWith('added ') && t.slice(6) !== {js(rule_id)} && t.slice(6); }})()",
            what="the second rule's id")
        row = f"#faults-table tr[data-id={js(second)}]"
        self.page.wait_for(f"document.querySelector({js(row + ' .action')})?.textContent === "
                           f"'error InternalServerError 500'")
        self.page.screenshot("faults")
        self.page.evaluate(f"document.querySelector({js(row + ' button.remove')}).click()")
        self.page.wait_for(f"!document.querySelector({js(row)})", what="the removed rule to leave the list")
        self.assertEqual(self.server.admin(f"/_chokepoint/faults/{second}")[0], 404)
        self.assert_page_clean()

    def test_user_agent_with_markup_is_shown_as_text(self):
        evil = self.server.client("ssm", user_agent_extra=EVIL_AGENT)
        evil.describe_parameters()
        self.open_dashboard("clients")
        self.page.wait_for(f"[...document.querySelectorAll('.card .user-agent')]"
                           f".some(h => h.textContent.includes({js(EVIL_AGENT)}))",
                           what="the user agent shown as text")
        time.sleep(1.5)  # more refreshes: none of them may turn it into markup
        self.assertEqual(self.page.evaluate("document.querySelectorAll('img').length"), 0)
        self.assertTrue(self.page.evaluate(f"document.body.innerHTML.includes({js('&lt;img src=x onerror=alert(1)&gt;')})"))
        self.assertEqual(self.page.dialogs(), [])
        self.assert_page_clean()

    def test_quota_requests_scalable_targets_and_activities_are_shown(self):
        quotas = self.server.client("service-quotas", access_key=SCALING)
        opened = quotas.request_service_quota_increase(ServiceCode="ssm", QuotaCode="CP-ParameterReads",
                                                       DesiredValue=100)["RequestedQuota"]
        ddb = self.server.client("dynamodb", access_key=SCALING)
        ddb.create_table(TableName="dash-scaled", AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                         ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5})
        scaling = self.server.client("application-autoscaling", access_key=SCALING)
        # A minimum above the table's capacity raises it at once: one scaling activity.
        scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/dash-scaled",
                                         ScalableDimension="dynamodb:table:WriteCapacityUnits", MinCapacity=10,
                                         MaxCapacity=40)
        self.open_dashboard("scaling")
        status = self.page.wait_for(
            f"(() => {{ const r = document.querySelector({js('#quota-requests-table tr[data-id=' + js(opened['Id']) + ']')});"
            " return r && r.querySelector('.status').textContent; })()", what="the quota request's row")
        self.assertIn(status, ("PENDING", "CASE_OPENED", "APPROVED"))
        target = self.page.wait_for(
            "(() => { const r = document.querySelector(\"#scaling-targets-table tr[data-resource='table/dash-scaled']\");"
            " return r && r.textContent; })()", what="the scalable target's row")
        self.assertIn("dynamodb:table:WriteCapacityUnits", target)
        activity = self.page.wait_for(
            "(() => { const d = [...document.querySelectorAll('#scaling-activities-table .description')]"
            ".map(c => c.textContent).find(t => t.includes('Setting write capacity units to 10')); return d; })()",
            what="the scaling activity")
        self.assertEqual(activity, "Setting write capacity units to 10.")
        self.page.screenshot("scaling")
        self.assert_page_clean()

    def test_clock_freezes_advances_and_resumes(self):
        self.open_dashboard("clock")
        self.page.evaluate("document.getElementById('clock-freeze').click()")
        self.page.wait_for("document.getElementById('clock-mode').textContent === 'manual'")
        self.assertEqual(self.server.admin("/_chokepoint/clock")[1]["mode"], "manual")
        before = self.server.admin("/_chokepoint/clock")[1]["now"]
        self.page.evaluate("document.getElementById('clock-advance-by').value = '90s';"
                           "document.getElementById('clock-advance').click()")
        self.page.wait_for("document.getElementById('clock-result').textContent === 'advanced by 90s'")
        after = self.server.admin("/_chokepoint/clock")[1]["now"]
        self.assertEqual(parse_time(after) - parse_time(before), 90)
        self.page.wait_for(f"document.getElementById('clock-now').textContent === {js(after)}")
        self.page.screenshot("clock")
        self.page.evaluate("document.getElementById('clock-resume').click()")
        self.page.wait_for("document.getElementById('clock-mode').textContent === 'real'")
        self.assertEqual(self.server.admin("/_chokepoint/clock")[1]["mode"], "real")
        self.assert_page_clean()

    def test_another_origin_cannot_add_a_fault(self):
        rule = json.dumps({"service": "ssm", "throttle": True}).encode()
        request = urllib.request.Request(self.server.endpoint + "/_chokepoint/faults", data=rule, method="POST",
                                         headers={"Content-Type": "application/json",
                                                  "Origin": "http://evil.example"})
        with self.assertRaises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        self.assertEqual(refused.exception.code, 403)
        self.assertEqual(self.server.admin("/_chokepoint/faults")[1]["faults"], [])


@unittest.skipUnless(CHROMIUM, "Chromium is not installed (Debian: apt-get install chromium, or "
                               "scripts/setup.sh --test): the dashboard's browser tests need it")
class DashboardTokenTest(ServerTestCase):
    """With admin.token set the page loads, asks for the token, and then shows the data the token unlocks."""
    TOKEN = "dashboard-token-0123456789"
    CONFIG = f"admin: {{token: {TOKEN}}}\n"

    def setUp(self):
        self.devtools = DevTools()
        self.page = Page(self.devtools)

    def tearDown(self):
        self.devtools.close()

    def test_the_page_asks_for_the_token_and_then_works(self):
        self.page.open(self.server.endpoint + "/_chokepoint/ui/")
        self.page.wait_for("!document.getElementById('token-form').hidden", what="the token form")
        self.page.wait_for("document.getElementById('status').classList.contains('error')")
        self.page.evaluate("document.getElementById('token-input').value = 'wrong';"
                           "document.getElementById('token-use').click()")
        self.page.wait_for("!document.getElementById('token-form').hidden", what="the form back after a wrong token")
        self.page.evaluate(f"document.getElementById('token-input').value = {js(self.TOKEN)};"
                           "document.getElementById('token-use').click()")
        self.page.wait_for("document.getElementById('status').textContent.startsWith('updated')",
                           what="a refresh with the token")
        self.page.show("faults")
        self.page.wait_for("document.querySelector('#faults-table tbody td') !== null", what="the fault rules")
        self.assertTrue(self.page.evaluate("document.getElementById('token-form').hidden"))
        self.assertNotIn(self.TOKEN, self.page.evaluate("location.href"))
        exceptions = [e for e in self.devtools.events if e["method"] == "Runtime.exceptionThrown"]
        self.assertEqual(exceptions, [])


def parse_time(text):
    """Seconds since the epoch of "2026-12-07T10:00:00.000Z"."""
    from datetime import datetime
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()


if __name__ == "__main__":
    unittest.main()
