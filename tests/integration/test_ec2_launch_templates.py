"""EC2 launch templates with boto3 and the AWS CLI: versions, aliases, paginators, and RunInstances taking its
defaults from a template version."""
import json
import subprocess


from ec2_fast import AMI, Ec2AccountTestCase
from harness import aws_clis

ARM_AMI = "ami-0a1b2c3d4e5f60002"


class Ec2LaunchTemplatesTest(Ec2AccountTestCase):

    def test_create_describe_version_modify_delete(self):
        ec2 = self.client("300000000001")
        created = ec2.create_launch_template(
            LaunchTemplateName="web", VersionDescription="v1",
            LaunchTemplateData={"ImageId": AMI, "InstanceType": "t3.micro", "SecurityGroupIds": ["sg-0123456789abcdef0"],
                                "BlockDeviceMappings": [{"DeviceName": "/dev/xvda",
                                                         "Ebs": {"VolumeSize": 20, "VolumeType": "gp3"}}],
                                "MetadataOptions": {"HttpTokens": "required"}},
            TagSpecifications=[{"ResourceType": "launch-template", "Tags": [{"Key": "team", "Value": "web"}]}],
        )["LaunchTemplate"]
        lt_id = created["LaunchTemplateId"]
        self.assertTrue(lt_id.startswith("lt-"))
        self.assertEqual((created["DefaultVersionNumber"], created["LatestVersionNumber"]), (1, 1))
        self.assertEqual(created["Tags"], [{"Key": "team", "Value": "web"}])
        self.assert_error("InvalidLaunchTemplateName.AlreadyExistsException", ec2.create_launch_template,
                          LaunchTemplateName="web", LaunchTemplateData={"ImageId": AMI})
        self.assert_error("InvalidLaunchTemplateName.MalformedException", ec2.create_launch_template,
                          LaunchTemplateName="no spaces", LaunchTemplateData={"ImageId": AMI})

        v2 = ec2.create_launch_template_version(LaunchTemplateId=lt_id, SourceVersion="1", VersionDescription="big",
                                                LaunchTemplateData={"InstanceType": "t3.large"})
        data = v2["LaunchTemplateVersion"]["LaunchTemplateData"]
        self.assertEqual(data["InstanceType"], "t3.large")
        self.assertEqual(data["ImageId"], AMI)  # kept from the source version
        self.assertEqual(data["SecurityGroupIds"], ["sg-0123456789abcdef0"])
        self.assertEqual(data["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"], 20)
        self.assertEqual(data["MetadataOptions"]["HttpTokens"], "required")

        ec2.modify_launch_template(LaunchTemplateId=lt_id, DefaultVersion="2")
        default = ec2.describe_launch_template_versions(LaunchTemplateName="web", Versions=["$Default"])
        self.assertEqual([v["VersionNumber"] for v in default["LaunchTemplateVersions"]], [2])
        self.assertTrue(default["LaunchTemplateVersions"][0]["DefaultVersion"])
        filtered = ec2.describe_launch_templates(Filters=[{"Name": "tag:team", "Values": ["web"]}])
        self.assertEqual([t["LaunchTemplateId"] for t in filtered["LaunchTemplates"]], [lt_id])
        self.assertEqual(filtered["LaunchTemplates"][0]["DefaultVersionNumber"], 2)

        deleted = ec2.delete_launch_template_versions(LaunchTemplateId=lt_id, Versions=["1", "2"])
        self.assertEqual([v["VersionNumber"] for v in deleted["SuccessfullyDeletedLaunchTemplateVersions"]], [1])
        self.assertEqual(len(deleted["UnsuccessfullyDeletedLaunchTemplateVersions"]), 1)  # the default stays
        ec2.delete_launch_template(LaunchTemplateName="web")
        self.assert_error("InvalidLaunchTemplateId.NotFound", ec2.describe_launch_templates,
                          LaunchTemplateIds=[lt_id])
        self.assert_error("InvalidLaunchTemplateName.NotFoundException", ec2.describe_launch_template_versions,
                          LaunchTemplateName="web")

    def test_paginators_walk_templates_and_versions(self):
        ec2 = self.client("300000000002")
        for n in range(7):
            ec2.create_launch_template(LaunchTemplateName=f"t-{n}", LaunchTemplateData={"ImageId": AMI})
        for n in range(4):
            ec2.create_launch_template_version(LaunchTemplateName="t-0", LaunchTemplateData={"ImageId": AMI},
                                               VersionDescription=f"v{n + 2}")
        pages = list(ec2.get_paginator("describe_launch_templates").paginate(PaginationConfig={"PageSize": 3}))
        self.assertEqual([len(p["LaunchTemplates"]) for p in pages], [3, 3, 1])
        names = [t["LaunchTemplateName"] for p in pages for t in p["LaunchTemplates"]]
        self.assertEqual(names, [f"t-{n}" for n in range(7)])
        versions = ec2.get_paginator("describe_launch_template_versions").paginate(
            LaunchTemplateName="t-0", PaginationConfig={"PageSize": 2})
        numbers = [v["VersionNumber"] for p in versions for v in p["LaunchTemplateVersions"]]
        self.assertEqual(numbers, [1, 2, 3, 4, 5])
        ranged = ec2.describe_launch_template_versions(LaunchTemplateName="t-0", MinVersion="2", MaxVersion="3")
        self.assertEqual([v["VersionDescription"] for v in ranged["LaunchTemplateVersions"]], ["v2", "v3"])

    def test_run_instances_from_a_template(self):
        ec2 = self.client("300000000003")
        ec2.create_key_pair(KeyName="ops")
        lt_id = ec2.create_launch_template(
            LaunchTemplateName="app",
            LaunchTemplateData={"ImageId": AMI, "InstanceType": "t3.small", "KeyName": "ops",
                                "TagSpecifications": [{"ResourceType": "instance",
                                                       "Tags": [{"Key": "Name", "Value": "app"}]}]},
        )["LaunchTemplate"]["LaunchTemplateId"]
        ec2.create_launch_template_version(LaunchTemplateId=lt_id, SourceVersion="1",
                                           LaunchTemplateData={"ImageId": ARM_AMI, "InstanceType": "t4g.small"})
        run = ec2.run_instances(MinCount=1, MaxCount=1, InstanceType="t3.micro",
                                LaunchTemplate={"LaunchTemplateId": lt_id})
        instance = run["Instances"][0]
        self.assertEqual((instance["ImageId"], instance["InstanceType"], instance["KeyName"]),
                         (AMI, "t3.micro", "ops"))
        tags = {t["Key"]: t["Value"] for t in instance["Tags"]}
        self.assertEqual(tags, {"Name": "app", "aws:ec2launchtemplate:id": lt_id,
                                "aws:ec2launchtemplate:version": "1"})
        latest = ec2.run_instances(MinCount=1, MaxCount=1,
                                   LaunchTemplate={"LaunchTemplateName": "app", "Version": "$Latest"})["Instances"][0]
        self.assertEqual((latest["ImageId"], latest["Architecture"]), (ARM_AMI, "arm64"))
        ec2.get_waiter("instance_running").wait(InstanceIds=[latest["InstanceId"]],
                                                WaiterConfig={"Delay": 1, "MaxAttempts": 15})
        described = ec2.describe_instances(
            Filters=[{"Name": "tag:aws:ec2launchtemplate:id", "Values": [lt_id]}])["Reservations"]
        self.assertEqual(len(described), 2)

        self.assert_error("InvalidLaunchTemplateId.NotFound", ec2.run_instances, MinCount=1, MaxCount=1,
                          LaunchTemplate={"LaunchTemplateId": "lt-0123456789abcdef0"})
        self.assert_error("InvalidLaunchTemplateName.NotFoundException", ec2.run_instances, MinCount=1, MaxCount=1,
                          LaunchTemplate={"LaunchTemplateName": "missing"})
        self.assert_error("InvalidLaunchTemplateId.VersionNotFound", ec2.run_instances, MinCount=1, MaxCount=1,
                          LaunchTemplate={"LaunchTemplateId": lt_id, "Version": "9"})
        error = self.assert_error("InvalidKeyPair.NotFound", ec2.run_instances, ImageId=AMI, MinCount=1,
                                  MaxCount=1, KeyName="nobody")
        self.assertEqual(error.response["Error"]["Message"], "The key pair 'nobody' does not exist")

    def test_get_launch_template_data_round_trips(self):
        ec2 = self.client("300000000004")
        instance_id = ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1,
                                        InstanceType="t3.micro")["Instances"][0]["InstanceId"]
        data = ec2.get_launch_template_data(InstanceId=instance_id)["LaunchTemplateData"]
        self.assertEqual((data["ImageId"], data["InstanceType"]), (AMI, "t3.micro"))
        created = ec2.create_launch_template(LaunchTemplateName="copy", LaunchTemplateData=data)
        self.assertEqual(created["LaunchTemplate"]["LatestVersionNumber"], 1)
        again = ec2.run_instances(MinCount=1, MaxCount=1, LaunchTemplate={"LaunchTemplateName": "copy"})
        self.assertEqual(again["Instances"][0]["InstanceType"], "t3.micro")

    def test_the_aws_cli(self):
        clis = aws_clis()
        if not clis:
            self.skipTest("no AWS CLI on this machine")
        env = self.server.cli_env(access_key="300000000005")
        for n, (cli, _) in enumerate(clis):
            base = [cli, "--endpoint-url", self.server.endpoint, "--output", "json", "ec2"]
            created = subprocess.run(base + ["create-launch-template", "--launch-template-name", f"cli-{n}",
                                             "--launch-template-data", json.dumps({"ImageId": AMI})],
                                     capture_output=True, text=True, timeout=60, env=env)
            self.assertEqual(created.returncode, 0, created.stderr)
            lt_id = json.loads(created.stdout)["LaunchTemplate"]["LaunchTemplateId"]
            described = subprocess.run(base + ["describe-launch-templates", "--launch-template-ids", lt_id],
                                       capture_output=True, text=True, timeout=60, env=env)
            self.assertEqual(described.returncode, 0, described.stderr)
            self.assertEqual(json.loads(described.stdout)["LaunchTemplates"][0]["LaunchTemplateName"], f"cli-{n}")
