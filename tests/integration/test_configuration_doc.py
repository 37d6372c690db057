"""docs/configuration.md is generated from config/default.yaml (scripts/gen-config-doc.py); these tests fail
when it is out of date, when a key of the defaults is missing from it, or when the binary's built-in defaults
are not that file."""
import subprocess
import sys
import unittest

from harness import BINARY, ROOT

try:
    import yaml
except ImportError:  # the key walk needs PyYAML; the up-to-date check does not
    yaml = None


def key_paths(node, prefix=""):
    """Every mapping key path of a YAML tree; lists are values (their items are not keys)."""
    if not isinstance(node, dict):
        return []
    paths = []
    for key, value in node.items():
        path = f"{prefix}{key}"
        paths.append(path)
        paths += key_paths(value, path + ".")
    return paths


class ConfigurationDocTest(unittest.TestCase):
    def test_doc_is_up_to_date(self):
        out = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen-config-doc.py"), "--check",
                              "--binary", BINARY],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)

    def test_binary_defaults_are_the_documented_file(self):
        printed = subprocess.run([BINARY, "print-default-config"], capture_output=True, text=True, timeout=30)
        self.assertEqual(printed.stdout, (ROOT / "config" / "default.yaml").read_text())

    @unittest.skipIf(yaml is None, "PyYAML is not installed")
    def test_every_key_is_documented(self):
        defaults = yaml.safe_load((ROOT / "config" / "default.yaml").read_text())
        doc = (ROOT / "docs" / "configuration.md").read_text()
        paths = key_paths(defaults)
        self.assertGreater(len(paths), 50)
        missing = [p for p in paths if not self.documented(p, doc)]
        self.assertEqual(missing, [])

    @staticmethod
    def documented(path, doc):
        """The key has its own entry, or its parent mapping does (with its keys on one line, e.g.
        `{rate: 5, burst: 50}`), or it is a mapping whose keys have entries."""
        if f"**`{path}`**" in doc or f"**`{path}." in doc:
            return True
        parts = path.split(".")
        return any(f"**`{'.'.join(parts[:n])}`** = `" in doc for n in range(1, len(parts)))


if __name__ == "__main__":
    unittest.main()
