#pragma once
// Key pair material as EC2 hands it out and takes it in: new RSA and ED25519 keys (private key in PEM or
// PuTTY's PPK, public key in OpenSSH form) and imported OpenSSH public keys, each with the fingerprint EC2
// reports for it. Pure functions over libcrypto; thread-safe.
#include <optional>
#include <string>
#include <string_view>

namespace chokepoint {

enum class Ec2KeyType { kRsa, kEd25519 };
enum class Ec2KeyFormat { kPem, kPpk };

std::string_view key_type_name(Ec2KeyType type);  // "rsa", "ed25519"

struct Ec2NewKey {
  std::string private_key;  // KeyMaterial
  std::string public_key;   // "ssh-rsa AAAA..." without a comment
  std::string fingerprint;
};

// A fresh key pair; nullopt when libcrypto fails. `comment` goes into the PPK file. The private key comes from
// libcrypto's random generator, not from the seeded sources: it is a secret, and a predictable one would not be.
std::optional<Ec2NewKey> generate_key(Ec2KeyType type, Ec2KeyFormat format, std::string_view comment);

struct Ec2ImportedKey {
  Ec2KeyType type = Ec2KeyType::kRsa;
  std::string public_key;  // "ssh-rsa AAAA..." without a comment
  std::string fingerprint;
};

// An OpenSSH public key line ("ssh-rsa AAAA... comment") or an RFC 4716 "SSH2 PUBLIC KEY" block, as
// ImportKeyPair accepts them (RSA and ED25519 only); nullopt when it is neither.
std::optional<Ec2ImportedKey> parse_public_key(std::string_view text);

}  // namespace chokepoint
