// Differential: the request body parser must accept exactly what nlohmann::json::parse accepts and build the
// same tree, value types included. Any disagreement aborts, so libFuzzer reports it as a crash.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/json_parser.hpp"
#include "json_same_tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const nlohmann::json expected = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  nlohmann::json actual;
  const bool accepted = chokepoint::parse_json(text, actual);
  if (accepted != !expected.is_discarded()) std::abort();
  if (accepted && !chokepoint::same_tree(actual, expected)) std::abort();
  return 0;
}
