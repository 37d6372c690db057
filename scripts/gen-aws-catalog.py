#!/usr/bin/env python3
"""Generates server/protocol/aws_catalog.tsv, the table of every AWS service and operation that Chokepoint
recognises, from botocore's service models.

    scripts/gen-aws-catalog.py [--models DIR] [--check]

DIR is a botocore data directory (default: Debian's python3-botocore, /usr/lib/python3/dist-packages/botocore/data),
holding <service>/<apiVersion>/service-2.json or service-2.json.gz. Each service's newest apiVersion is used.
Without --check the table is written; with --check it is compared with the committed table and the script exits
1 when they differ. Either way the script exits 77 (the "skipped" code of ctest's SKIP_RETURN_CODE) when DIR does
not exist, so that machines without the models skip the check instead of failing it.

The table is small on purpose: no shapes, one line per operation, defaults left out. Format (tab-separated):

    # comment
    name  protocol  jsonVersion  targetPrefix  endpointPrefix  signingName  apiVersion  serviceId  queryJsonTargetPrefix
    <TAB>operation [method  requestUri [requiredQuery  requiredHeaders [flags]]]

A service line starts with its botocore directory name (the service's config key); the operation lines that
follow (each starting with a tab) belong to it. Trailing empty fields are dropped, and "POST /" (every JSON and
query operation) is left out. requiredQuery and requiredHeaders (comma-separated; header names in lower case) are
the REST operation's required query-string and header inputs: they tell apart operations that share a method and
URI (S3's PutObject, CopyObject and UploadPart are all PUT /{Bucket}/{Key+}). flags is "deprecated" or empty.
"""
import argparse
import gzip
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "server" / "protocol" / "aws_catalog.tsv"
DEFAULT_MODELS = "/usr/lib/python3/dist-packages/botocore/data"
SKIPPED = 77

REST_PROTOCOLS = ("rest-json", "rest-xml")

# Protocol changes AWS made after the models Debian ships, which today's SDKs already use. Each entry overrides
# or adds fields of a service line; remove an entry once the models carry the change themselves.
SUPPLEMENT = {
    # SQS moved to JSON 1.0 (target prefix AmazonSQS, "awsQueryCompatible") in November 2023; newer SDKs send
    # JSON, older ones still send the query form, and SQS answers both. The table keeps the query protocol and
    # records the JSON form next to it.
    "sqs": {"jsonVersion": "1.0", "queryJsonTargetPrefix": "AmazonSQS"},
}

SERVICE_FIELDS = ["protocol", "jsonVersion", "targetPrefix", "endpointPrefix", "signingName", "apiVersion",
                  "serviceId", "queryJsonTargetPrefix"]


def read_model(version_dir):
    """The parsed service-2.json(.gz) in version_dir, or None when it has neither."""
    plain = version_dir / "service-2.json"
    if plain.is_file():
        return json.loads(plain.read_text(encoding="utf-8"))
    packed = version_dir / "service-2.json.gz"
    if packed.is_file():
        with gzip.open(packed, "rt", encoding="utf-8") as f:
            return json.load(f)
    return None


def newest_model(service_dir):
    """The model of the newest apiVersion directory that holds one (the names are ISO dates)."""
    for version_dir in sorted((p for p in service_dir.iterdir() if p.is_dir()), reverse=True):
        model = read_model(version_dir)
        if model is not None:
            return model
    return None


def clean(text):
    """Tabs and newlines would break the table's lines; no model uses them, but a field must never."""
    return " ".join(str(text).split())


def required_inputs(model, operation):
    """The required query-string keys and header names (lower case) of a REST operation's input."""
    shape_name = operation.get("input", {}).get("shape")
    shape = model.get("shapes", {}).get(shape_name, {}) if shape_name else {}
    members = shape.get("members", {})
    query, headers = [], []
    for member_name in shape.get("required", []):
        member = members.get(member_name, {})
        wire_name = member.get("locationName", member_name)
        if member.get("location") == "querystring":
            query.append(wire_name)
        elif member.get("location") == "header":
            headers.append(wire_name.lower())
    return sorted(set(query)), sorted(set(headers))


