"""CloudFormation against the real binary: boto3, waiters, the AWS CLI's deploy/wait, change sets, nested
stacks, outputs/exports/imports, parameters, template errors and the API's own throttling. Resources here need
no other emulated service (AWS::CloudFormation::WaitConditionHandle and nested stacks)."""
import json
import os
import subprocess
import tempfile
import time
import unittest

from botocore.exceptions import ClientError, WaiterError

from harness import ServerTestCase, aws_clis, wait_until

FAST_WAIT = {"Delay": 1, "MaxAttempts": 30}

BASIC = """
AWSTemplateFormatVersion: '2010-09-09'
Description: basic stack
Parameters:
  Env:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  Secret:
    Type: String
    NoEcho: true
    Default: hunter2
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Handle:
    Type: AWS::CloudFormation::WaitConditionHandle
  ProdOnly:
    Type: AWS::CloudFormation::WaitConditionHandle
    Condition: IsProd
Outputs:
  HandleUrl:
    Value: !Ref Handle
    Export:
      Name: !Sub "${AWS::StackName}-handle"
  Where:
    Value: !Sub "${Env}-${AWS::Region}-${AWS::AccountId}"
  Zones:
    Value: !Join [",", !GetAZs ""]
  Size:
    Value: !If [IsProd, large, small]
"""


def outputs(stack):
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


