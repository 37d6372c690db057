#!/usr/bin/env python3
"""Writes docs/configuration.md from config/default.yaml, whose comments document every key, and from the
services' operation tables, which `chokepoint print-operations` prints (the operations and their buckets).

    scripts/gen-config-doc.py           rewrite docs/configuration.md
    scripts/gen-config-doc.py --check   exit 1 when docs/configuration.md is not what this script would write
    --binary PATH                       the chokepoint binary to ask (default: $CHOKEPOINT_BIN, else build/chokepoint)

The YAML is read line by line (no YAML library needed): a key's description is the comment block right above it
plus any comment at the end of its line; comment lines indented beyond the block's first line are kept as a
preformatted example. A key whose value is a non-empty list is shown with that list verbatim.
"""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "config" / "default.yaml"
TARGET = ROOT / "docs" / "configuration.md"

KEY_LINE = re.compile(r'^(?P<indent> *)(?P<key>[A-Za-z_][\w.-]*|"[^"]+"):(?:\s+(?P<value>.*))?$')


def split_comment(value):
    """'500   # text' -> ('500', 'text'); quotes protect a '#' inside a string."""
    quote = None
    for i, ch in enumerate(value):
        if ch in "\"'" and quote in (None, ch):
            quote = None if quote else ch
        elif ch == "#" and quote is None and (i == 0 or value[i - 1] in " \t"):
            return value[:i].rstrip(), value[i + 1:].strip()
    return value.rstrip(), ""


class Entry:
    def __init__(self, path, value, comment, trailing):
        self.path, self.value, self.comment, self.trailing = path, value, comment, trailing
        self.block = []  # a list value's lines, verbatim


def starts_list(lines, i):
    """True when the first line after lines[i] that is not blank or a comment is a list item."""
    for line in lines[i + 1:]:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return stripped.startswith("- ")
    return False


def parse(lines):
    """Returns (file header comment lines, entries in file order)."""
    header, entries, stack, pending = [], [], [], []
    in_list = None  # (indent of the key that owns the list, entry)
    seen_key = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if in_list and (not stripped or indent > in_list[0] or (indent == in_list[0] and stripped.startswith("- "))):
            in_list[1].block.append(line)  # part of the list: its items and their comments
            continue
        in_list = None
        if not stripped:
            if not seen_key and pending:
                header, pending = header + pending + [""], []
            continue
        if stripped.startswith("#"):
            text = stripped[1:]
            pending.append(text[1:] if text.startswith(" ") else text)
            continue
        match = KEY_LINE.match(line)
        if not match:
            raise SystemExit(f"{SOURCE}: cannot read line {i + 1}: {line!r}")
        seen_key = True
        while stack and stack[-1][0] >= indent:
            stack.pop()
        key = match["key"].strip('"')
        path = ".".join([k for _, k in stack] + [key])
        value, trailing = split_comment(match["value"] or "")
        entry = Entry(path, value, pending, trailing)
        entries.append(entry)
        pending = []
        if value == "":
            stack.append((indent, key))
            if starts_list(lines, i):
                in_list = (indent, entry)
    for entry in entries:  # blank lines and comments after a list belong to what follows it
        while entry.block and (not entry.block[-1].strip() or entry.block[-1].strip().startswith("#")):
            entry.block.pop()
    return header, entries


def children_of(entry, entries):
    return any(e.path.startswith(entry.path + ".") for e in entries)


def description(lines):
    """Comment lines -> markdown: prose joined, indented example lines kept as a code block."""
    out, prose, code = [], [], []
    base = None
    for text in lines:
        indent = len(text) - len(text.lstrip(" "))
        if base is None and text.strip():
            base = indent
        if text.strip() and indent > (base or 0) or (code and not text.strip()):
            if prose:
                out.append(("prose", " ".join(prose)))
                prose = []
            code.append(text)
        else:
            if code:
                out.append(("code", code))
                code = []
            if text.strip().startswith(("*", "-")) and prose:
                out.append(("prose", " ".join(prose)))
                prose = []
            prose.append(text.strip())
    if prose:
        out.append(("prose", " ".join(prose)))
    if code:
        out.append(("code", code))
    return out


def described_by(entry, entries):
    """The entry whose comment covers an uncommented key: the nearest commented sibling above it."""
    parent = entry.path.rsplit(".", 1)[0]
    index = entries.index(entry)
    for previous in reversed(entries[:index]):
        if previous.path.rsplit(".", 1)[0] != parent or previous.path.count(".") != entry.path.count("."):
            return None
        if previous.comment:
            return previous
    return None


