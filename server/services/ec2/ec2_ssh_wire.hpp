#pragma once
// The SSH wire encoding of keys (RFC 4251 section 5: uint32, string, mpint) and the fingerprints EC2 derives
// from keys. Shared by key generation and import; pure functions, thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chokepoint {

// Big-endian bytes without their leading zero bytes (an mpint's sign byte included).
std::string_view mpint_magnitude(std::string_view bytes);

void ssh_put_u32(std::string& out, uint32_t value);
void ssh_put_string(std::string& out, std::string_view bytes);
// Big-endian magnitude bytes as an mpint: leading zeros dropped, one zero byte added when the top bit is set.
void ssh_put_mpint(std::string& out, std::string_view magnitude);

// Reads strings from an SSH blob in order; any read past the end leaves the reader failed.
class SshReader {
 public:
  explicit SshReader(std::string_view blob) : rest_(blob) {}
  std::optional<std::string_view> string();
  bool at_end() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// Digests of `data` with the named libcrypto algorithm ("MD5", "SHA1", "SHA256"); raw bytes.
std::string key_digest(std::string_view algorithm, std::string_view data);
// "1f:51:ae:...", how EC2 shows MD5 and SHA-1 fingerprints.
std::string colon_hex(std::string_view bytes);

// "ssh-rsa AAAA..." for a public key blob whose type is `type`.
std::string openssh_public_line(std::string_view type, std::string_view blob);
// DER SubjectPublicKeyInfo of an RSA key from its mpint magnitudes (what `openssl rsa -pubout -outform DER`
// writes).
std::string rsa_public_key_der(std::string_view modulus, std::string_view exponent);

}  // namespace chokepoint
