#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "common/base64.hpp"
#include "ec2_fixture.hpp"
#include "services/ec2/ec2_ssh_wire.hpp"

namespace chokepoint::test {
namespace {

// An ED25519 public key line as ssh-keygen writes it: type, base64 blob, comment.
constexpr const char* kEd25519Public =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIj7azlDjVHAsSxgcpCRZ3oWnTm0nAFM64y9jd22ioI/ user@host";

nlohmann::json key_names(std::vector<std::string> names) {
  return {{"KeyName", std::move(names)}};
}

std::string public_key_material(const std::string& public_key) {
  return base64_encode(public_key);
}

// The PKCS#8 DER of a PEM private key, as `openssl pkcs8 -topk8 -nocrypt -outform DER` writes it.
std::string pkcs8_of(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  REQUIRE(key != nullptr);
  unsigned char* der = nullptr;
  PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(key);
  const int size = i2d_PKCS8_PRIV_KEY_INFO(info, &der);
  std::string out(reinterpret_cast<const char*>(der), static_cast<size_t>(size));
  OPENSSL_free(der);
  PKCS8_PRIV_KEY_INFO_free(info);
  EVP_PKEY_free(key);
  return out;
}

TEST_CASE("ec2: CreateKeyPair returns an RSA PEM whose PKCS#8 SHA-1 is the fingerprint", "[ec2]") {
  Ec2Fixture f;
  const auto out = body(f.call("CreateKeyPair", {{"KeyName", "deploy"}}));
  CHECK(out["keyName"] == "deploy");
  CHECK(is_ec2_resource_id(out["keyPairId"].get<std::string>(), "key"));
  const std::string pem = out["keyMaterial"];
  CHECK(pem.rfind("-----BEGIN RSA PRIVATE KEY-----\n", 0) == 0);
  CHECK(out["keyFingerprint"] == colon_hex(key_digest("SHA1", pkcs8_of(pem))));
  CHECK(out["keyFingerprint"].get<std::string>().size() == 59);  // 20 bytes, colon-separated

  const auto listed = body(f.call("DescribeKeyPairs", {{"IncludePublicKey", "true"}}))["keySet"];
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["keyType"] == "rsa");
  CHECK(listed[0]["keyFingerprint"] == out["keyFingerprint"]);
  CHECK(listed[0]["publicKey"].get<std::string>().rfind("ssh-rsa AAAAB3NzaC1yc2E", 0) == 0);
  CHECK(listed[0]["publicKey"].get<std::string>().find(" deploy") != std::string::npos);
  CHECK(listed[0]["createTime"] == "2027-01-15T08:00:00.000Z");
  CHECK_FALSE(body(f.call("DescribeKeyPairs"))["keySet"][0].contains("publicKey"));
}

TEST_CASE("ec2: CreateKeyPair ed25519 in OpenSSH and PPK forms", "[ec2]") {
  Ec2Fixture f;
  const auto pem = body(f.call("CreateKeyPair", {{"KeyName", "a"}, {"KeyType", "ed25519"}}));
  CHECK(pem["keyMaterial"].get<std::string>().rfind("-----BEGIN OPENSSH PRIVATE KEY-----\n", 0) == 0);
  const std::string fingerprint = pem["keyFingerprint"];
  CHECK(fingerprint.size() == 44);  // base64 of 32 bytes, padded
  const auto listed = body(f.call("DescribeKeyPairs", {{"KeyName", {"a"}}, {"IncludePublicKey", "true"}}));
  const std::string line = listed["keySet"][0]["publicKey"];
  std::string blob;
  REQUIRE(base64_decode(line.substr(12, line.find(' ', 12) - 12), blob));
  CHECK(base64_encode(key_digest("SHA256", blob)) == fingerprint);

  const auto ppk = body(f.call("CreateKeyPair", {{"KeyName", "b"}, {"KeyType", "ed25519"}, {"KeyFormat", "ppk"}}));
  CHECK(ppk["keyMaterial"].get<std::string>().rfind("PuTTY-User-Key-File-2: ssh-ed25519\nEncryption: none\n", 0) == 0);
  const auto rsa_ppk = body(f.call("CreateKeyPair", {{"KeyName", "c"}, {"KeyFormat", "ppk"}}));
  CHECK(rsa_ppk["keyMaterial"].get<std::string>().find("Private-MAC: ") != std::string::npos);

  CHECK(error(f.call("CreateKeyPair", {{"KeyName", "d"}, {"KeyType", "dsa"}})).code == "InvalidParameterValue");
  CHECK(error(f.call("CreateKeyPair", {{"KeyName", "d"}, {"KeyFormat", "der"}})).code == "InvalidParameterValue");
}

TEST_CASE("ec2: ImportKeyPair fingerprints: MD5 of the DER public key for RSA, SHA-256 for ED25519", "[ec2]") {
  Ec2Fixture f;
  const auto ed =
      body(f.call("ImportKeyPair", {{"KeyName", "ed"}, {"PublicKeyMaterial", public_key_material(kEd25519Public)}}));
  std::string blob;
  REQUIRE(base64_decode("AAAAC3NzaC1lZDI1NTE5AAAAIIj7azlDjVHAsSxgcpCRZ3oWnTm0nAFM64y9jd22ioI/", blob));
  CHECK(ed["keyFingerprint"] == base64_encode(key_digest("SHA256", blob)));

  // A key of our own making, checked against OpenSSL's own DER encoding of its public half.
  const auto created = body(f.call("CreateKeyPair", {{"KeyName", "made"}}));
  const std::string pem = created["keyMaterial"];
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  unsigned char* der = nullptr;
  const int size = i2d_PUBKEY(key, &der);
  const std::string expected = colon_hex(key_digest("MD5", std::string(reinterpret_cast<char*>(der), size)));
  OPENSSL_free(der);
  EVP_PKEY_free(key);
  const std::string public_key =
      body(f.call("DescribeKeyPairs", {{"KeyName", {"made"}}, {"IncludePublicKey", "true"}}))["keySet"][0]["publicKey"];
  const auto rsa =
      body(f.call("ImportKeyPair", {{"KeyName", "rsa"}, {"PublicKeyMaterial", public_key_material(public_key)}}));
  CHECK(rsa["keyFingerprint"] == expected);
  CHECK_FALSE(rsa.contains("keyMaterial"));

  for (const char* bad : {"not a key", "ssh-rsa !!!", "ssh-dss AAAAB3NzaC1kc3M= x"}) {
    CHECK(error(f.call("ImportKeyPair", {{"KeyName", "x"}, {"PublicKeyMaterial", public_key_material(bad)}})).code ==
          "InvalidKey.Format");
  }
  CHECK(error(f.call("ImportKeyPair", {{"KeyName", "x"}})).code == "MissingParameter");
}

TEST_CASE("ec2: key pair names are unique; describe by name, id and filters; delete is idempotent", "[ec2]") {
  Ec2Fixture f;
  const nlohmann::json tags = {{{"ResourceType", "key-pair"}, {"Tag", {{{"Key", "team"}, {"Value", "a"}}}}}};
  const auto a = body(f.call("CreateKeyPair", {{"KeyName", "a"}, {"TagSpecification", tags}}));
  CHECK(a["tagSet"][0]["key"] == "team");
  body(f.call("ImportKeyPair", {{"KeyName", "b"}, {"PublicKeyMaterial", public_key_material(kEd25519Public)}}));
  CHECK(error(f.call("CreateKeyPair", {{"KeyName", "a"}})).code == "InvalidKeyPair.Duplicate");
  CHECK(error(f.call("CreateKeyPair", {})).code == "MissingParameter");
  CHECK(error(f.call("CreateKeyPair", {{"KeyName", "a"}, {"DryRun", "true"}})).code == "InvalidKeyPair.Duplicate");
  CHECK(error(f.call("CreateKeyPair", {{"KeyName", "z"}, {"DryRun", "true"}})).code == "DryRunOperation");

  CHECK(body(f.call("DescribeKeyPairs"))["keySet"].size() == 2);
  CHECK(body(f.call("DescribeKeyPairs", key_names({"b"})))["keySet"][0]["keyType"] == "ed25519");
  CHECK(error(f.call("DescribeKeyPairs", key_names({"a", "nope"}))).code == "InvalidKeyPair.NotFound");
  CHECK(error(f.call("DescribeKeyPairs", {{"KeyPairId", {"key-0123456789abcdef0"}}})).code ==
        "InvalidKeyPair.NotFound");
  const auto by_id = body(f.call("DescribeKeyPairs", {{"KeyPairId", {a["keyPairId"]}}}))["keySet"];
  REQUIRE(by_id.size() == 1);
  CHECK(by_id[0]["tagSet"][0]["value"] == "a");
  CHECK(body(f.call("DescribeKeyPairs", {{"Filter", {filter("tag:team", {"a"})}}}))["keySet"].size() == 1);
  CHECK(body(f.call("DescribeKeyPairs", {{"Filter", {filter("key-name", {"?"})}}}))["keySet"].size() == 2);
  CHECK(
      body(f.call("DescribeKeyPairs", {{"Filter", {filter("fingerprint", {a["keyFingerprint"]})}}}))["keySet"].size() ==
      1);
  CHECK(error(f.call("DescribeKeyPairs", {{"Filter", {filter("key-type", {"rsa"})}}})).code == "InvalidParameterValue");

  // CreateTags and DescribeTags know key pairs by id.
  body(f.call("CreateTags", {{"ResourceId", {a["keyPairId"]}}, {"Tag", {{{"Key", "env"}, {"Value", "dev"}}}}}));
  const auto rows = body(f.call("DescribeTags", {{"Filter", {filter("resource-type", {"key-pair"})}}}))["tagSet"];
  CHECK(rows.size() == 2);

  CHECK(body(f.call("DeleteKeyPair", {{"KeyPairId", a["keyPairId"]}}))["keyPairId"] == a["keyPairId"]);
  CHECK(body(f.call("DeleteKeyPair", {{"KeyName", "a"}}))["return"] == true);
  CHECK(body(f.call("DeleteKeyPair", {{"KeyName", "b"}}))["return"] == true);
  CHECK(body(f.call("DescribeKeyPairs"))["keySet"].empty());
  CHECK(body(f.call("DescribeTags"))["tagSet"].empty());
  CHECK(error(f.call("DeleteKeyPair", {})).code == "MissingParameter");
}

TEST_CASE("ec2: RunInstances needs an existing key pair and shows its name", "[ec2]") {
  Ec2Fixture f;
  const nlohmann::json launch = {{"ImageId", kImage}, {"MinCount", "1"}, {"MaxCount", "1"}, {"KeyName", "deploy"}};
  const auto missing = error(f.call("RunInstances", launch));
  CHECK(missing.code == "InvalidKeyPair.NotFound");
  CHECK(missing.message == "The key pair 'deploy' does not exist");
  body(f.call("CreateKeyPair", {{"KeyName", "deploy"}}));
  const auto out = body(f.call("RunInstances", launch));
  CHECK(out["instancesSet"][0]["keyName"] == "deploy");
  const auto instances = described(body(f.call("DescribeInstances", {{"Filter", {filter("key-name", {"deploy"})}}})));
  CHECK(instances.size() == 1);
}

}  // namespace
}  // namespace chokepoint::test
