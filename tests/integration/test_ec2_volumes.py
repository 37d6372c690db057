"""EBS volumes and snapshots with boto3 and the AWS CLI: create, attach to a running instance (DescribeInstances
shows the mapping), detach, modify, snapshot, restore, copy and delete, with botocore's waiters and paginators,
EC2's errors, AWS::EC2::Volume and AWS::EC2::VolumeAttachment in a stack, and volumes that survive a restart of a
durable server."""
import json
import shutil
import subprocess
import tempfile
import time
import unittest

from botocore.exceptions import ClientError, WaiterError

from harness import Server, aws_clis
from ec2_fast import AMI, CONFIG, Ec2AccountTestCase, FAST_WAITER, NO_RETRIES

ZONE = "us-east-1a"


class Ec2VolumesTest(Ec2AccountTestCase):

    def running_instance(self, ec2):
        [instance] = ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1,
                                       Placement={"AvailabilityZone": ZONE})["Instances"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[instance["InstanceId"]], WaiterConfig=FAST_WAITER)
        return instance["InstanceId"]

    def test_create_attach_detach_delete_with_waiters(self):
        ec2 = self.client("400000000001")
        instance_id = self.running_instance(ec2)
        volume = ec2.create_volume(AvailabilityZone=ZONE, Size=20, VolumeType="gp3", TagSpecifications=[
            {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "data"}]}])
        volume_id = volume["VolumeId"]
        self.assertEqual(volume["State"], "creating")
        self.assertEqual((volume["Size"], volume["Iops"], volume["Throughput"]), (20, 3000, 125))
        self.assertEqual(volume["Tags"], [{"Key": "Name", "Value": "data"}])
        ec2.get_waiter("volume_available").wait(VolumeIds=[volume_id], WaiterConfig=FAST_WAITER)

        attachment = ec2.attach_volume(VolumeId=volume_id, InstanceId=instance_id, Device="/dev/sdf")
        self.assertEqual(attachment["State"], "attaching")
        ec2.get_waiter("volume_in_use").wait(VolumeIds=[volume_id], WaiterConfig=FAST_WAITER)
        [described] = ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"]
        self.assertEqual(described["Attachments"][0]["InstanceId"], instance_id)
        instance = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
        devices = {m["DeviceName"]: m["Ebs"]["VolumeId"] for m in instance["BlockDeviceMappings"]}
        self.assertEqual(devices["/dev/sdf"], volume_id)
        root_volume = devices[instance["RootDeviceName"]]
        [root] = ec2.describe_volumes(VolumeIds=[root_volume])["Volumes"]
        self.assertEqual((root["State"], root["Attachments"][0]["DeleteOnTermination"]), ("in-use", True))

        self.assert_error("VolumeInUse", ec2.delete_volume, VolumeId=volume_id)
        self.assert_error("DryRunOperation", ec2.detach_volume, VolumeId=volume_id, DryRun=True)
        ec2.detach_volume(VolumeId=volume_id, Force=True)
        ec2.get_waiter("volume_available").wait(VolumeIds=[volume_id], WaiterConfig=FAST_WAITER)
        ec2.delete_volume(VolumeId=volume_id)
        ec2.get_waiter("volume_deleted").wait(VolumeIds=[volume_id], WaiterConfig=FAST_WAITER)
        error = self.assert_error("InvalidVolume.NotFound", ec2.describe_volumes, VolumeIds=[volume_id])
        self.assertEqual(error.response["Error"]["Message"], f"The volume '{volume_id}' does not exist.")

        # The root volume goes with its instance.
        ec2.terminate_instances(InstanceIds=[instance_id])
        ec2.get_waiter("instance_terminated").wait(InstanceIds=[instance_id], WaiterConfig=FAST_WAITER)
        ec2.get_waiter("volume_deleted").wait(VolumeIds=[root_volume], WaiterConfig=FAST_WAITER)

    def test_bad_input_changes_nothing(self):
        ec2 = self.client("400000000002")
        instance_id = self.running_instance(ec2)
        self.assert_error("InvalidParameterValue", ec2.create_volume, AvailabilityZone=ZONE, Size=20000)
        self.assert_error("MissingParameter", ec2.create_volume, AvailabilityZone=ZONE, VolumeType="io2", Size=10)
        self.assert_error("InvalidParameterCombination", ec2.create_volume, AvailabilityZone=ZONE, Size=10, Iops=500)
        self.assert_error("InvalidParameterValue", ec2.create_volume, AvailabilityZone="us-east-1q", Size=10)
        self.assert_error("InvalidSnapshot.NotFound", ec2.create_volume, AvailabilityZone=ZONE,
                          SnapshotId="snap-0123456789abcdef0")
        self.assert_error("DryRunOperation", ec2.create_volume, AvailabilityZone=ZONE, Size=10, DryRun=True)
        self.assertEqual([v["VolumeId"] for v in ec2.describe_volumes(
            Filters=[{"Name": "attachment.instance-id", "Values": [instance_id]}])["Volumes"]],
            [v["VolumeId"] for v in ec2.describe_volumes()["Volumes"]])  # only the root volume

        other_zone = ec2.create_volume(AvailabilityZone="us-east-1b", Size=10)["VolumeId"]
        ec2.get_waiter("volume_available").wait(VolumeIds=[other_zone], WaiterConfig=FAST_WAITER)
        self.assert_error("InvalidVolume.ZoneMismatch", ec2.attach_volume, VolumeId=other_zone,
                          InstanceId=instance_id, Device="/dev/sdf")
        self.assert_error("InvalidInstanceID.NotFound", ec2.attach_volume, VolumeId=other_zone,
                          InstanceId="i-0123456789abcdef0", Device="/dev/sdf")
        self.assertEqual(ec2.describe_volumes(VolumeIds=[other_zone])["Volumes"][0]["State"], "available")
        self.assert_error("InvalidVolumeID.Malformed", ec2.delete_volume, VolumeId="volume-1")

    def test_modify_and_paginate(self):
        ec2 = self.client("400000000003")
        ids = [ec2.create_volume(AvailabilityZone=ZONE, Size=8, ClientToken=f"t{n}")["VolumeId"] for n in range(7)]
        self.assertEqual(ec2.create_volume(AvailabilityZone=ZONE, Size=8, ClientToken="t0")["VolumeId"], ids[0])
        pages = list(ec2.get_paginator("describe_volumes").paginate(PaginationConfig={"PageSize": 5}))
        self.assertEqual(len(pages), 2)
        self.assertEqual([v["VolumeId"] for p in pages for v in p["Volumes"]], ids)
        ec2.get_waiter("volume_available").wait(VolumeIds=ids, WaiterConfig=FAST_WAITER)

        modification = ec2.modify_volume(VolumeId=ids[0], Size=16, VolumeType="gp3")["VolumeModification"]
        self.assertEqual((modification["ModificationState"], modification["OriginalVolumeType"],
                          modification["TargetVolumeType"]), ("modifying", "gp2", "gp3"))
        self.assert_error("IncorrectModificationState", ec2.modify_volume, VolumeId=ids[0], Size=20)
        for _ in range(40):  # bounded (10 s): completed after two transitions of half a second
            [m] = ec2.describe_volumes_modifications(VolumeIds=[ids[0]])["VolumesModifications"]
            if m["ModificationState"] == "completed":
                break
            time.sleep(0.25)
        self.assertEqual(m["ModificationState"], "completed")
        self.assertEqual(m["Progress"], 100)
        [volume] = ec2.describe_volumes(VolumeIds=[ids[0]])["Volumes"]
        self.assertEqual((volume["Size"], volume["VolumeType"]), (16, "gp3"))
        statuses = ec2.describe_volume_status(VolumeIds=ids[:2])["VolumeStatuses"]
        self.assertEqual([s["VolumeStatus"]["Status"] for s in statuses], ["ok", "ok"])

    def test_snapshots_restore_copy_and_delete(self):
        ec2 = self.client("400000000004")
        volume_id = ec2.create_volume(AvailabilityZone=ZONE, Size=30, Encrypted=True)["VolumeId"]
        snapshot = ec2.create_snapshot(VolumeId=volume_id, Description="before upgrade", TagSpecifications=[
            {"ResourceType": "snapshot", "Tags": [{"Key": "kind", "Value": "backup"}]}])
        snapshot_id = snapshot["SnapshotId"]
        self.assertEqual((snapshot["State"], snapshot["VolumeSize"], snapshot["Encrypted"]), ("pending", 30, True))
        ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot_id], WaiterConfig=FAST_WAITER)
        [described] = ec2.describe_snapshots(OwnerIds=["self"], Filters=[
            {"Name": "tag:kind", "Values": ["backup"]}])["Snapshots"]
        self.assertEqual((described["Progress"], described["Description"]), ("100%", "before upgrade"))
        self.assertEqual(ec2.describe_snapshots(OwnerIds=["amazon"])["Snapshots"], [])

        restored = ec2.create_volume(AvailabilityZone=ZONE, SnapshotId=snapshot_id)
        self.assertEqual((restored["Size"], restored["SnapshotId"], restored["Encrypted"]), (30, snapshot_id, True))
        self.assert_error("InvalidParameterValue", ec2.create_volume, AvailabilityZone=ZONE,
                          SnapshotId=snapshot_id, Size=10)

        copy_id = ec2.copy_snapshot(SourceSnapshotId=snapshot_id, SourceRegion="us-east-1",
                                    Description="copy")["SnapshotId"]
        ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[copy_id], WaiterConfig=FAST_WAITER)
        pages = ec2.get_paginator("describe_snapshots").paginate(OwnerIds=["self"])
        self.assertEqual({s["SnapshotId"] for p in pages for s in p["Snapshots"]}, {snapshot_id, copy_id})
        ec2.delete_snapshot(SnapshotId=snapshot_id)
        self.assert_error("InvalidSnapshot.NotFound", ec2.describe_snapshots, SnapshotIds=[snapshot_id])
        with self.assertRaises(WaiterError):  # a missing snapshot is no success for the waiter
            ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot_id],
                                                       WaiterConfig={"Delay": 1, "MaxAttempts": 1})

    def test_aws_cli(self):
        clis = aws_clis()
        if not clis:
            self.skipTest("no AWS CLI on this machine")
        env = self.server.cli_env(access_key="400000000005")
        for cli, _ in clis:
            base = [cli, "--endpoint-url", self.server.endpoint, "--output", "json", "ec2"]
            created = subprocess.run(base + ["create-volume", "--availability-zone", ZONE, "--size", "5",
                                             "--volume-type", "gp3"], capture_output=True, text=True, timeout=60,
                                     env=env)
            self.assertEqual(created.returncode, 0, created.stderr)
            volume_id = json.loads(created.stdout)["VolumeId"]
            described = subprocess.run(base + ["describe-volumes", "--filters", "Name=volume-type,Values=gp3",
                                               "Name=size,Values=5"], capture_output=True, text=True,
                                       timeout=60, env=env)
            self.assertEqual(described.returncode, 0, described.stderr)
            self.assertIn(volume_id, [v["VolumeId"] for v in json.loads(described.stdout)["Volumes"]])


