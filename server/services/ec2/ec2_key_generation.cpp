// CreateKeyPair's key material. What EC2 returns, per the EC2 API reference (KeyPair, CreateKeyPair;
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateKeyPair.html) and the user guide's
// "Verify the fingerprint" (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/verify-keys.html):
// - RSA: 2048 bits, KeyMaterial a PKCS#1 "BEGIN RSA PRIVATE KEY" PEM; fingerprint the SHA-1 of the PKCS#8
//   DER private key (`openssl pkcs8 -topk8 -nocrypt -outform DER | openssl sha1 -c`), colon-separated hex;
// - ED25519: KeyMaterial an OpenSSH "BEGIN OPENSSH PRIVATE KEY"; fingerprint the base64 SHA-256 of the
//   public key blob, "the default for OpenSSH, starting with OpenSSH 6.8";
// - KeyFormat ppk: the same key as a PuTTY private key file (version 2, unencrypted).
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>

#include "common/base64.hpp"
#include "common/strings.hpp"
#include "services/ec2/ec2_key_material.hpp"
#include "services/ec2/ec2_ssh_wire.hpp"

namespace chokepoint {

namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;

// What generation produced, before it is written in the requested format.
struct KeyParts {
  std::string type;         // "ssh-rsa", "ssh-ed25519"
  std::string public_blob;  // SSH wire form
  std::string pem;          // KeyFormat pem
  std::string ppk_private;  // PPK's private blob
  std::string fingerprint;
};

std::string rsa_param(const EVP_PKEY* key, const char* name) {
  BIGNUM* value = nullptr;
  if (!EVP_PKEY_get_bn_param(key, name, &value)) return {};
  std::string bytes(static_cast<size_t>(BN_num_bytes(value)), '\0');
  BN_bn2bin(value, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(value);
  return bytes;
}

std::string traditional_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  std::string out;
  if (bio && PEM_write_bio_PrivateKey_traditional(bio, key, nullptr, nullptr, 0, nullptr, nullptr)) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    out.assign(data, static_cast<size_t>(size));
  }
  BIO_free(bio);
  return out;
}

std::string pkcs8_der(EVP_PKEY* key) {
  PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(key);
  if (!info) return {};
  std::string der(static_cast<size_t>(std::max(0, i2d_PKCS8_PRIV_KEY_INFO(info, nullptr))), '\0');
  auto* cursor = reinterpret_cast<unsigned char*>(der.data());
  i2d_PKCS8_PRIV_KEY_INFO(info, &cursor);
  PKCS8_PRIV_KEY_INFO_free(info);
  return der;
}

std::optional<KeyParts> rsa_parts() {
  constexpr size_t kRsaBits = 2048;  // CreateKeyPair's RSA keys are 2048-bit (EC2 user guide, "Create key pairs")
  const KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", kRsaBits));
  if (!key) return std::nullopt;
  KeyParts parts{"ssh-rsa", {}, traditional_pem(key.get()), {}, {}};
  ssh_put_string(parts.public_blob, parts.type);
  ssh_put_mpint(parts.public_blob, rsa_param(key.get(), OSSL_PKEY_PARAM_RSA_E));
  ssh_put_mpint(parts.public_blob, rsa_param(key.get(), OSSL_PKEY_PARAM_RSA_N));
  // PuTTY's RSA private blob: d, p, q, and q^-1 mod p (OpenSSL's first coefficient).
  for (const char* name : {OSSL_PKEY_PARAM_RSA_D, OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2,
                           OSSL_PKEY_PARAM_RSA_COEFFICIENT1}) {
    ssh_put_mpint(parts.ppk_private, rsa_param(key.get(), name));
  }
  const std::string der = pkcs8_der(key.get());
  if (parts.pem.empty() || der.empty()) return std::nullopt;
  parts.fingerprint = colon_hex(key_digest("SHA1", der));
  return parts;
}

std::string wrapped_base64(std::string_view bytes, size_t width) {
  const std::string text = base64_encode(bytes);
  std::string out;
  for (size_t i = 0; i < text.size(); i += width) out += text.substr(i, width) + "\n";
  return out;
}

