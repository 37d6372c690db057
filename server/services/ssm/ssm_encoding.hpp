#pragma once
// The opaque strings Parameter Store hands out: NextToken values and the stand-in ciphertext of
// SecureString values read without decryption. Both are base64 so that clients treat them as opaque.
#include <optional>
#include <string>
#include <string_view>

#include "common/base64.hpp"

namespace chokepoint {

// A NextToken that resumes a listing after `position`. `listing` names the operation (and its arguments'
// fingerprint) so that a token from one listing is refused by another.
std::string make_page_token(std::string_view listing, std::string_view position);
// The position of a token made for `listing`; nullopt for anything else (InvalidNextToken).
std::optional<std::string> read_page_token(std::string_view token, std::string_view listing);

// What a SecureString value looks like without decryption: base64("kms:" + KeyId + ":" + value). Stable, so
// tests can compare it, and clearly not the plain value.
std::string secure_string_ciphertext(std::string_view key_id, std::string_view value);

}  // namespace chokepoint
