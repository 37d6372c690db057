#pragma once
// Parses a request body into a JSON tree. It accepts and rejects exactly what nlohmann::json::parse does, and
// builds the same tree: RFC 8259; a leading UTF-8 byte order mark is skipped; strings must be valid UTF-8; a
// repeated key keeps its last value; integers are int64 or uint64 when they fit, else double; numbers beyond a
// double's range are errors; a NUL byte ends the input. It copies runs of plain characters in bulk where the
// library's lexer appends strings one character at a time: a 1 KB attribute cost more than the rest of a PutItem.
#include <nlohmann/json.hpp>
#include <string_view>

namespace chokepoint {

// Returns false, leaving `out` unspecified, when `text` is not one JSON value (surrounding whitespace allowed).
bool parse_json(std::string_view text, nlohmann::json& out);

}  // namespace chokepoint
