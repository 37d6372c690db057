"""Runs every fenced code block of README.md and docs/cookbook.md against a server this test starts, so that a
document that drifts from the product fails the suite.

How a block runs, by its language:
  sh, bash     bash with -e and pipefail, in the repository root; console: its `$ ` lines (the rest is output)
  python       python3 (boto3)
  js           node, with the AWS SDK from tests/js/node_modules; skipped, saying so, when that is not installed
  yaml         `chokepoint check-config`: the block must be a whole, valid configuration
A block with no language is an output sample or a synopsis, and must carry a marker.

Each block (or group, below) gets its own server, on a free 127.0.0.1 port, with the built-in defaults. Before it
runs, the block is rewritten to use that server and the binary under test ($CHOKEPOINT_BIN):
  127.0.0.1:4566, localhost:4566            the server's address
  build/chokepoint, /usr/local/bin/chokepoint   the binary; `chokepoint` on PATH is the binary too, and its
                                            `ctl` talks to the server
  scripts/build.sh                          a check that the binary exists (the suite has built it already)
  /var/lib/chokepoint, /var/log/chokepoint  a temporary directory
It runs with fake credentials (access key 123456789012, us-east-1), with curl failing on an HTTP error answer,
and with HTTP(S)_PROXY pointing at a closed loopback port, so that an example that forgets its endpoint fails
here rather than calling AWS. AWS_ENDPOINT_URL is not set: the examples give --endpoint-url, which every CLI reads.

A block passes when it exits 0. Markers, HTML comments on the lines just above the fence, say otherwise:
  <!-- example: skip (REASON) -->       not run (Docker, apt, builds, benchmarks, output samples); listed with REASON
  <!-- example: server -->              the block's first command starts a server (`chokepoint ...` or
                                        `build/chokepoint ... &`): the test starts it itself with those arguments
                                        on a free port, runs the rest of the block against it, and requires it to
                                        answer /_chokepoint/health and to stop cleanly on SIGTERM
  <!-- example: group NAME -->          the group's blocks run in document order against one server, so that a
                                        later block can use what an earlier one made
  <!-- example: expect TEXT -->         the output must contain TEXT (whitespace is ignored)
  <!-- example: expect-error TEXT -->   the block must fail, and its output contain TEXT
  <!-- example: usage -->               a synopsis: each of its lines must appear in `chokepoint --help`
"""
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from harness import BINARY, ROOT, Server

DOCUMENTS = ["README.md", "docs/cookbook.md"]
JS_MODULES = ROOT / "tests" / "js" / "node_modules"
PARALLEL = 3  # blocks mostly wait (on recipes' rate limits, on the AWS CLI starting up)
BLOCK_TIMEOUT_SECONDS = 120

MARKER = re.compile(r"^\s*<!--\s*example:\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)```\s*([\w-]*)\s*$")
KINDS = ("skip", "server", "group", "expect", "expect-error", "usage")
SHELLS = ("sh", "bash", "console")

ADDRESS = re.compile(r"\b(?:localhost|127\.0\.0\.1):4566\b")
BINARY_PATH = re.compile(r"(?<![\w./-])(?:build|/usr/local/bin)/chokepoint\b")
BUILD_SCRIPT = re.compile(r"(?<![\w./-])scripts/build\.sh\b")
SYSTEM_DIRS = ("/var/lib/chokepoint", "/var/log/chokepoint")
# Not run even when unmarked: a block that installs, builds, runs the suite or a benchmark, or needs a container
# engine must be marked skip; one that starts a server (`chokepoint` without a subcommand) must be marked server.
REFUSED = re.compile(r"(?<![\w./-])(?:sudo|apt-get|apt|podman|docker|npm|pip3?|scripts/bench/\S+|"
                     r"scripts/(?:run|test|setup|fuzz|soak|sanitize)\.sh)(?=\s|$)")
SUBCOMMANDS = ("check-config", "print-default-config", "print-operations", "ctl", "--help", "-h", "--version")
SHELL_PREAMBLE = """set -eo pipefail
# An HTTP error answer fails the example, as a failed command does.
curl() { command curl --fail-with-body --max-time 30 "$@"; }
"""