class CloudFormationTest(ServerTestCase):
    def setUp(self):
        self.reset()
        self.cf = self.server.client("cloudformation")

    def wait_settled(self, name, timeout=20):
        """Polls DescribeStacks until the stack leaves *_IN_PROGRESS; returns the stack."""
        found = {}

        def settled():
            stack = self.cf.describe_stacks(StackName=name)["Stacks"][0]
            found["stack"] = stack
            return not stack["StackStatus"].endswith("_IN_PROGRESS")
        self.assertTrue(wait_until(settled, timeout=timeout, interval=0.05), found.get("stack"))
        return found["stack"]

    def test_create_with_waiter_outputs_and_events(self):
        stack_id = self.cf.create_stack(StackName="basic", TemplateBody=BASIC,
                                        Tags=[{"Key": "team", "Value": "core"}])["StackId"]
        self.assertTrue(stack_id.startswith("arn:aws:cloudformation:us-east-1:123456789012:stack/basic/"))
        self.cf.get_waiter("stack_create_complete").wait(StackName="basic", WaiterConfig=FAST_WAIT)
        stack = self.cf.describe_stacks(StackName=stack_id)["Stacks"][0]
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        self.assertEqual(stack["Description"], "basic stack")
        self.assertEqual(stack["Tags"], [{"Key": "team", "Value": "core"}])
        params = {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}
        self.assertEqual(params, {"Env": "dev", "Secret": "****"})
        out = outputs(stack)
        self.assertEqual(out["Where"], "dev-us-east-1-123456789012")
        self.assertEqual(out["Size"], "small")
        self.assertTrue(out["Zones"].startswith("us-east-1a,us-east-1b"))
        self.assertIn("cloudformation-waitcondition-us-east-1", out["HandleUrl"])
        resources = self.cf.list_stack_resources(StackName="basic")["StackResourceSummaries"]
        self.assertEqual([r["LogicalResourceId"] for r in resources], ["Handle"])  # ProdOnly's condition is false
        self.assertEqual(resources[0]["PhysicalResourceId"], out["HandleUrl"])
        events = self.cf.describe_stack_events(StackName="basic")["StackEvents"]
        self.assertEqual((events[0]["LogicalResourceId"], events[0]["ResourceStatus"]), ("basic", "CREATE_COMPLETE"))
        self.assertEqual(events[-1]["ResourceStatusReason"], "User Initiated")
        exports = self.cf.list_exports()["Exports"]
        self.assertEqual([(e["Name"], e["Value"]) for e in exports], [("basic-handle", out["HandleUrl"])])
        body = self.cf.get_template(StackName="basic")["TemplateBody"]
        self.assertEqual(body, BASIC)

    def test_imports_and_exports_across_stacks(self):
        self.cf.create_stack(StackName="producer", TemplateBody=BASIC)
        self.wait_settled("producer")
        consumer = """
Resources:
  H: {Type: AWS::CloudFormation::WaitConditionHandle}
Outputs:
  Imported: {Value: !ImportValue producer-handle}
"""
        self.cf.create_stack(StackName="consumer", TemplateBody=consumer)
        stack = self.wait_settled("consumer")
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        producer_url = outputs(self.cf.describe_stacks(StackName="producer")["Stacks"][0])["HandleUrl"]
        self.assertEqual(outputs(stack)["Imported"], producer_url)
        self.assertEqual(self.cf.list_imports(ExportName="producer-handle")["Imports"], ["consumer"])
        self.cf.delete_stack(StackName="producer")
        stack = self.wait_settled("producer")
        self.assertEqual(stack["StackStatus"], "DELETE_FAILED")
        self.assertIn("in use by consumer", stack["StackStatusReason"])

    def test_update_with_parameters_and_previous_values(self):
        self.cf.create_stack(StackName="upd", TemplateBody=BASIC)
        self.wait_settled("upd")
        self.cf.update_stack(StackName="upd", UsePreviousTemplate=True,
                             Parameters=[{"ParameterKey": "Env", "ParameterValue": "prod"},
                                         {"ParameterKey": "Secret", "UsePreviousValue": True}])
        self.cf.get_waiter("stack_update_complete").wait(StackName="upd", WaiterConfig=FAST_WAIT)
        stack = self.cf.describe_stacks(StackName="upd")["Stacks"][0]
        self.assertEqual(outputs(stack)["Size"], "large")
        ids = {r["LogicalResourceId"] for r in self.cf.list_stack_resources(StackName="upd")["StackResourceSummaries"]}
        self.assertEqual(ids, {"Handle", "ProdOnly"})
        with self.assertRaises(ClientError) as e:
            self.cf.update_stack(StackName="upd", UsePreviousTemplate=True,
                                 Parameters=[{"ParameterKey": "Env", "UsePreviousValue": True},
                                             {"ParameterKey": "Secret", "UsePreviousValue": True}])
        self.assertEqual(e.exception.response["Error"]["Message"], "No updates are to be performed.")
        with self.assertRaises(ClientError) as e:
            self.cf.update_stack(StackName="upd", UsePreviousTemplate=True,
                                 Parameters=[{"ParameterKey": "Env", "ParameterValue": "qa"}])
        self.assertEqual(e.exception.response["Error"]["Message"], "Parameter 'Env' must be one of AllowedValues")

    def test_nested_stack_from_file_template_url(self):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as child:
            child.write("Parameters:\n  Label: {Type: String}\nResources:\n"
                        "  H: {Type: AWS::CloudFormation::WaitConditionHandle}\n"
                        "Outputs:\n  Echo: {Value: !Sub '${Label}-${AWS::StackName}'}\n")
        try:
            parent = ("Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
                      f"      TemplateURL: file://{child.name}\n      Parameters: {{Label: hi}}\n"
                      "Outputs:\n  FromChild: {Value: !GetAtt Child.Outputs.Echo}\n")
            self.cf.create_stack(StackName="parent", TemplateBody=parent)
            stack = self.wait_settled("parent")
            self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE", stack)
            child_id = self.cf.describe_stack_resource(StackName="parent", LogicalResourceId="Child")[
                "StackResourceDetail"]["PhysicalResourceId"]
            child_stack = self.cf.describe_stacks(StackName=child_id)["Stacks"][0]
            self.assertEqual(child_stack["ParentId"], stack["StackId"])
            self.assertEqual(outputs(stack)["FromChild"], "hi-" + child_stack["StackName"])
            self.cf.delete_stack(StackName="parent")
            self.cf.get_waiter("stack_delete_complete").wait(StackName="parent", WaiterConfig=FAST_WAIT)
            self.assertEqual(self.cf.describe_stacks(StackName=child_id)["Stacks"][0]["StackStatus"], "DELETE_COMPLETE")
        finally:
            os.unlink(child.name)

    def test_change_sets(self):
        created = self.cf.create_change_set(StackName="cs", ChangeSetName="first", ChangeSetType="CREATE",
                                            TemplateBody=BASIC)
        self.cf.get_waiter("change_set_create_complete").wait(ChangeSetName=created["Id"], WaiterConfig=FAST_WAIT)
        described = self.cf.describe_change_set(ChangeSetName="first", StackName="cs")
        self.assertEqual(described["ExecutionStatus"], "AVAILABLE")
        self.assertEqual([c["ResourceChange"]["Action"] for c in described["Changes"]], ["Add"])
        self.assertEqual(self.cf.describe_stacks(StackName="cs")["Stacks"][0]["StackStatus"], "REVIEW_IN_PROGRESS")
        self.cf.execute_change_set(ChangeSetName=created["Id"])
        self.cf.get_waiter("stack_create_complete").wait(StackName="cs", WaiterConfig=FAST_WAIT)
        self.cf.create_change_set(StackName="cs", ChangeSetName="same", TemplateBody=BASIC)
        with self.assertRaises(WaiterError) as e:
            self.cf.get_waiter("change_set_create_complete").wait(ChangeSetName="same", StackName="cs",
                                                                  WaiterConfig=FAST_WAIT)
        self.assertIn("didn't contain changes", e.exception.last_response["StatusReason"])
        with self.assertRaises(ClientError) as e:
            self.cf.describe_change_set(ChangeSetName="missing", StackName="cs")
        self.assertEqual(e.exception.response["Error"]["Code"], "ChangeSetNotFound")
        self.assertEqual(e.exception.response["ResponseMetadata"]["HTTPStatusCode"], 404)
        names = [s["ChangeSetName"] for s in self.cf.list_change_sets(StackName="cs")["Summaries"]]
        self.assertEqual(sorted(names), ["first", "same"])

    def test_bad_templates_are_validation_errors_and_leave_nothing(self):
        handle = "AWS::CloudFormation::WaitConditionHandle"
        cases = [  # body, message, whether ValidateTemplate rejects it too
            ("Resources:\n  A: {Type: AWS::Made::Up}\n",
             "Template format error: Unrecognized resource types: [AWS::Made::Up]", True),
            (f"Resources:\n  A: {{Type: {handle}, DependsOn: B}}\n  B: {{Type: {handle}, DependsOn: A}}\n",
             "Circular dependency between resources: [A, B]", True),
            ("Resources: [\n", "Template format error: YAML not well-formed.", True),
            (f"Resources:\n  A: {{Type: {handle}}}\nOutputs:\n  O: {{Value: {{'Fn::Bogus': 1}}}}\n",
             "Template format error: Encountered unsupported function: Fn::Bogus", True),
            (f"Resources:\n  A: {{Type: {handle}}}\nOutputs:\n  O: {{Value: !Ref Nope}}\n",
             "Unresolved resource dependencies [Nope] in the Outputs block of the template", True),
            (f"Parameters:\n  Need: {{Type: String}}\nResources:\n  A: {{Type: {handle}}}\n",
             "Parameters: [Need] must have values", False),
        ]
        for body, message, invalid in cases:
            with self.subTest(message=message):
                with self.assertRaises(ClientError) as e:
                    self.cf.create_stack(StackName="bad", TemplateBody=body)
                self.assertEqual(e.exception.response["Error"]["Code"], "ValidationError")
                self.assertIn(message, e.exception.response["Error"]["Message"])
                if invalid:
                    with self.assertRaises(ClientError) as e:
                        self.cf.validate_template(TemplateBody=body)
                    self.assertIn(message, e.exception.response["Error"]["Message"])
                else:
                    self.cf.validate_template(TemplateBody=body)
        self.assertEqual(self.cf.list_stacks()["StackSummaries"], [])
        with self.assertRaises(ClientError) as e:
            self.cf.describe_stacks(StackName="bad")
        self.assertEqual(e.exception.response["Error"]["Message"], "Stack with id bad does not exist")

    def test_validate_and_summary(self):
        v = self.cf.validate_template(TemplateBody=BASIC)
        self.assertEqual(v["Description"], "basic stack")
        self.assertEqual(sorted(p["ParameterKey"] for p in v["Parameters"]), ["Env", "Secret"])
        s = self.cf.get_template_summary(TemplateBody=BASIC)
        self.assertEqual(s["ResourceTypes"], ["AWS::CloudFormation::WaitConditionHandle"])
        limits = {l["Name"]: l["Value"] for l in self.cf.describe_account_limits()["AccountLimits"]}
        self.assertEqual(limits["StackLimit"], 2000)


