"""EC2 key pairs with boto3: keys made by CreateKeyPair load as real keys and carry the fingerprints AWS
documents, imported keys get theirs, and RunInstances checks KeyName."""
import base64
import hashlib
import unittest


try:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
except ImportError:  # Debian: python3-cryptography, which scripts/setup.sh --test installs
    serialization = ed25519 = rsa = None


from ec2_fast import AMI, Ec2AccountTestCase


def colon_hex(digest):
    return ":".join(f"{b:02x}" for b in digest)


def openssh_blob(public_key):
    line = public_key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    return base64.b64decode(line.split()[1])


class Ec2KeyPairsTest(Ec2AccountTestCase):
    @classmethod
    def setUpClass(cls):
        if serialization is None:
            raise unittest.SkipTest("the cryptography package is not installed (Debian: python3-cryptography); "
                                    "these tests load the returned keys with it")
        super().setUpClass()

    def test_rsa_key_loads_and_its_fingerprint_is_the_sha1_of_its_pkcs8_der(self):
        ec2 = self.client("200000000001")
        created = ec2.create_key_pair(KeyName="deploy")
        self.assertTrue(created["KeyPairId"].startswith("key-"))
        key = serialization.load_pem_private_key(created["KeyMaterial"].encode(), password=None)
        self.assertIsInstance(key, rsa.RSAPrivateKey)
        self.assertEqual(key.key_size, 2048)
        pkcs8 = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption())
        self.assertEqual(created["KeyFingerprint"], colon_hex(hashlib.sha1(pkcs8).digest()))

        described = ec2.describe_key_pairs(KeyNames=["deploy"], IncludePublicKey=True)["KeyPairs"][0]
        self.assertEqual(described["KeyType"], "rsa")
        self.assertEqual(described["KeyFingerprint"], created["KeyFingerprint"])
        self.assertEqual(base64.b64decode(described["PublicKey"].split()[1]), openssh_blob(key.public_key()))
        self.assertIn("CreateTime", described)

    def test_ed25519_key_in_openssh_and_ppk_forms(self):
        ec2 = self.client("200000000002")
        created = ec2.create_key_pair(KeyName="ed", KeyType="ed25519")
        key = serialization.load_ssh_private_key(created["KeyMaterial"].encode(), password=None)
        self.assertIsInstance(key, ed25519.Ed25519PrivateKey)
        blob = openssh_blob(key.public_key())
        self.assertEqual(created["KeyFingerprint"], base64.b64encode(hashlib.sha256(blob).digest()).decode())

        ppk = ec2.create_key_pair(KeyName="putty", KeyType="ed25519", KeyFormat="ppk")["KeyMaterial"]
        self.assertTrue(ppk.startswith("PuTTY-User-Key-File-2: ssh-ed25519\n"))
        self.assertIn("\nPrivate-MAC: ", ppk)
        self.assert_error("InvalidParameterValue", ec2.create_key_pair, KeyName="x", KeyType="dsa")

    def test_imported_keys_get_the_documented_fingerprints(self):
        ec2 = self.client("200000000003")
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public = key.public_key()
        line = public.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        imported = ec2.import_key_pair(KeyName="mine", PublicKeyMaterial=line + b" me@laptop")
        der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        self.assertEqual(imported["KeyFingerprint"], colon_hex(hashlib.md5(der).digest()))
        self.assertNotIn("KeyMaterial", imported)

        ed = ed25519.Ed25519PrivateKey.generate().public_key()
        ed_line = ed.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        ed_imported = ec2.import_key_pair(KeyName="ed", PublicKeyMaterial=ed_line)
        digest = hashlib.sha256(openssh_blob(ed)).digest()
        self.assertEqual(ed_imported["KeyFingerprint"], base64.b64encode(digest).decode())
        self.assertEqual(ec2.describe_key_pairs(KeyNames=["ed"])["KeyPairs"][0]["KeyType"], "ed25519")

        self.assert_error("InvalidKey.Format", ec2.import_key_pair, KeyName="bad", PublicKeyMaterial=b"not a key")
        self.assert_error("InvalidKeyPair.Duplicate", ec2.import_key_pair, KeyName="mine", PublicKeyMaterial=line)

    def test_describe_filters_tags_and_idempotent_delete(self):
        ec2 = self.client("200000000004")
        tagged = ec2.create_key_pair(KeyName="a", TagSpecifications=[
            {"ResourceType": "key-pair", "Tags": [{"Key": "team", "Value": "blue"}]}])
        ec2.create_key_pair(KeyName="b", KeyType="ed25519")
        self.assertEqual(tagged["Tags"], [{"Key": "team", "Value": "blue"}])
        self.assertEqual(len(ec2.describe_key_pairs()["KeyPairs"]), 2)
        by_tag = ec2.describe_key_pairs(Filters=[{"Name": "tag:team", "Values": ["blue"]}])["KeyPairs"]
        self.assertEqual([k["KeyName"] for k in by_tag], ["a"])
        by_id = ec2.describe_key_pairs(KeyPairIds=[tagged["KeyPairId"]])["KeyPairs"]
        self.assertEqual(by_id[0]["Tags"], [{"Key": "team", "Value": "blue"}])
        by_fingerprint = ec2.describe_key_pairs(
            Filters=[{"Name": "fingerprint", "Values": [tagged["KeyFingerprint"]]}])["KeyPairs"]
        self.assertEqual([k["KeyName"] for k in by_fingerprint], ["a"])
        error = self.assert_error("InvalidKeyPair.NotFound", ec2.describe_key_pairs, KeyNames=["a", "missing"])
        self.assertIn("'missing'", error.response["Error"]["Message"])
        self.assert_error("DryRunOperation", ec2.create_key_pair, KeyName="c", DryRun=True)

        ec2.create_tags(Resources=[tagged["KeyPairId"]], Tags=[{"Key": "env", "Value": "dev"}])
        rows = ec2.describe_tags(Filters=[{"Name": "resource-type", "Values": ["key-pair"]}])["Tags"]
        self.assertEqual(sorted(r["Key"] for r in rows), ["env", "team"])

        ec2.delete_key_pair(KeyPairId=tagged["KeyPairId"])
        ec2.delete_key_pair(KeyName="a")  # already gone: still succeeds, as AWS's does
        ec2.delete_key_pair(KeyName="b")
        self.assertEqual(ec2.describe_key_pairs()["KeyPairs"], [])
        self.assertEqual(ec2.describe_tags()["Tags"], [])

    def test_run_instances_checks_the_key_name(self):
        ec2 = self.client("200000000005")
        error = self.assert_error("InvalidKeyPair.NotFound", ec2.run_instances, ImageId=AMI, MinCount=1, MaxCount=1,
                                  KeyName="nope")
        self.assertEqual(error.response["Error"]["Message"], "The key pair 'nope' does not exist")
        ec2.create_key_pair(KeyName="ops")
        instance_id = ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, KeyName="ops")["Instances"][0]["InstanceId"]
        described = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
        self.assertEqual(described["KeyName"], "ops")