@dataclass
class Block:
    document: str
    line: int  # of the opening fence
    language: str
    text: str
    markers: list = field(default_factory=list)  # (kind, argument)

    @property
    def name(self):
        return f"{self.document}:{self.line} ({self.language or 'no language'})"

    def marker(self, kind):
        return next((argument for k, argument in self.markers if k == kind), None)

    def arguments(self, kind):
        return [argument for k, argument in self.markers if k == kind]


@dataclass
class Outcome:
    block: Block
    skipped: str = None  # why it was not run
    problem: str = None  # why it failed
    seconds: float = 0.0


# --- reading the documents -------------------------------------------------------------------------------------

def parse_document(document):
    """The fenced blocks of a Markdown file, each with the markers just above it; and the marker problems found."""
    lines = (ROOT / document).read_text().splitlines()
    blocks, problems, pending = [], [], []
    i = 0
    while i < len(lines):
        marker, fence = MARKER.match(lines[i]), FENCE.match(lines[i])
        if marker:
            pending.append((i + 1, marker.group(1)))
        elif fence:
            indent, language = fence.groups()
            end = i + 1
            while end < len(lines) and not lines[end].strip().startswith("```"):
                end += 1
            body = "\n".join(line[len(indent):] for line in lines[i + 1:end]) + "\n"
            block = Block(document, i + 1, language, body)
            for line, text in pending:
                kind, argument = parse_marker(text)
                if kind in KINDS and (argument or kind in ("server", "usage")):
                    block.markers.append((kind, argument))
                else:
                    problems.append(f"{document}:{line}: {text!r}: markers are " + ", ".join(KINDS) +
                                    "; skip needs (a reason), group a name, expect and expect-error a text")
            blocks.append(block)
            pending, i = [], end
        elif pending:
            problems.append(f"{document}:{pending[0][0]}: a marker must be on the line just above a fence")
            pending = []
        i += 1
    return blocks, problems


def parse_marker(text):
    kind, _, argument = text.partition(" ")
    argument = argument.strip()
    if kind == "skip":
        reason = re.fullmatch(r"\((.+)\)", argument)
        return kind, reason.group(1) if reason else ""
    return kind, argument


def units_of(blocks):
    """What runs together, in document order: a group's blocks, or one block."""
    groups, units = {}, []
    for block in blocks:
        name = block.marker("group")
        if name is None:
            units.append([block])
        elif name in groups:
            groups[name].append(block)
        else:
            groups[name] = [block]
            units.append(groups[name])
    return units


# --- running a block -------------------------------------------------------------------------------------------

def squash(text):
    return "".join(text.split())


def run_process(argv, env, cwd):
    """(exit status, stdout and stderr). The process gets its own session, so that a timeout also ends whatever it
    started (a recipe's own server)."""
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=BLOCK_TIMEOUT_SECONDS)
        return process.returncode, output
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return None, f"{output}\n(timed out after {BLOCK_TIMEOUT_SECONDS} s)"


