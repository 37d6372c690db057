#!/usr/bin/env python3
"""Recipe: a CloudFormation stack that fails with "Rate exceeded", fixed with DependsOn.

CloudFormation creates every resource whose dependencies are met at the same time. A template with 25
independent AWS::SSM::Parameter resources makes 25 PutParameter calls at once; beyond the account's PutParameter
rate they are throttled, CloudFormation's retries run out, the resources fail with

    Resource handler returned message: "Rate exceeded (Service: Ssm, Status Code: 400, ...)"

and the stack rolls back. Chaining the resources with DependsOn makes CloudFormation create them one after
another, within the rate: the stack completes.
"""
import time

from recipe import Recipe, check

N = 25


def template(prefix, chain):
    lines = ["Resources:"]
    for i in range(N):
        lines += [f"  Setting{i}:", "    Type: AWS::SSM::Parameter"]
        if chain and i:
            lines.append(f"    DependsOn: Setting{i - 1}")
        lines += ["    Properties:", f"      Name: {prefix}{i}", "      Type: String", f"      Value: value-{i}"]
    return "\n".join(lines) + "\n"


def settle(cfn, name, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
        if not status.endswith("_IN_PROGRESS"):
            return status
        time.sleep(0.2)
    raise TimeoutError(f"{name} did not settle in {timeout} s")


def failure_reasons(cfn, name):
    reasons = []
    for page in cfn.get_paginator("describe_stack_events").paginate(StackName=name):
        reasons += [e.get("ResourceStatusReason", "") for e in page["StackEvents"]
                    if e["ResourceStatus"] == "CREATE_FAILED"]
    return reasons


with Recipe(__file__, access_key="100000000003") as r:
    cfn = r.client("cloudformation", retries={"mode": "standard", "total_max_attempts": 10})
    ssm = r.client("ssm", retries={"mode": "standard", "total_max_attempts": 10})

    # 1. Reproduce: 25 parameters created at once.
    cfn.create_stack(StackName="settings-parallel", TemplateBody=template("/recipe/parallel/", chain=False))
    status = settle(cfn, "settings-parallel")
    check(status == "ROLLBACK_COMPLETE", f"the parallel stack ends {status}")
    reasons = [x for x in failure_reasons(cfn, "settings-parallel") if "Rate exceeded" in x]
    check(reasons, f"{len(reasons)} resources failed with Rate exceeded, e.g. {reasons[0][:90]}...")
    left = ssm.get_parameters_by_path(Path="/recipe/parallel/")["Parameters"]
    check(not left, "the rollback deleted the parameters that had been created")

    # 2. Fix: the same parameters chained with DependsOn.
    start = time.monotonic()
    cfn.create_stack(StackName="settings-chain", TemplateBody=template("/recipe/chain/", chain=True))
    status = settle(cfn, "settings-chain")
    check(status == "CREATE_COMPLETE", f"the chained stack ends {status} ({time.monotonic() - start:.1f} s)")
    names = [f"/recipe/chain/{i}" for i in range(N)]
    found = sum(len(ssm.get_parameters(Names=names[i:i + 10])["Parameters"]) for i in range(0, N, 10))
    check(found == N, f"all {N} parameters exist")
