// Differential: the request body parser must accept exactly what nlohmann::json::parse accepts and build the
// same tree, value types included; and append_json must print any tree exactly as the library's dump does. Any
// disagreement aborts, so libFuzzer reports it as a crash.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/json_parser.hpp"
#include "common/json_text.hpp"
#include "json_same_tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const nlohmann::json expected = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  nlohmann::json actual;
  const bool accepted = chokepoint::parse_json(text, actual);
  if (accepted != !expected.is_discarded()) std::abort();
  if (accepted && !chokepoint::same_tree(actual, expected)) std::abort();
  if (accepted) {
    std::string printed;
    chokepoint::append_json(printed, expected);
    if (printed != expected.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) std::abort();
  }
  // Strings that are not valid UTF-8 are printed with replacement characters, as the library prints them.
  const nlohmann::json raw = std::string(text);
  std::string printed_raw;
  chokepoint::append_json(printed_raw, raw);
  if (printed_raw != raw.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) std::abort();
  return 0;
}
