"""Runs every cookbook recipe (scripts/examples/*.py, see docs/cookbook.md) against the built binary: each
script starts its own server with its own config and asserts the outcome it describes, exiting non-zero when it
does not hold. The recipes run a few at a time (they mostly wait on rate limits), so the file takes well under a
minute and a half."""
import os
import subprocess
import sys
import time
import unittest
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness import BINARY, ROOT

EXAMPLES = ROOT / "scripts" / "examples"
RECIPES = sorted(p.stem for p in EXAMPLES.glob("*.py") if p.stem != "recipe")
# Recipes whose outcome depends on DynamoDB's capacity model (table and partition throughput).
NEEDS_CAPACITY = {"dynamodb_provisioned", "dynamodb_hot_partition", "dynamodb_on_demand", "dynamodb_batch_writer"}
PARALLEL = 3
TIMEOUT_SECONDS = 120


def has_dynamodb_capacity():
    """True when the binary throttles DynamoDB by capacity: its defaults have a dynamodb.capacity section."""
    defaults = subprocess.run([BINARY, "print-default-config"], capture_output=True, text=True, timeout=30).stdout
    section = defaults.split("\ndynamodb:\n", 1)[-1]
    return "\n  capacity:\n" in section


def run_recipe(name):
    env = dict(os.environ, CHOKEPOINT_BIN=BINARY, PYTHONDONTWRITEBYTECODE="1")
    env.pop("CHOKEPOINT_ENDPOINT", None)  # each recipe starts its own server with its own config
    start = time.monotonic()
    try:
        out = subprocess.run([sys.executable, str(EXAMPLES / f"{name}.py")], capture_output=True, text=True,
                             env=env, timeout=TIMEOUT_SECONDS)
        return out.returncode, out.stdout + out.stderr, time.monotonic() - start
    except subprocess.TimeoutExpired as e:
        return None, f"timed out after {TIMEOUT_SECONDS} s\n{e.stdout or ''}{e.stderr or ''}", TIMEOUT_SECONDS


class CookbookTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.capacity = has_dynamodb_capacity()
        runnable = [n for n in RECIPES if cls.capacity or n not in NEEDS_CAPACITY]
        with ThreadPoolExecutor(PARALLEL) as pool:
            cls.results = dict(zip(runnable, pool.map(run_recipe, runnable)))

    def test_every_recipe_is_documented(self):
        cookbook = (ROOT / "docs" / "cookbook.md").read_text()
        for name in RECIPES:
            with self.subTest(recipe=name):
                self.assertIn(f"scripts/examples/{name}.py", cookbook)

    def test_recipes(self):
        self.assertGreaterEqual(len(RECIPES), 9)
        for name in RECIPES:
            with self.subTest(recipe=name):
                if name not in self.results:
                    self.skipTest("needs DynamoDB capacity throttling (dynamodb.capacity), not in this build")
                code, output, seconds = self.results[name]
                print(f"{name}: exit {code} in {seconds:.1f} s", file=sys.stderr)
                self.assertEqual(code, 0, f"{name} failed:\n{output}")
                self.assertIn("ok: ", output)
                self.assertNotIn("FAILED", output)


if __name__ == "__main__":
    unittest.main()