def render_entry(entry, entries, out):
    is_mapping = entry.value == "" and not entry.block and children_of(entry, entries)
    if is_mapping and not entry.comment and not entry.trailing:
        return  # its keys follow, each with its own description
    if is_mapping:
        value = ""
    elif entry.block:
        value = " (list below)"
    else:
        value = f" = `{entry.value}`"
    out.append(f"- **`{entry.path}`**{value}")
    parts = description(entry.comment)
    if not parts and not entry.trailing and (covering := described_by(entry, entries)):
        parts = [("prose", f"See `{covering.path}` above.")]
    if entry.trailing:
        parts.append(("prose", entry.trailing))
    for kind, body in parts:
        if kind == "prose":
            out.append(f"  {body}")
        else:
            base = min(len(l) - len(l.lstrip(" ")) for l in body if l.strip())
            out += ["", "  ```yaml"] + [f"  {l[base:]}".rstrip() for l in body] + ["  ```", ""]
    if entry.block:
        base = min(len(l) - len(l.lstrip(" ")) for l in entry.block if l.strip())
        out += ["", "  ```yaml", f"  {entry.path.split('.')[-1]}:"]
        out += [f"    {l[base:]}".rstrip() for l in entry.block]
        out += ["  ```", ""]


def render_operations(catalog, out):
    """One table per service: each operation the tables declare, the bucket the defaults give it, its plane and
    whether durable mode journals it."""
    out += ["", "## Operations and their buckets", "",
            "Every operation Chokepoint emulates, from the services' operation tables: the group of",
            "`throttling.<service>.groups` whose bucket it draws from (`default`: no group, so a bucket of its own",
            "of the service's `default` size; `limits` can resize a bucket by the operation's name or by its",
            "group's); whether it is a DynamoDB data-plane call, throttled by table and partition capacity instead;",
            "and whether `--data-dir` keeps what it changes. `chokepoint print-operations` prints the same as JSON."]
    for service in sorted(catalog):
        out += ["", f"### {service}", "", "| Operation | Bucket | Plane | Durable |", "|---|---|---|---|"]
        for op in catalog[service]:
            durable = "yes" if op["durable"] else ""
            out.append(f"| {op['operation']} | `{op['bucket']}` | {op['plane']} | {durable} |")


def operation_catalog():
    args = sys.argv[1:]
    binary = args[args.index("--binary") + 1] if "--binary" in args[:-1] else \
        os.environ.get("CHOKEPOINT_BIN", str(ROOT / "build" / "chokepoint"))
    if not Path(binary).exists():
        sys.exit(f"{binary} does not exist: build first (scripts/build.sh) or pass --binary PATH")
    printed = subprocess.run([binary, "print-operations"], capture_output=True, text=True, timeout=30, check=True)
    return json.loads(printed.stdout)


def render(text, catalog):
    header, entries = parse(text.splitlines())
    out = ["# Configuration reference", "",
           "<!-- Generated by scripts/gen-config-doc.py from config/default.yaml: edit those, not this file. -->",
           "",
           "Every key Chokepoint reads, with its built-in default. Your config file (`--config FILE`) is laid over",
           "these defaults: write only the keys you change. `chokepoint print-default-config` prints the same",
           "defaults as YAML, and `chokepoint check-config FILE` validates a file.", ""]
    out += ["```text"] + [l.rstrip() for l in header[:-1]] + ["```", ""]
    sections = [e for e in entries if "." not in e.path]
    out.append("Sections: " + ", ".join(f"[`{s.path}`](#{s.path})" for s in sections) +
               "; then [the operations and their buckets](#operations-and-their-buckets).")
    for section in sections:
        out += ["", f"## {section.path}", ""]
        members = [e for e in entries if e.path.startswith(section.path + ".")]
        if not members:
            render_entry(section, entries, out)
            continue
        for kind, body in description(section.comment):
            out += [body if kind == "prose" else "\n".join(["```yaml"] + body + ["```"]), ""]
        for entry in members:
            render_entry(entry, entries, out)
    render_operations(catalog, out)
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.rstrip() + "\n"


def main():
    generated = render(SOURCE.read_text(), operation_catalog())
    if "--check" in sys.argv[1:]:
        if not TARGET.exists() or TARGET.read_text() != generated:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run scripts/gen-config-doc.py", file=sys.stderr)
            return 1
        return 0
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(generated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
