"""One cheap call per AWS service Chokepoint recognises but does not emulate, for the throttling and forwarding
tests: service key -> (boto3 client name, callable(client), bucket to lower (group or operation), throttling
code, HTTP status, message prefix)."""

CASES = {
    "s3": ("s3", lambda c: c.list_objects_v2(Bucket="reports"), "PrefixReads", "SlowDown", 503,
           "Please reduce your request rate."),
    "secretsmanager": ("secretsmanager", lambda c: c.get_secret_value(SecretId="db-password"), "GetSecretValue",
                       "ThrottlingException", 400, "Rate exceeded"),
    "kms": ("kms", lambda c: c.encrypt(KeyId="alias/app", Plaintext=b"x"), "CryptographicOperationsSymmetric",
            "ThrottlingException", 400, "You have exceeded the rate at which you may call KMS"),
    "lambda": ("lambda", lambda c: c.list_functions(), "ControlPlane", "TooManyRequestsException", 429,
               "Rate Exceeded."),
    "sqs": ("sqs", lambda c: c.list_queues(), "ListQueues", "ThrottlingException", 400, "Rate exceeded"),
    "sns": ("sns", lambda c: c.list_topics(), "ListTopics", "ThrottlingException", 400, "Rate exceeded"),
    "logs": ("logs", lambda c: c.describe_log_groups(), "DescribeLogGroups", "ThrottlingException", 400,
             "Rate exceeded"),
    "iam": ("iam", lambda c: c.list_roles(), "ListRoles", "Throttling", 400, "Rate exceeded"),
}


def limits_yaml(rate, burst, services=CASES):
    lines = ["limits:"]
    for service in services:
        bucket = CASES[service][2]
        lines.append(f"  - match: {{service: {service}}}")
        lines.append(f"    buckets: {{{bucket}: {{rate: {rate}, burst: {burst}}}}}")
    return "\n".join(lines) + "\n"
