#include "services/ssm/ssm_encoding.hpp"

#include "common/base64.hpp"

namespace chokepoint {

std::string make_page_token(std::string_view listing, std::string_view position) {
  std::string plain(listing);
  plain += '\n';
  plain += position;
  return base64_encode(plain);
}

std::optional<std::string> read_page_token(std::string_view token, std::string_view listing) {
  std::string plain;
  if (!base64_decode(token, plain)) return std::nullopt;
  const auto newline = plain.find('\n');
  if (newline == std::string::npos || std::string_view(plain).substr(0, newline) != listing) return std::nullopt;
  return plain.substr(newline + 1);
}

std::string secure_string_ciphertext(std::string_view key_id, std::string_view value) {
  std::string plain = "kms:";
  plain += key_id;
  plain += ':';
  plain += value;
  return base64_encode(plain);
}

}  // namespace chokepoint
