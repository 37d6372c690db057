#pragma once
// Base64 (RFC 4648, with padding): binary values on JSON protocols, opaque tokens.
#include <string>
#include <string_view>

namespace chokepoint {

std::string base64_encode(std::string_view bytes);
// Decodes canonical base64. Returns false when `text` is not canonical base64 (wrong length, bad characters,
// misplaced padding, or non-zero bits after the last character), which DynamoDB rejects.
bool base64_decode(std::string_view text, std::string& out);
// Why `text` is not canonical base64, in the words DynamoDB uses in its SerializationException; empty when valid.
std::string base64_problem(std::string_view text);

}  // namespace chokepoint
