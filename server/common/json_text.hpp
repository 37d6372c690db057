#pragma once
// JSON text written directly to a buffer (data-plane responses are written without building a JSON tree).
// Strings must be valid UTF-8; request strings are, since the decoder validated them.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace chokepoint {

// Appends "text" with JSON escapes. `text` must be valid UTF-8.
void append_json_string(std::string& out, std::string_view text);
// The same for text that may not be valid UTF-8 (a header value quoted in a message, say): ill-formed sequences
// become U+FFFD, as nlohmann's dump writes them with error_handler_t::replace.
void append_json_text(std::string& out, std::string_view text);
// True when `text` contains a character JSON strings must escape.
bool needs_json_escape(std::string_view text);
// The length of the leading run of `text` that a JSON string holds as it is: no control characters, '"' or '\\'.
std::size_t plain_json_prefix(std::string_view text);
// Appends `value` exactly as value.dump(-1, ' ', false, error_handler_t::replace) prints it, without the library's
// serializer (which checks every byte of every string through a UTF-8 state machine): for response bodies and
// error members built as trees.
void append_json(std::string& out, const nlohmann::json& value);
// Appends a capacity figure the way DynamoDB prints it: 1.0 -> "1.0", 0.5 -> "0.5".
void append_json_double(std::string& out, double value);

// Writes one JSON object member by member: {"a":...,"b":...}.
class JsonObjectWriter {
 public:
  explicit JsonObjectWriter(std::string& out) : out_(out) { out_.push_back('{'); }
  // Writes the member name and returns the buffer for its value.
  std::string& key(std::string_view name) {
    if (!first_) out_.push_back(',');
    first_ = false;
    append_json_string(out_, name);
    out_.push_back(':');
    return out_;
  }
  void close() { out_.push_back('}'); }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace chokepoint
