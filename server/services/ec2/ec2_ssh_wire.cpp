#include "services/ec2/ec2_ssh_wire.hpp"

#include <openssl/evp.h>

#include "common/base64.hpp"
#include "common/strings.hpp"

namespace chokepoint {

namespace {

// A DER length: short form below 128, else the long form with its byte count first.
std::string der_length(size_t size) {
  if (size < 128) return std::string(1, static_cast<char>(size));
  std::string bytes;
  for (size_t n = size; n > 0; n >>= 8) bytes.insert(bytes.begin(), static_cast<char>(n & 0xff));
  return static_cast<char>(0x80 | bytes.size()) + bytes;
}

std::string der_tlv(unsigned char tag, std::string_view content) {
  return static_cast<char>(tag) + der_length(content.size()) + std::string(content);
}

// A DER INTEGER of a non-negative magnitude: minimal, with a zero byte when the top bit is set.
std::string der_unsigned_integer(std::string_view magnitude) {
  std::string content(mpint_magnitude(magnitude));
  if (content.empty() || (static_cast<unsigned char>(content.front()) & 0x80)) content.insert(content.begin(), '\0');
  return der_tlv(0x02, content);
}

}  // namespace

std::string_view mpint_magnitude(std::string_view bytes) {
  while (!bytes.empty() && bytes.front() == '\0') bytes.remove_prefix(1);
  return bytes;
}

void ssh_put_u32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

void ssh_put_string(std::string& out, std::string_view bytes) {
  ssh_put_u32(out, static_cast<uint32_t>(bytes.size()));
  out.append(bytes);
}

void ssh_put_mpint(std::string& out, std::string_view magnitude) {
  std::string bytes(mpint_magnitude(magnitude));
  if (!bytes.empty() && (static_cast<unsigned char>(bytes.front()) & 0x80)) bytes.insert(bytes.begin(), '\0');
  ssh_put_string(out, bytes);
}

std::optional<std::string_view> SshReader::string() {
  if (rest_.size() < 4) return std::nullopt;
  uint32_t size = 0;
  for (int i = 0; i < 4; ++i) size = (size << 8) | static_cast<unsigned char>(rest_[i]);
  if (rest_.size() - 4 < size) return std::nullopt;
  const std::string_view value = rest_.substr(4, size);
  rest_.remove_prefix(4 + size);
  return value;
}

std::string key_digest(std::string_view algorithm, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_MD* md = EVP_MD_fetch(nullptr, std::string(algorithm).c_str(), nullptr);
  if (!md) return {};
  const int ok = EVP_Digest(data.data(), data.size(), digest, &size, md, nullptr);
  EVP_MD_free(md);
  return ok ? std::string(reinterpret_cast<const char*>(digest), size) : std::string();
}

std::string colon_hex(std::string_view bytes) {
  const std::string hex = to_hex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    if (!out.empty()) out.push_back(':');
    out.append(hex, i, 2);
  }
  return out;
}

std::string openssh_public_line(std::string_view type, std::string_view blob) {
  return std::string(type) + " " + base64_encode(blob);
}

std::string rsa_public_key_der(std::string_view modulus, std::string_view exponent) {
  // rsaEncryption, 1.2.840.113549.1.1.1, with NULL parameters (RFC 8017 appendix A.1).
  static constexpr char kRsaAlgorithm[] = "\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00";
  const std::string key = der_tlv(0x30, der_unsigned_integer(modulus) + der_unsigned_integer(exponent));
  const std::string algorithm = der_tlv(0x30, std::string_view(kRsaAlgorithm, sizeof kRsaAlgorithm - 1));
  return der_tlv(0x30, algorithm + der_tlv(0x03, std::string(1, '\0') + key));
}

}  // namespace chokepoint
