"""Instance attributes, console output and images made from instances, with boto3 and the AWS CLI: the values
ModifyInstanceAttribute sets show in DescribeInstances, and CreateImage's images move from pending to available
on the emulated clock, so that the image_available and image_exists waiters and RunInstances work with them."""
import base64
import json
import subprocess


from ec2_fast import AMI, Ec2AccountTestCase, FAST_WAITER
from harness import aws_clis


class Ec2ImagesAndAttributesTest(Ec2AccountTestCase):

    def running(self, ec2, **kwargs):
        instance_id = ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, **kwargs)["Instances"][0]["InstanceId"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[instance_id], WaiterConfig=FAST_WAITER)
        return instance_id

    def test_instance_attributes(self):
        ec2 = self.client("310000000001")
        instance_id = self.running(ec2, InstanceType="t3.micro", UserData="#!/bin/sh\necho hi\n")
        user_data = ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="userData")["UserData"]
        self.assertEqual(base64.b64decode(user_data["Value"]), b"#!/bin/sh\necho hi\n")
        self.assert_error("IncorrectInstanceState", ec2.modify_instance_attribute, InstanceId=instance_id,
                          InstanceType={"Value": "t3.large"})
        ec2.modify_instance_attribute(InstanceId=instance_id, DisableApiTermination={"Value": True})
        self.assertTrue(ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="disableApiTermination")
                        ["DisableApiTermination"]["Value"])
        error = self.assert_error("OperationNotPermitted", ec2.terminate_instances, InstanceIds=[instance_id])
        self.assertIn("disableApiTermination", error.response["Error"]["Message"])
        ec2.modify_instance_attribute(InstanceId=instance_id, SourceDestCheck={"Value": False})
        described = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
        self.assertFalse(described["SourceDestCheck"])

        ec2.stop_instances(InstanceIds=[instance_id])
        ec2.get_waiter("instance_stopped").wait(InstanceIds=[instance_id], WaiterConfig=FAST_WAITER)
        ec2.modify_instance_attribute(InstanceId=instance_id, InstanceType={"Value": "t3.large"})
        ec2.modify_instance_attribute(InstanceId=instance_id, UserData={"Value": b"new"})
        described = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
        self.assertEqual(described["InstanceType"], "t3.large")
        self.assertEqual(ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="instanceType")
                         ["InstanceType"]["Value"], "t3.large")
        ec2.modify_instance_attribute(InstanceId=instance_id, Attribute="disableApiTermination", Value="false")
        ec2.terminate_instances(InstanceIds=[instance_id])

    def test_console_output(self):
        ec2 = self.client("310000000002")
        instance_id = self.running(ec2)
        out = ec2.get_console_output(InstanceId=instance_id, Latest=True)
        self.assertEqual(out["InstanceId"], instance_id)
        self.assertIn("Timestamp", out)
        self.assertIn("login:", out["Output"])  # botocore decodes the base64 output
        self.assert_error("InvalidInstanceID.NotFound", ec2.get_console_output, InstanceId="i-0123456789abcdef0")

    def test_create_image_waiters_and_launch(self):
        ec2 = self.client("310000000003")
        instance_id = self.running(ec2)
        image_id = ec2.create_image(InstanceId=instance_id, Name="web-1", NoReboot=True,
                                    TagSpecifications=[{"ResourceType": "image",
                                                        "Tags": [{"Key": "app", "Value": "web"}]}])["ImageId"]
        ec2.get_waiter("image_exists").wait(ImageIds=[image_id], WaiterConfig=FAST_WAITER)
        ec2.get_waiter("image_available").wait(ImageIds=[image_id], WaiterConfig=FAST_WAITER)
        mine = ec2.describe_images(Owners=["self"])["Images"]
        self.assertEqual([i["ImageId"] for i in mine], [image_id])
        self.assertEqual((mine[0]["State"], mine[0]["Name"], mine[0]["SourceInstanceId"]),
                         ("available", "web-1", instance_id))
        self.assertEqual(mine[0]["Tags"], [{"Key": "app", "Value": "web"}])
        self.assertGreater(len(ec2.describe_images()["Images"]), 1)  # the catalog stays listed
        self.assert_error("InvalidAMIName.Duplicate", ec2.create_image, InstanceId=instance_id, Name="web-1")
        launched = ec2.run_instances(ImageId=image_id, MinCount=1, MaxCount=1)["Instances"][0]
        self.assertEqual(launched["ImageId"], image_id)
        ec2.deregister_image(ImageId=image_id)
        self.assertEqual(ec2.describe_images(Owners=["self"])["Images"], [])
        self.assert_error("InvalidAMIID.NotFound", ec2.deregister_image, ImageId=image_id)

    def test_the_aws_cli(self):
        clis = aws_clis()
        if not clis:
            self.skipTest("no AWS CLI on this machine")
        ec2 = self.client("310000000004")
        instance_id = self.running(ec2)
        env = self.server.cli_env(access_key="310000000004")
        cli = clis[-1][0]
        out = subprocess.run([cli, "--endpoint-url", self.server.endpoint, "--output", "json", "ec2",
                              "describe-instance-attribute", "--instance-id", instance_id, "--attribute",
                              "instanceType"], capture_output=True, text=True, timeout=60, env=env)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout)["InstanceType"]["Value"], "m1.small")
