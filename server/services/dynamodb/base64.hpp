#pragma once
// Base64 (RFC 4648, with padding) as DynamoDB's JSON protocol uses it for binary values.
#include <string>
#include <string_view>

namespace chokepoint {

std::string base64_encode(std::string_view bytes);
// Decodes canonical base64. Returns false when `text` is not canonical base64 (wrong length, bad characters,
// misplaced padding, or non-zero bits after the last character), which DynamoDB rejects.
bool base64_decode(std::string_view text, std::string& out);
// The SerializationException message DynamoDB gives for a string that is not valid base64; empty when valid.
std::string base64_problem(std::string_view text);

}  // namespace chokepoint