STACK = f"""
Resources:
  Server:
    Type: AWS::EC2::Instance
    Properties: {{ImageId: {AMI}, InstanceType: t3.micro, AvailabilityZone: {ZONE}}}
  Data:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: !GetAtt Server.AvailabilityZone
      Size: 50
      VolumeType: gp3
      Tags: [{{Key: Name, Value: data}}]
  Mount:
    Type: AWS::EC2::VolumeAttachment
    Properties: {{InstanceId: !Ref Server, VolumeId: !Ref Data, Device: /dev/sdh}}
Outputs:
  VolumeId: {{Value: !Ref Data}}
  SameId: {{Value: !GetAtt Data.VolumeId}}
  InstanceId: {{Value: !Ref Server}}
"""


class Ec2VolumesStackTest(Ec2AccountTestCase):
    def test_volume_and_attachment_in_a_stack(self):
        cf = self.server.client("cloudformation", access_key="400000000006")
        ec2 = self.server.client("ec2", access_key="400000000006", retries=NO_RETRIES)
        cf.create_stack(StackName="disk", TemplateBody=STACK)
        cf.get_waiter("stack_create_complete").wait(StackName="disk", WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        out = {o["OutputKey"]: o["OutputValue"] for o in cf.describe_stacks(StackName="disk")["Stacks"][0]["Outputs"]}
        self.assertEqual(out["VolumeId"], out["SameId"])
        [volume] = ec2.describe_volumes(VolumeIds=[out["VolumeId"]])["Volumes"]
        self.assertEqual((volume["Size"], volume["State"]), (50, "in-use"))
        self.assertEqual((volume["Attachments"][0]["InstanceId"], volume["Attachments"][0]["Device"]),
                         (out["InstanceId"], "/dev/sdh"))
        self.assertIn({"Key": "Name", "Value": "data"}, volume["Tags"])
        cf.delete_stack(StackName="disk")
        cf.get_waiter("stack_delete_complete").wait(StackName="disk", WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        self.assert_volume_gone(ec2, out["VolumeId"])

    def assert_volume_gone(self, ec2, volume_id):
        with self.assertRaises(ClientError) as caught:
            ec2.describe_volumes(VolumeIds=[volume_id])
        self.assertEqual(caught.exception.response["Error"]["Code"], "InvalidVolume.NotFound")


class Ec2VolumesDurableTest(unittest.TestCase):
    def test_volumes_and_snapshots_survive_a_restart(self):
        data_dir = tempfile.mkdtemp(prefix="chokepoint-volumes-")
        try:
            with Server(config_yaml=CONFIG, args=["--data-dir", data_dir]) as server:
                ec2 = server.client("ec2", retries=NO_RETRIES)
                volume_id = ec2.create_volume(AvailabilityZone=ZONE, Size=9, TagSpecifications=[
                    {"ResourceType": "volume", "Tags": [{"Key": "keep", "Value": "yes"}]}])["VolumeId"]
                ec2.get_waiter("volume_available").wait(VolumeIds=[volume_id], WaiterConfig=FAST_WAITER)
                snapshot_id = ec2.create_snapshot(VolumeId=volume_id)["SnapshotId"]
            with Server(config_yaml=CONFIG, args=["--data-dir", data_dir]) as server:
                ec2 = server.client("ec2", retries=NO_RETRIES)
                [volume] = ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"]
                self.assertEqual((volume["Size"], volume["State"], volume["Tags"]),
                                 (9, "available", [{"Key": "keep", "Value": "yes"}]))
                ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot_id], WaiterConfig=FAST_WAITER)
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)
