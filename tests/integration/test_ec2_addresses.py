"""Elastic IPs with boto3: allocate, describe with filters, associate with a running instance (DescribeInstances
shows the address), move with AllowReassociation, disassociate and release, with EC2's errors."""

from ec2_fast import AMI, Ec2AccountTestCase, FAST_WAITER

DOCUMENTATION_RANGES = ("192.0.2.", "198.51.100.", "203.0.113.")


class Ec2AddressesTest(Ec2AccountTestCase):

    def running_instances(self, ec2, count):
        ids = [i["InstanceId"] for i in ec2.run_instances(ImageId=AMI, MinCount=count, MaxCount=count)["Instances"]]
        ec2.get_waiter("instance_running").wait(InstanceIds=ids, WaiterConfig=FAST_WAITER)
        return ids

    def public_ip(self, ec2, instance_id):
        return ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0].get("PublicIpAddress")

    def test_allocate_describe_and_the_quota(self):
        ec2 = self.client("300000000001")
        allocated = ec2.allocate_address(Domain="vpc", TagSpecifications=[
            {"ResourceType": "elastic-ip", "Tags": [{"Key": "role", "Value": "web"}]}])
        self.assertTrue(allocated["AllocationId"].startswith("eipalloc-"))
        self.assertTrue(allocated["PublicIp"].startswith(DOCUMENTATION_RANGES))
        self.assertEqual(allocated["Domain"], "vpc")
        for _ in range(4):
            ec2.allocate_address(Domain="vpc")
        error = self.assert_error("AddressLimitExceeded", ec2.allocate_address, Domain="vpc")
        self.assertEqual(error.response["ResponseMetadata"]["HTTPStatusCode"], 400)

        self.assertEqual(len(ec2.describe_addresses()["Addresses"]), 5)
        by_ip = ec2.describe_addresses(PublicIps=[allocated["PublicIp"]])["Addresses"]
        self.assertEqual(by_ip[0]["Tags"], [{"Key": "role", "Value": "web"}])
        by_tag = ec2.describe_addresses(Filters=[{"Name": "tag:role", "Values": ["web"]}])["Addresses"]
        self.assertEqual([a["AllocationId"] for a in by_tag], [allocated["AllocationId"]])
        self.assert_error("InvalidAllocationID.NotFound", ec2.describe_addresses,
                          AllocationIds=["eipalloc-0123456789abcdef0"])
        self.assert_error("InvalidAddress.NotFound", ec2.describe_addresses, PublicIps=["192.0.2.255"])
        self.assert_error("DryRunOperation", ec2.describe_addresses, DryRun=True)

    def test_associate_disassociate_release(self):
        ec2 = self.client("300000000002")
        [instance_id] = ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1)["Instances"]
        allocation = ec2.allocate_address(Domain="vpc")
        self.assert_error("IncorrectInstanceState", ec2.associate_address,
                          AllocationId=allocation["AllocationId"], InstanceId=instance_id["InstanceId"])
        instance_id = instance_id["InstanceId"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[instance_id], WaiterConfig=FAST_WAITER)
        association = ec2.associate_address(AllocationId=allocation["AllocationId"], InstanceId=instance_id)
        self.assertTrue(association["AssociationId"].startswith("eipassoc-"))
        self.assertEqual(self.public_ip(ec2, instance_id), allocation["PublicIp"])

        [address] = ec2.describe_addresses(
            Filters=[{"Name": "instance-id", "Values": [instance_id]}])["Addresses"]
        self.assertEqual(address["AssociationId"], association["AssociationId"])
        self.assertTrue(address["NetworkInterfaceId"].startswith("eni-"))
        self.assertTrue(address["PrivateIpAddress"].startswith("172.31."))

        self.assert_error("InvalidIPAddress.InUse", ec2.release_address, AllocationId=allocation["AllocationId"])
        ec2.disassociate_address(AssociationId=association["AssociationId"])
        self.assertNotEqual(self.public_ip(ec2, instance_id), allocation["PublicIp"])
        self.assert_error("InvalidAssociationID.NotFound", ec2.disassociate_address,
                          AssociationId=association["AssociationId"])
        ec2.release_address(AllocationId=allocation["AllocationId"])
        self.assertEqual(ec2.describe_addresses()["Addresses"], [])
        self.assert_error("InvalidAllocationID.NotFound", ec2.release_address,
                          AllocationId=allocation["AllocationId"])

    def test_reassociation_and_network_interfaces(self):
        ec2 = self.client("300000000003")
        first, second = self.running_instances(ec2, 2)
        allocation_id = ec2.allocate_address(Domain="vpc")["AllocationId"]
        ec2.associate_address(AllocationId=allocation_id, InstanceId=first)
        eni = ec2.describe_instances(InstanceIds=[second])["Reservations"][0]["Instances"][0][
            "NetworkInterfaces"][0]["NetworkInterfaceId"]
        self.assert_error("Resource.AlreadyAssociated", ec2.associate_address, AllocationId=allocation_id,
                          NetworkInterfaceId=eni)
        ec2.associate_address(AllocationId=allocation_id, NetworkInterfaceId=eni, AllowReassociation=True)
        [address] = ec2.describe_addresses(AllocationIds=[allocation_id])["Addresses"]
        self.assertEqual(address["InstanceId"], second)

        ec2.terminate_instances(InstanceIds=[second])
        ec2.get_waiter("instance_terminated").wait(InstanceIds=[second], WaiterConfig=FAST_WAITER)
        [address] = ec2.describe_addresses(AllocationIds=[allocation_id])["Addresses"]
        self.assertNotIn("AssociationId", address)
