"""Network interfaces with boto3: created interfaces next to the instances' primary ones, attach/detach, the
attribute changes, the errors for interfaces in use, and the DescribeNetworkInterfaces paginator."""

from ec2_fast import AMI, Ec2AccountTestCase, FAST_WAITER


class Ec2NetworkInterfacesTest(Ec2AccountTestCase):

    def default_subnet(self, ec2, zone="us-east-1a"):
        subnets = ec2.describe_subnets(Filters=[{"Name": "availability-zone", "Values": [zone]}])["Subnets"]
        return subnets[0]["SubnetId"]

    def test_primary_interfaces_are_listed_with_their_attachment(self):
        ec2 = self.client("320000000001")
        instance = ec2.run_instances(ImageId=AMI, MinCount=2, MaxCount=2)["Instances"]
        primaries = {i["NetworkInterfaces"][0]["NetworkInterfaceId"]: i["InstanceId"] for i in instance}
        listed = ec2.describe_network_interfaces()["NetworkInterfaces"]
        self.assertEqual({e["NetworkInterfaceId"]: e["Attachment"]["InstanceId"] for e in listed}, primaries)
        eni = next(iter(primaries))
        self.assert_error("InvalidNetworkInterface.InUse", ec2.delete_network_interface, NetworkInterfaceId=eni)

    def test_create_attach_detach_delete(self):
        ec2 = self.client("320000000002")
        instance_id = ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[instance_id], WaiterConfig=FAST_WAITER)
        subnet = self.default_subnet(ec2)
        created = ec2.create_network_interface(
            SubnetId=subnet, Description="db", TagSpecifications=[
                {"ResourceType": "network-interface", "Tags": [{"Key": "role", "Value": "db"}]}])["NetworkInterface"]
        eni = created["NetworkInterfaceId"]
        self.assertEqual((created["Status"], created["SubnetId"], created["Description"]), ("available", subnet, "db"))
        attachment = ec2.attach_network_interface(NetworkInterfaceId=eni, InstanceId=instance_id,
                                                  DeviceIndex=1)["AttachmentId"]
        attached = ec2.describe_network_interfaces(NetworkInterfaceIds=[eni])["NetworkInterfaces"][0]
        self.assertEqual((attached["Status"], attached["Attachment"]["DeviceIndex"]), ("in-use", 1))
        self.assert_error("InvalidNetworkInterface.InUse", ec2.delete_network_interface, NetworkInterfaceId=eni)
        ec2.modify_network_interface_attribute(NetworkInterfaceId=eni, Description={"Value": "database"})
        tagged = ec2.describe_network_interfaces(Filters=[{"Name": "tag:role", "Values": ["db"]}])["NetworkInterfaces"]
        self.assertEqual([(e["NetworkInterfaceId"], e["Description"]) for e in tagged], [(eni, "database")])
        ec2.detach_network_interface(AttachmentId=attachment)
        ec2.delete_network_interface(NetworkInterfaceId=eni)
        self.assert_error("InvalidNetworkInterfaceID.NotFound", ec2.describe_network_interfaces,
                          NetworkInterfaceIds=[eni])

    def test_paginator(self):
        ec2 = self.client("320000000003")
        subnet = self.default_subnet(ec2)
        made = [ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"]
                for _ in range(7)]
        pages = list(ec2.get_paginator("describe_network_interfaces").paginate(PaginationConfig={"PageSize": 5}))
        self.assertEqual([len(p["NetworkInterfaces"]) for p in pages], [5, 2])
        self.assertEqual([e["NetworkInterfaceId"] for p in pages for e in p["NetworkInterfaces"]], made)

    def test_interfaces_live_in_subnets_and_groups_that_exist(self):
        ec2 = self.client("600000000009")
        self.assert_error("InvalidSubnetID.NotFound", ec2.create_network_interface, SubnetId="subnet-0123456789abcdef0")
        vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.60.2.0/24", AvailabilityZone="us-east-1c")["Subnet"]
        self.assert_error("InvalidGroup.NotFound", ec2.create_network_interface, SubnetId=subnet["SubnetId"],
                          Groups=["sg-0123456789abcdef0"])
        self.assertEqual(ec2.describe_network_interfaces(
            Filters=[{"Name": "vpc-id", "Values": [vpc]}])["NetworkInterfaces"], [])  # refused: nothing made
        eni = ec2.create_network_interface(SubnetId=subnet["SubnetId"])["NetworkInterface"]
        self.assertEqual((eni["VpcId"], eni["AvailabilityZone"]), (vpc, "us-east-1c"))
        self.assertTrue(eni["PrivateIpAddress"].startswith("10.60.2."))
        [default] = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                                          {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"]
        self.assertEqual([g["GroupId"] for g in eni["Groups"]], [default["GroupId"]])