def template_query_keys(uri):
    """The query keys a requestUri template spells out: "/{Bucket}?list-type=2" -> {"list-type"}."""
    if "?" not in uri:
        return set()
    return {pair.split("=", 1)[0] for pair in uri.split("?", 1)[1].split("&") if pair}


def operation_line(model, protocol, name, operation):
    http = operation.get("http", {})
    method, uri = http.get("method", "POST"), http.get("requestUri", "/")
    fields = [name, method, uri]
    if protocol in REST_PROTOCOLS:
        query, headers = required_inputs(model, operation)
        spelled = template_query_keys(uri)
        fields += [",".join(k for k in query if k not in spelled), ",".join(headers)]
    else:
        fields += ["", ""]
    fields.append("deprecated" if operation.get("deprecated") else "")
    if fields[1:3] == ["POST", "/"] and not any(fields[3:]):
        fields = [name]
    while fields and fields[-1] == "":
        fields.pop()
    return "\t" + "\t".join(clean(f) for f in fields)


def service_lines(name, model):
    meta = model["metadata"]
    values = {
        "protocol": meta["protocol"],
        "jsonVersion": meta.get("jsonVersion", ""),
        "targetPrefix": meta.get("targetPrefix", ""),
        "endpointPrefix": meta.get("endpointPrefix", ""),
        "signingName": meta.get("signingName") or meta.get("endpointPrefix", ""),
        "apiVersion": meta.get("apiVersion", ""),
        "serviceId": meta.get("serviceId", ""),
        "queryJsonTargetPrefix": "",
    }
    values.update(SUPPLEMENT.get(name, {}))
    # jsonVersion only means something where JSON goes on the wire.
    if values["protocol"] != "json" and not values["queryJsonTargetPrefix"]:
        values["jsonVersion"] = ""
    fields = [name] + [values[f] for f in SERVICE_FIELDS]
    while fields[-1] == "":
        fields.pop()
    lines = ["\t".join(clean(f) for f in fields)]
    for op_name in sorted(model.get("operations", {})):
        lines.append(operation_line(model, meta["protocol"], op_name, model["operations"][op_name]))
    return lines


def generate(models_dir):
    services = []
    for service_dir in sorted(p for p in models_dir.iterdir() if p.is_dir()):
        model = newest_model(service_dir)
        if model is not None:
            services.append((service_dir.name, model))
    lines = [
        "# Generated by scripts/gen-aws-catalog.py from botocore's service models; do not edit.",
        f"# {len(services)} services, {sum(len(m.get('operations', {})) for _, m in services)} operations.",
        "# service: name protocol jsonVersion targetPrefix endpointPrefix signingName apiVersion serviceId"
        " queryJsonTargetPrefix",
        "# <TAB>operation [method requestUri [requiredQuery requiredHeaders [flags]]] (default: POST /)",
    ]
    for name, model in services:
        lines += service_lines(name, model)
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", default=DEFAULT_MODELS, help="botocore data directory")
    parser.add_argument("--check", action="store_true", help="compare with the committed table instead of writing")
    args = parser.parse_args()
    models_dir = Path(args.models)
    if not models_dir.is_dir():
        print(f"skipped: no models at {models_dir} (install python3-botocore or pass --models)")
        return SKIPPED
    text = generate(models_dir)
    if args.check:
        committed = TABLE.read_text(encoding="utf-8") if TABLE.is_file() else ""
        if committed != text:
            print(f"{TABLE.relative_to(ROOT)} is out of date with the models at {models_dir}: "
                  "run scripts/gen-aws-catalog.py and commit the result", file=sys.stderr)
            return 1
        print(f"{TABLE.relative_to(ROOT)} matches the models at {models_dir}")
        return 0
    tmp = TABLE.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, TABLE)
    print(f"wrote {TABLE.relative_to(ROOT)}: {len(text)} bytes, {text.count(chr(10))} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