class Sandbox:
    """What one unit of blocks runs with: a temporary directory, a server, and an environment in which `chokepoint`
    is the binary under test and nothing but 127.0.0.1 can be reached."""

    def __init__(self, tmp, trap_port):
        self.tmp = Path(tmp)
        self.trap_port = trap_port
        self.server = None
        self.bin_dir = self.tmp / "bin"
        self.bin_dir.mkdir()

    def start_server(self, args=()):
        self.server = Server(args=args, cwd=ROOT).start()
        shim = self.bin_dir / "chokepoint"
        # CHOKEPOINT_ENDPOINT for the binary alone: `chokepoint ctl` reaches this server, while a recipe run by the
        # same block still starts its own server, as the cookbook says it does.
        shim.write_text(f"#!/bin/sh\nCHOKEPOINT_ENDPOINT={self.server.endpoint} exec {shlex.quote(BINARY)} \"$@\"\n")
        shim.chmod(0o755)

    def stop_server(self):
        """The server's exit status (None when none ran)."""
        return self.server.stop() if self.server else None

    def rewrite(self, text, shell):
        if self.server:
            text = ADDRESS.sub(self.server.endpoint.removeprefix("http://"), text)
        for directory in SYSTEM_DIRS:
            text = text.replace(directory, str(self.tmp / directory.strip("/").replace("/", "-")))
        if shell:
            text = BINARY_PATH.sub(shlex.quote(BINARY), text)
            text = BUILD_SCRIPT.sub(f"test -x {shlex.quote(BINARY)}", text)
        return text

    def environment(self):
        env = self.server.cli_env()
        for name in list(env):
            if name.startswith(("AWS_ENDPOINT_URL", "CHOKEPOINT_")) or name.lower().endswith("_proxy"):
                del env[name]
        trap = f"http://127.0.0.1:{self.trap_port}"
        env.update(HTTP_PROXY=trap, HTTPS_PROXY=trap, http_proxy=trap, https_proxy=trap,
                   NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost",
                   AWS_EC2_METADATA_DISABLED="true", CHOKEPOINT_BIN=BINARY, PYTHONDONTWRITEBYTECODE="1",
                   NODE_NO_WARNINGS="1", PATH=f"{self.bin_dir}:{env['PATH']}")
        return env

    def write(self, name, text):
        path = self.tmp / name
        path.write_text(text)
        return str(path)

    # One method per kind of block: each returns (exit status, output, what ran), or a str: why it was skipped.

    def run_shell(self, block, text):
        script = SHELL_PREAMBLE + self.rewrite(text, shell=True)
        return (*run_process(["bash", self.write("example.sh", script)], self.environment(), ROOT), script)

    def run_python(self, block, text):
        script = self.rewrite(text, shell=False)
        return (*run_process([sys.executable, self.write("example.py", script)], self.environment(), ROOT), script)

    def run_js(self, block, text):
        if not shutil.which("node"):
            return "node is not installed (Debian: apt-get install nodejs npm)"
        if not (JS_MODULES / "@aws-sdk").is_dir():
            return ("the AWS SDK for JavaScript is not installed: tests/js/run.sh installs it (npm ci in tests/js) "
                    "when node and npm are")
        js_dir = self.tmp / "js"
        js_dir.mkdir()
        (js_dir / "node_modules").symlink_to(JS_MODULES)  # node resolves imports from the script's directory up
        script = self.rewrite(text, shell=False)
        (js_dir / "example.mjs").write_text(script)
        return (*run_process(["node", "example.mjs"], self.environment(), js_dir), script)

    def run_yaml(self, block, text):
        config = self.rewrite(text, shell=False)
        path = self.write("config.yaml", config)
        done = subprocess.run([BINARY, "check-config", path], capture_output=True, text=True, timeout=60)
        return done.returncode, done.stdout + done.stderr, config

    def run_usage(self, block, text):
        usage = subprocess.run([BINARY, "--help"], capture_output=True, text=True, timeout=60).stdout
        missing = [line.strip() for line in text.splitlines() if line.strip() and squash(line) not in squash(usage)]
        return (1 if missing else 0), "not in `chokepoint --help`:\n" + "\n".join(missing), text


def refusal(text):
    """Why a shell block must not run here unmarked, or None."""
    for line in text.splitlines():
        command = re.sub(r"(^|\s)#.*$", "", line.removeprefix("$ "))
        words = [w for w in command.split() if not re.match(r"\w+=", w)]  # without VAR=value prefixes
        if REFUSED.search(command):
            return f"it installs, builds or needs a container engine ({line.strip()!r}): mark it skip (REASON)"
        if words[:1] in (["chokepoint"], ["build/chokepoint"]) and (words[1:2] or [""])[0] not in SUBCOMMANDS:
            return f"it starts a server on the default port ({line.strip()!r}): mark it server"
    return None


def split_server_command(block):
    """A `server` block's server arguments (its first command, without `chokepoint`) and the rest of the block."""
    lines = block.text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#"))
    words = shlex.split(lines[first].removeprefix("$ "), comments=True)
    if words and words[-1] == "&":
        words.pop()
    if not words or words[0] not in ("chokepoint", "build/chokepoint") or "--listen" in words:
        raise ValueError(f"a server block starts with `chokepoint ARGS` or `build/chokepoint ARGS &`, without "
                         f"--listen (the test picks the port): {lines[first]!r}")
    return words[1:], "\n".join(lines[:first] + lines[first + 1:]) + "\n"


RUNNERS = {"sh": Sandbox.run_shell, "bash": Sandbox.run_shell, "console": Sandbox.run_shell,
           "python": Sandbox.run_python, "js": Sandbox.run_js, "yaml": Sandbox.run_yaml}


