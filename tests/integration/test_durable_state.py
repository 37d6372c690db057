"""Durable mode (--data-dir): state survives a clean restart and a SIGKILL in the middle of a write load,
with every acknowledged write present afterwards."""
import shutil
import signal
import tempfile
import threading
import time
import unittest

from botocore.config import Config as BotoConfig

from harness import Server

LOAD_SECONDS = 2.5  # the writers run this long at most before the kill
WRITERS = 4
SETTLED = {"pending": "running", "shutting-down": "terminated"}


def no_retry_client(server, service):
    # A request cut off by the kill must fail at once, not be retried against the dead server.
    return server.client(service, retries={"max_attempts": 0, "mode": "standard"}, connect_timeout=2,
                         read_timeout=5)


def kill(server):
    server.process.send_signal(signal.SIGKILL)
    server.process.wait(10)
    server.stop()


class DurableStateTest(unittest.TestCase):
    def setUp(self):
        self.data_dir = tempfile.mkdtemp(prefix="chokepoint-durable-")

    def tearDown(self):
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def start(self, threads=2):
        return Server(args=["--data-dir", self.data_dir], threads=threads).start()

    # --- DynamoDB under load ------------------------------------------------------------------------------

    def write_load(self, server, acked_items, acked_counters, stop):
        def writer(w):
            ddb = no_retry_client(server, "dynamodb")
            i = 0
            while not stop.is_set():
                try:
                    if i % 2 == 0:
                        key = f"w{w}-{i}"
                        ddb.put_item(TableName="load", Item={"pk": {"S": key}, "v": {"N": str(i)},
                                                             "pad": {"S": "x" * 100}})
                        acked_items[key] = i
                    else:
                        out = ddb.update_item(TableName="load", Key={"pk": {"S": f"counter-{w}"}},
                                              UpdateExpression="ADD n :one",
                                              ExpressionAttributeValues={":one": {"N": "1"}},
                                              ReturnValues="UPDATED_NEW")
                        acked_counters[f"counter-{w}"] = int(out["Attributes"]["n"]["N"])
                except Exception:  # the server is gone: this writer is done
                    return
                i += 1

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
        for t in threads:
            t.start()
        return threads

    def test_sigkill_during_writes_loses_no_acknowledged_item(self):
        server = self.start(threads=4)
        ddb = server.client("dynamodb")
        ddb.create_table(TableName="load", BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        acked_items, acked_counters, stop = {}, {}, threading.Event()
        threads = self.write_load(server, acked_items, acked_counters, stop)
        deadline = time.monotonic() + LOAD_SECONDS
        while time.monotonic() < deadline and len(acked_items) < 20000:
            time.sleep(0.05)
        kill(server)  # mid-load: the writers are still sending
        stop.set()
        for t in threads:
            t.join(10)
        self.assertGreater(len(acked_items), 50, "the load should have written something before the kill")

        server = self.start()
        try:
            ddb = server.client("dynamodb")
            found = {}
            for page in ddb.get_paginator("scan").paginate(TableName="load"):
                for item in page["Items"]:
                    found[item["pk"]["S"]] = int(item["v"]["N"]) if "v" in item else int(item["n"]["N"])
            missing = [k for k in acked_items if k not in found]
            self.assertEqual(missing, [], f"{len(missing)} acknowledged items lost of {len(acked_items)}")
            for key, value in acked_items.items():
                self.assertEqual(found[key], value, key)
            for key, value in acked_counters.items():
                self.assertGreaterEqual(found.get(key, 0), value, key)
            # The table still takes writes after recovery.
            ddb.put_item(TableName="load", Item={"pk": {"S": "after"}, "v": {"N": "1"}})
        finally:
            server.stop()

    # --- SSM, EC2, DynamoDB tables: clean restart and SIGKILL ---------------------------------------------

    def make_state(self, server):
        ssm = server.client("ssm")
        ssm.put_parameter(Name="/app/db", Value="v1", Type="String", Description="first")
        ssm.put_parameter(Name="/app/db", Value="v2", Type="String", Overwrite=True)
        ssm.label_parameter_version(Name="/app/db", ParameterVersion=1, Labels=["prod"])
        ssm.add_tags_to_resource(ResourceType="Parameter", ResourceId="/app/db", Tags=[{"Key": "k", "Value": "v"}])
        ssm.put_parameter(Name="/app/secret", Value="s3cr3t", Type="SecureString")
        ec2 = server.client("ec2")
        ids = [i["InstanceId"] for i in ec2.run_instances(ImageId="ami-0a1b2c3d4e5f60001", MinCount=2,
                                                         MaxCount=2)["Instances"]]
        ec2.create_tags(Resources=[ids[0]], Tags=[{"Key": "env", "Value": "prod"}])
        ec2.terminate_instances(InstanceIds=[ids[1]])
        ddb = server.client("dynamodb")
        ddb.create_table(TableName="settings", BillingMode="PROVISIONED",
                         ProvisionedThroughput={"ReadCapacityUnits": 7, "WriteCapacityUnits": 3},
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        ddb.put_item(TableName="settings", Item={"pk": {"S": "a"}, "list": {"L": [{"N": "1"}, {"S": "two"}]}})
        return ids

    def view(self, server):
        ssm, ec2, ddb = server.client("ssm"), server.client("ec2"), server.client("dynamodb")
        history = ssm.get_parameter_history(Name="/app/db", WithDecryption=False)["Parameters"]
        instances = {i["InstanceId"]: i for r in ec2.describe_instances()["Reservations"] for i in r["Instances"]}
        table = ddb.describe_table(TableName="settings")["Table"]
        return {
            "history": [(p["Version"], p["Value"], p.get("Labels", []), p.get("Description")) for p in history],
            "tags": ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId="/app/db")["TagList"],
            "secret": ssm.get_parameter(Name="/app/secret", WithDecryption=True)["Parameter"]["Value"],
            # States move on with time (pending -> running, shutting-down -> terminated); compare where they head.
            "instances": {k: (SETTLED.get(v["State"]["Name"], v["State"]["Name"]), v.get("Tags", []), v["ImageId"],
                              v["InstanceType"])
                          for k, v in instances.items()},
            "throughput": (table["ProvisionedThroughput"]["ReadCapacityUnits"],
                           table["ProvisionedThroughput"]["WriteCapacityUnits"], table["TableArn"],
                           table["CreationDateTime"]),
            "item": ddb.get_item(TableName="settings", Key={"pk": {"S": "a"}})["Item"],
        }

    def test_state_survives_clean_restart_and_sigkill(self):
        server = self.start()
        ids = self.make_state(server)
        before = self.view(server)
        self.assertEqual(len(before["instances"]), 2)
        self.assertEqual(server.stop(), 0)

        server = self.start()
        self.assertEqual(self.view(server), before)
        # More changes, then a crash right after they were acknowledged.
        server.client("ssm").put_parameter(Name="/app/db", Value="v3", Type="String", Overwrite=True)
        server.client("ec2").create_tags(Resources=[ids[0]], Tags=[{"Key": "after", "Value": "crash"}])
        server.client("dynamodb").delete_table(TableName="settings")
        kill(server)

        server = self.start()
        try:
            history = server.client("ssm").get_parameter_history(Name="/app/db")["Parameters"]
            self.assertEqual([p["Value"] for p in history], ["v1", "v2", "v3"])
            self.assertEqual(history[0].get("Labels"), ["prod"])
            tags = server.client("ec2").describe_tags(Filters=[{"Name": "resource-id", "Values": [ids[0]]}])["Tags"]
            self.assertEqual(sorted((t["Key"], t["Value"]) for t in tags), [("after", "crash"), ("env", "prod")])
            self.assertNotIn("settings", server.client("dynamodb").list_tables()["TableNames"])
        finally:
            server.stop()

    # --- CloudFormation: stacks come back; a create the crash interrupted rolls back -----------------------

    STACK_CONFIG = "cloudformation:\n  operation_delay_ms: {\"AWS::EC2::Instance\": 4000}\n"
    KEPT = """
Resources:
  Name:
    Type: AWS::SSM::Parameter
    Properties: {Name: /stack/kept, Type: String, Value: kept}
Outputs:
  Shared: {Value: !Ref Name, Export: {Name: kept-name}}
"""
    SLOW = """
Resources:
  First:
    Type: AWS::SSM::Parameter
    Properties: {Name: /stack/slow, Type: String, Value: slow}
  Box:
    Type: AWS::EC2::Instance
    DependsOn: First
    Properties: {ImageId: ami-0a1b2c3d4e5f60001}
"""

    def stack_view(self, cf, name):
        stack = cf.describe_stacks(StackName=name)["Stacks"][0]
        events = cf.describe_stack_events(StackName=name)["StackEvents"]
        resources = cf.describe_stack_resources(StackName=name)["StackResources"]
        return stack, events, resources, cf.get_template(StackName=name)["TemplateBody"]

    def wait_for(self, predicate, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.1)
        self.fail("timed out")

    def test_stacks_survive_and_an_interrupted_create_rolls_back(self):
        server = Server(config_yaml=self.STACK_CONFIG, args=["--data-dir", self.data_dir]).start()
        cf = server.client("cloudformation")
        cf.create_stack(StackName="kept", TemplateBody=self.KEPT)
        cf.get_waiter("stack_create_complete").wait(StackName="kept", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        kept = self.stack_view(cf, "kept")
        cf.create_stack(StackName="slow", TemplateBody=self.SLOW)
        self.wait_for(lambda: cf.describe_stack_resource(StackName="slow", LogicalResourceId="First")
                      ["StackResourceDetail"]["ResourceStatus"] == "CREATE_COMPLETE")
        kill(server)  # the instance is still waiting out its delay

        server = Server(config_yaml=self.STACK_CONFIG, args=["--data-dir", self.data_dir]).start()
        try:
            cf = server.client("cloudformation")
            self.assertEqual(self.stack_view(cf, "kept"), kept)
            self.assertEqual(cf.list_exports()["Exports"][0]["Name"], "kept-name")
            self.wait_for(lambda: cf.describe_stacks(StackName="slow")["Stacks"][0]["StackStatus"]
                          == "ROLLBACK_COMPLETE")
            slow = cf.describe_stacks(StackName="slow")["Stacks"][0]
            self.assertEqual(slow["StackStatusReason"], "The operation was interrupted: the server stopped while it "
                                                        "ran. Rollback requested by user.")
            statuses = [(e["LogicalResourceId"], e["ResourceStatus"])
                        for e in cf.describe_stack_events(StackName="slow")["StackEvents"]]
            self.assertIn(("First", "DELETE_COMPLETE"), statuses)
            ssm = server.client("ssm")
            with self.assertRaises(ssm.exceptions.ParameterNotFound):
                ssm.get_parameter(Name="/stack/slow")
            self.assertEqual(ssm.get_parameter(Name="/stack/kept")["Parameter"]["Value"], "kept")
            self.assertEqual(server.client("ec2").describe_instances()["Reservations"], [])
        finally:
            server.stop()

    def test_reset_is_durable_and_memory_mode_keeps_nothing(self):
        server = self.start()
        server.client("ssm").put_parameter(Name="/reset/me", Value="x", Type="String")
        status, _ = server.admin("/_chokepoint/reset", method="POST")
        self.assertEqual(status, 200)
        kill(server)
        server = self.start()
        try:
            with self.assertRaises(server.client("ssm").exceptions.ParameterNotFound):
                server.client("ssm").get_parameter(Name="/reset/me")
        finally:
            server.stop()
        with Server() as memory_only:
            with self.assertRaises(memory_only.client("ssm").exceptions.ParameterNotFound):
                memory_only.client("ssm").get_parameter(Name="/reset/me")

    def test_unusable_data_dir_is_refused(self):
        blocker = tempfile.NamedTemporaryFile(prefix="chokepoint-not-a-dir-")
        with self.assertRaises(RuntimeError):
            Server(args=["--data-dir", blocker.name + "/sub"]).start()
        blocker.close()


if __name__ == "__main__":
    unittest.main()
