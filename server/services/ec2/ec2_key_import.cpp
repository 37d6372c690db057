// ImportKeyPair's public key formats and fingerprints. EC2 accepts OpenSSH public keys, base64-encoded DER
// and SSH public key files as RFC 4716 specifies, RSA (1024 to 4096 bits) and ED25519; the emulation reads the
// first and the last, which is what ssh-keygen writes (EC2 user guide,
// "Create a key pair using a third-party tool and import the public key",
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-key-pairs.html#how-to-generate-your-own-key-and-import-it-to-aws).
// Fingerprints (API reference, KeyPairInfo.KeyFingerprint; user guide, "Verify the fingerprint"): RSA, the MD5
// of the DER public key (`openssl rsa -pubout -outform DER | openssl md5 -c`); ED25519, the base64 SHA-256 of
// the public key blob, as for created keys.
#include <utility>

#include "common/base64.hpp"
#include "common/strings.hpp"
#include "services/ec2/ec2_key_material.hpp"
#include "services/ec2/ec2_ssh_wire.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kRfc4716Begin = "---- BEGIN SSH2 PUBLIC KEY ----";

// The base64 body of an RFC 4716 block: the lines between BEGIN and END that are not headers ("Name: value",
// continued with a trailing backslash).
std::string rfc4716_body(std::string_view text) {
  std::string body;
  bool continued = false;
  for (auto line : split(text, '\n')) {
    line = trim(line);
    if (line.empty() || line.substr(0, 4) == "----") continue;
    const bool header = continued || line.find(':') != std::string_view::npos;
    continued = header && line.back() == '\\';
    if (!header) body += line;
  }
  return body;
}

// The key blob and the type its text names; empty when the text is in neither format.
std::pair<std::string, std::string> public_blob_of(std::string_view text) {
  text = trim(text);
  std::string encoded, named;
  if (text.substr(0, kRfc4716Begin.size()) == kRfc4716Begin) {
    encoded = rfc4716_body(text);
  } else {
    const auto fields = split(text, ' ');
    if (fields.size() < 2) return {};
    named = std::string(fields[0]);
    encoded = std::string(fields[1]);
  }
  std::string blob;
  if (!base64_decode(encoded, blob)) return {};
  return {std::move(blob), std::move(named)};
}

std::optional<Ec2ImportedKey> rsa_key(SshReader& reader, std::string_view blob) {
  const auto exponent = reader.string();
  const auto modulus = reader.string();
  if (!exponent || !modulus || !reader.at_end()) return std::nullopt;
  const size_t bits = mpint_magnitude(*modulus).size() * 8;
  if (bits < 1024 || bits > 4096 || exponent->empty()) return std::nullopt;
  return Ec2ImportedKey{Ec2KeyType::kRsa, openssh_public_line("ssh-rsa", blob),
                        colon_hex(key_digest("MD5", rsa_public_key_der(*modulus, *exponent)))};
}

}  // namespace

std::optional<Ec2ImportedKey> parse_public_key(std::string_view text) {
  const auto [blob, named] = public_blob_of(text);
  if (blob.empty()) return std::nullopt;
  SshReader reader(blob);
  const auto type = reader.string();
  if (!type || (!named.empty() && named != *type)) return std::nullopt;
  if (*type == "ssh-rsa") return rsa_key(reader, blob);
  if (*type != "ssh-ed25519") return std::nullopt;
  const auto point = reader.string();
  if (!point || point->size() != 32 || !reader.at_end()) return std::nullopt;
  return Ec2ImportedKey{Ec2KeyType::kEd25519, openssh_public_line("ssh-ed25519", blob),
                        base64_encode(key_digest("SHA256", blob))};
}

}  // namespace chokepoint