def judge(block, status, output):
    """Why the block failed, or None."""
    errors = block.arguments("expect-error")
    if status is None:
        return "timed out"
    if errors and status == 0:
        return "exited 0, but the document says it fails"
    if not errors and status != 0:
        return f"exit status {status}"
    for text in block.arguments("expect") + errors:
        if squash(text) not in squash(output):
            return f"the output lacks {text!r}"
    return None


def run_block(sandbox, block):
    """Runs one block in the sandbox; returns its Outcome."""
    text = block.text
    if block.marker("server") is not None:
        args, text = split_server_command(block)
        sandbox.start_server([sandbox.rewrite(a, shell=False) for a in args])
        status, health = sandbox.server.admin("/_chokepoint/health")
        if status != 200:
            return Outcome(block, problem=f"the server it starts answered /_chokepoint/health with {status}: {health}")
        if not text.strip():
            return Outcome(block)
    elif sandbox.server is None and block.language in SHELLS + ("python", "js"):
        sandbox.start_server()
    if block.language == "console":  # its commands; the other lines are what they print
        text = "".join(line[2:] + "\n" for line in text.splitlines() if line.startswith("$ "))
    if block.language in SHELLS and refusal(text):
        return Outcome(block, problem=f"not run: {refusal(text)}")
    if block.marker("usage") is not None:
        runner = Sandbox.run_usage
    elif block.language in RUNNERS:
        runner = RUNNERS[block.language]
    else:
        return Outcome(block, problem=f"the test cannot run a block of language {block.language or '(none)'!r}: "
                                      "give it one it runs, or a marker (skip, usage)")
    result = runner(sandbox, block, text)
    if isinstance(result, str):
        return Outcome(block, skipped=result)
    status, output, ran = result
    problem = judge(block, status, output)
    if problem:
        problem += f"\n--- it ran:\n{ran}--- output:\n{output[-4000:]}"
    return Outcome(block, problem=problem)


def run_unit(unit, trap_port):
    """Runs a group (or a single block) against one server; returns an Outcome per block."""
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="chokepoint-doc-") as tmp:
        sandbox = Sandbox(tmp, trap_port)
        try:
            for block in unit:
                started = time.monotonic()
                reason = block.marker("skip")
                if reason is not None:
                    outcome = Outcome(block, skipped=reason)
                else:
                    try:
                        outcome = run_block(sandbox, block)
                    except Exception as e:  # a broken marker or a server that did not start: this block fails
                        outcome = Outcome(block, problem=f"{type(e).__name__}: {e}")
                outcome.seconds = time.monotonic() - started
                outcomes.append(outcome)
        finally:
            status = sandbox.stop_server()
        if status not in (0, None) and outcomes:
            first = outcomes[0]
            first.problem = (first.problem or "") + f"\nthe server exited with {status}:\n{sandbox.server.stderr()}"
    return outcomes


class DocExamplesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.problems, units = [], []
        for document in DOCUMENTS:
            blocks, problems = parse_document(document)
            cls.problems += problems
            units += units_of(blocks)
        # Bound and never listening: a connection to it is refused at once. The examples' proxy.
        with socket.socket() as trap:
            trap.bind(("127.0.0.1", 0))
            with ThreadPoolExecutor(PARALLEL) as pool:
                results = pool.map(lambda unit: run_unit(unit, trap.getsockname()[1]), units)
                outcomes = [outcome for unit_outcomes in results for outcome in unit_outcomes]
        cls.outcomes = sorted(outcomes, key=lambda o: (DOCUMENTS.index(o.block.document), o.block.line))
        for o in cls.outcomes:
            state = f"skipped: {o.skipped}" if o.skipped else "FAILED" if o.problem else "ok"
            print(f"{o.block.name}: {state} ({o.seconds:.1f} s)", file=sys.stderr)

    def test_markers(self):
        self.assertEqual(self.problems, [])

    def check_document(self, document):
        outcomes = [o for o in self.outcomes if o.block.document == document]
        self.assertGreater(len(outcomes), 0)
        for outcome in outcomes:
            with self.subTest(block=outcome.block.name):
                if outcome.problem:
                    self.fail(f"{outcome.block.name}: {outcome.problem}")
                if outcome.skipped:
                    self.skipTest(outcome.skipped)

    def test_readme(self):
        self.check_document("README.md")

    def test_cookbook(self):
        self.check_document("docs/cookbook.md")


if __name__ == "__main__":
    unittest.main()
