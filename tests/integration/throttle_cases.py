"""One cheap call per service, each with a small test bucket, for the throttling wire tests."""

# service -> (boto3 client name, callable(client), bucket operation, expected code, expected HTTP status,
#             expected message)
CASES = {
    "ec2": ("ec2", lambda c: c.describe_regions(), "DescribeRegions", "RequestLimitExceeded", 503,
            "Request limit exceeded."),
    "ssm": ("ssm", lambda c: c.describe_parameters(), "DescribeParameters", "ThrottlingException", 400,
            "Rate exceeded"),
    "dynamodb": ("dynamodb", lambda c: c.list_tables(), "ListTables", "ThrottlingException", 400,
                 "Rate of requests exceeds the allowed throughput."),
    "cloudformation": ("cloudformation", lambda c: c.describe_stacks(), "DescribeStacks", "Throttling", 400,
                       "Rate exceeded"),
    "sts": ("sts", lambda c: c.get_caller_identity(), "GetCallerIdentity", "Throttling", 400, "Rate exceeded"),
}

# CLI commands for the same calls.
CLI_COMMANDS = {
    "ec2": ["ec2", "describe-regions"],
    "ssm": ["ssm", "describe-parameters"],
    "dynamodb": ["dynamodb", "list-tables"],
    "cloudformation": ["cloudformation", "describe-stacks"],
    "sts": ["sts", "get-caller-identity"],
}


def limits_yaml(rate, burst, services=CASES):
    lines = ["limits:"]
    for service in services:
        op = CASES[service][2]
        lines.append(f"  - match: {{service: {service}}}")
        lines.append(f"    buckets: {{{op}: {{rate: {rate}, burst: {burst}}}}}")
    return "\n".join(lines) + "\n"


def served(server):
    status, health = server.admin("/_chokepoint/health")
    return set(health["services"]) if status == 200 else set()