class CliDeployTest(ServerTestCase):
    def setUp(self):
        self.reset()

    def run_cli(self, cli, *args):
        return subprocess.run([cli, "cloudformation", *args, "--endpoint-url", self.server.endpoint],
                              capture_output=True, text=True, timeout=120, env=self.server.cli_env())

    def test_deploy_and_wait(self):
        clis = aws_clis()
        self.assertTrue(clis, "no AWS CLI found")
        cf = self.server.client("cloudformation")
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write(BASIC)
        try:
            for n, (cli, version) in enumerate(clis):
                name = f"deployed{n}"
                with self.subTest(cli=version):
                    out = self.run_cli(cli, "deploy", "--template-file", f.name, "--stack-name", name,
                                       "--parameter-overrides", "Env=prod")
                    self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
                    self.assertIn("Successfully created/updated stack", out.stdout)
                    out = self.run_cli(cli, "wait", "stack-create-complete", "--stack-name", name)
                    self.assertEqual(out.returncode, 0, out.stderr)
                    stack = cf.describe_stacks(StackName=name)["Stacks"][0]
                    self.assertEqual(outputs(stack)["Size"], "large")
                    # The same deploy again has nothing to change. The CLI names change sets after the current
                    # second, so each deploy waits for the next one (a name in use is AlreadyExistsException).
                    time.sleep(1.1)
                    out = self.run_cli(cli, "deploy", "--template-file", f.name, "--stack-name", name,
                                       "--parameter-overrides", "Env=prod", "--no-fail-on-empty-changeset")
                    self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
                    self.assertIn("No changes to deploy", out.stdout)
                    # A changed parameter updates the stack through an UPDATE change set.
                    time.sleep(1.1)
                    out = self.run_cli(cli, "deploy", "--template-file", f.name, "--stack-name", name,
                                       "--parameter-overrides", "Env=dev")
                    self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
                    out = self.run_cli(cli, "describe-stacks", "--stack-name", name, "--output", "json")
                    self.assertEqual(out.returncode, 0, out.stderr)
                    stack = json.loads(out.stdout)["Stacks"][0]
                    self.assertEqual(stack["StackStatus"], "UPDATE_COMPLETE")
                    self.assertEqual(outputs(stack)["Size"], "small")
        finally:
            os.unlink(f.name)


class ApiThrottlingTest(ServerTestCase):
    CONFIG = """
limits:
  - match: {service: cloudformation}
    buckets:
      DescribeStacks: {rate: 2, burst: 3}
"""

    def test_hammering_describe_stacks_is_throttled_and_retried(self):
        self.reset()
        bare = self.server.client("cloudformation", retries={"total_max_attempts": 1})
        codes = []
        for _ in range(10):
            try:
                bare.describe_stacks()
                codes.append("ok")
            except ClientError as e:
                codes.append(e.response["Error"]["Code"])
                self.assertEqual(e.response["Error"]["Message"], "Rate exceeded")
                self.assertEqual(e.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertIn("Throttling", codes)
        self.assertEqual(codes[:3], ["ok"] * 3)
        retrying = self.server.client("cloudformation", retries={"mode": "standard", "total_max_attempts": 10})
        response = retrying.describe_stacks()
        self.assertGreater(response["ResponseMetadata"]["RetryAttempts"], 0)


if __name__ == "__main__":
    unittest.main()
