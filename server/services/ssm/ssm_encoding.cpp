#include "services/ssm/ssm_encoding.hpp"

#include <openssl/evp.h>

#include <vector>

namespace chokepoint {

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::vector<unsigned char> out(3 * text.size() / 4);
  const int written =
      EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (written < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding bytes as zeros; drop them.
  std::size_t size = static_cast<std::size_t>(written);
  if (text.back() == '=') --size;
  if (text.size() >= 2 && text[text.size() - 2] == '=') --size;
  return std::string(reinterpret_cast<const char*>(out.data()), size);
}

std::string make_page_token(std::string_view listing, std::string_view position) {
  std::string plain(listing);
  plain += '\n';
  plain += position;
  return base64_encode(plain);
}

std::optional<std::string> read_page_token(std::string_view token, std::string_view listing) {
  auto plain = base64_decode(token);
  if (!plain) return std::nullopt;
  const auto newline = plain->find('\n');
  if (newline == std::string::npos || std::string_view(*plain).substr(0, newline) != listing) return std::nullopt;
  return plain->substr(newline + 1);
}

std::string secure_string_ciphertext(std::string_view key_id, std::string_view value) {
  std::string plain = "kms:";
  plain += key_id;
  plain += ':';
  plain += value;
  return base64_encode(plain);
}

}  // namespace chokepoint
