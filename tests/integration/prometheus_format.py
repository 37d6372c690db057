"""A small checker and parser for the Prometheus text exposition format (version 0.0.4).

parse(text) returns {family: {"type": ..., "help": ..., "samples": [(name, {label: value}, float)]}} and raises
FormatError on anything a Prometheus server would reject: bad metric or label names, bad escapes, values that
are not floats, samples before their TYPE line, a TYPE given twice, duplicate series, histogram buckets that
are not cumulative or whose +Inf bucket differs from _count.
"""
import math
import re

NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
LABEL_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}
SUFFIXES = {"histogram": ("_bucket", "_sum", "_count"), "summary": ("_sum", "_count")}


class FormatError(ValueError):
    pass


def _labels(text, pos, line):
    """Parses '{a="x",b="y"}' starting at text[pos] == '{'; returns (labels, position after '}')."""
    labels = {}
    pos += 1
    while True:
        if text[pos] == "}":
            return labels, pos + 1
        m = LABEL_NAME.match(text, pos)
        if not m:
            raise FormatError(f"bad label name in {line!r}")
        name = m.group(0)
        pos = m.end()
        if text[pos:pos + 2] != '="':
            raise FormatError(f"expected =\" after {name} in {line!r}")
        pos += 2
        value = []
        while text[pos] != '"':
            if text[pos] == "\\":
                escaped = text[pos + 1]
                if escaped not in '\\"n':
                    raise FormatError(f"bad escape \\{escaped} in {line!r}")
                value.append("\n" if escaped == "n" else escaped)
                pos += 2
            else:
                value.append(text[pos])
                pos += 1
        pos += 1
        if name in labels:
            raise FormatError(f"label {name} twice in {line!r}")
        labels[name] = "".join(value)
        if text[pos] == ",":
            pos += 1
        elif text[pos] != "}":
            raise FormatError(f"expected , or }} in {line!r}")


def _value(text, line):
    if text in ("+Inf", "-Inf", "NaN"):
        return float(text.replace("Inf", "inf").replace("NaN", "nan"))
    try:
        return float(text)
    except ValueError:
        raise FormatError(f"bad value {text!r} in {line!r}") from None


def _family_of(name, families):
    if name in families:
        return name
    for family, info in families.items():
        if any(name == family + s for s in SUFFIXES.get(info["type"], ())):
            return family
    raise FormatError(f"sample {name} has no TYPE line before it")


def _check_histograms(families):
    for family, info in families.items():
        if info["type"] != "histogram":
            continue
        series = {}
        for name, labels, value in info["samples"]:
            key = tuple(sorted((k, v) for k, v in labels.items() if k != "le"))
            entry = series.setdefault(key, {"buckets": [], "count": None})
            if name.endswith("_bucket"):
                entry["buckets"].append((float(labels["le"].replace("+Inf", "inf")), value))
            elif name.endswith("_count"):
                entry["count"] = value
        for key, entry in series.items():
            bounds = [b for b, _ in entry["buckets"]]
            counts = [c for _, c in entry["buckets"]]
            if bounds != sorted(bounds) or not bounds or not math.isinf(bounds[-1]):
                raise FormatError(f"{family}{dict(key)}: buckets out of order or no +Inf")
            if counts != sorted(counts):
                raise FormatError(f"{family}{dict(key)}: bucket counts are not cumulative")
            if entry["count"] != counts[-1]:
                raise FormatError(f"{family}{dict(key)}: +Inf bucket {counts[-1]} != _count {entry['count']}")


def parse(text):
    if text and not text.endswith("\n"):
        raise FormatError("the exposition must end with a newline")
    families, seen = {}, set()
    for line in text.splitlines():
        if not line:
            continue
        if line.startswith("#"):
            parts = line.split(" ", 3)
            if len(parts) >= 3 and parts[1] in ("HELP", "TYPE"):
                if not NAME.fullmatch(parts[2]):
                    raise FormatError(f"bad metric name in {line!r}")
                info = families.setdefault(parts[2], {"type": None, "help": None, "samples": []})
                if parts[1] == "TYPE":
                    if info["type"] is not None or len(parts) != 4 or parts[3] not in TYPES:
                        raise FormatError(f"bad or repeated TYPE: {line!r}")
                    info["type"] = parts[3]
                else:
                    info["help"] = parts[3] if len(parts) == 4 else ""
            continue
        m = NAME.match(line)
        if not m:
            raise FormatError(f"bad sample line {line!r}")
        name, pos, labels = m.group(0), m.end(), {}
        if pos < len(line) and line[pos] == "{":
            labels, pos = _labels(line, pos, line)
        if pos >= len(line) or line[pos] != " ":
            raise FormatError(f"expected a space before the value in {line!r}")
        fields = line[pos + 1:].split(" ")
        value = _value(fields[0], line)
        family = _family_of(name, families)
        if families[family]["type"] is None:
            raise FormatError(f"sample {name} before its TYPE line")
        series = (name, tuple(sorted(labels.items())))
        if series in seen:
            raise FormatError(f"duplicate series {line!r}")
        seen.add(series)
        families[family]["samples"].append((name, labels, value))
    _check_histograms(families)
    return families


def value(families, name, **labels):
    """The value of the one sample of `name` whose labels include `labels`; 0 when there is none."""
    family = _family_of(name, families)
    found = [v for n, l, v in families[family]["samples"]
             if n == name and all(l.get(k) == str(v2) for k, v2 in labels.items())]
    if len(found) > 1:
        raise AssertionError(f"{len(found)} samples of {name} match {labels}")
    return found[0] if found else 0.0
