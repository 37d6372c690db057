#pragma once
// DynamoDB's reserved words (developer guide, "Reserved words in DynamoDB"): attribute names that must be
// written through ExpressionAttributeNames in expressions.
#include <string_view>

namespace chokepoint {

// Case-insensitive.
bool is_reserved_word(std::string_view name);

}  // namespace chokepoint
