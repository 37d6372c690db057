// Arbitrary YAML through the config loader and validator.
#include <cstdint>
#include <string_view>

#include "config/config_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto result = chokepoint::load_config_text({reinterpret_cast<const char*>(data), size}, "fuzz.yaml");
  for (const auto& e : result.errors) (void)e.format();
  return 0;
}