// The "openssh-key-v1" container (OpenSSH's PROTOCOL.key), unencrypted, holding one ED25519 key.
std::string openssh_private_pem(const KeyParts& parts, std::string_view seed, std::string_view public_key) {
  std::string secret;
  const std::string check = key_digest("SHA256", public_key).substr(0, 4);  // any value; both copies must match
  secret += check + check;
  ssh_put_string(secret, parts.type);
  ssh_put_string(secret, public_key);
  ssh_put_string(secret, std::string(seed) + std::string(public_key));
  ssh_put_string(secret, "");  // comment
  for (char pad = 1; secret.size() % 8 != 0; ++pad) secret.push_back(pad);
  std::string body("openssh-key-v1\0", 15);
  ssh_put_string(body, "none");
  ssh_put_string(body, "none");
  ssh_put_string(body, "");
  ssh_put_u32(body, 1);
  ssh_put_string(body, parts.public_blob);
  ssh_put_string(body, secret);
  return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + wrapped_base64(body, 70) + "-----END OPENSSH PRIVATE KEY-----\n";
}

std::optional<KeyParts> ed25519_parts() {
  const KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!key) return std::nullopt;
  unsigned char seed[32], public_key[32];
  size_t seed_size = sizeof seed, public_size = sizeof public_key;
  if (!EVP_PKEY_get_raw_private_key(key.get(), seed, &seed_size) ||
      !EVP_PKEY_get_raw_public_key(key.get(), public_key, &public_size)) {
    return std::nullopt;
  }
  const std::string_view seed_bytes(reinterpret_cast<const char*>(seed), seed_size);
  const std::string_view public_bytes(reinterpret_cast<const char*>(public_key), public_size);
  KeyParts parts{"ssh-ed25519", {}, {}, {}, {}};
  ssh_put_string(parts.public_blob, parts.type);
  ssh_put_string(parts.public_blob, public_bytes);
  parts.pem = openssh_private_pem(parts, seed_bytes, public_bytes);
  // PuTTY keeps the private scalar as a little-endian integer without its high zero bytes.
  std::string_view scalar = seed_bytes;
  while (!scalar.empty() && scalar.back() == '\0') scalar.remove_suffix(1);
  ssh_put_string(parts.ppk_private, scalar);
  parts.fingerprint = base64_encode(key_digest("SHA256", parts.public_blob));
  return parts;
}

// PuTTY-User-Key-File-2, unencrypted: the MAC is HMAC-SHA-1 keyed with SHA-1("putty-private-key-file-mac-key")
// over the algorithm, encryption, comment and both blobs, each as an SSH string.
std::string ppk_text(const KeyParts& parts, std::string_view comment) {
  std::string signed_data;
  for (std::string_view field : {std::string_view(parts.type), std::string_view("none"), comment,
                                 std::string_view(parts.public_blob), std::string_view(parts.ppk_private)}) {
    ssh_put_string(signed_data, field);
  }
  const std::string mac_key = key_digest("SHA1", "putty-private-key-file-mac-key");
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha1(), mac_key.data(), static_cast<int>(mac_key.size()),
       reinterpret_cast<const unsigned char*>(signed_data.data()), signed_data.size(), mac, &mac_size);
  const std::string public_lines = wrapped_base64(parts.public_blob, 64);
  const std::string private_lines = wrapped_base64(parts.ppk_private, 64);
  const auto count = [](const std::string& lines) {
    return std::to_string(std::count(lines.begin(), lines.end(), '\n'));
  };
  return "PuTTY-User-Key-File-2: " + parts.type + "\nEncryption: none\nComment: " + std::string(comment) +
         "\nPublic-Lines: " + count(public_lines) + "\n" + public_lines + "Private-Lines: " + count(private_lines) +
         "\n" + private_lines + "Private-MAC: " + to_hex(mac, mac_size) + "\n";
}

}  // namespace

std::string_view key_type_name(Ec2KeyType type) {
  return type == Ec2KeyType::kRsa ? "rsa" : "ed25519";
}

std::optional<Ec2NewKey> generate_key(Ec2KeyType type, Ec2KeyFormat format, std::string_view comment) {
  const auto parts = type == Ec2KeyType::kRsa ? rsa_parts() : ed25519_parts();
  if (!parts) return std::nullopt;
  Ec2NewKey key;
  key.private_key = format == Ec2KeyFormat::kPem ? parts->pem : ppk_text(*parts, comment);
  key.public_key = openssh_public_line(parts->type, parts->public_blob);
  key.fingerprint = parts->fingerprint;
  return key;
}

}  // namespace chokepoint
