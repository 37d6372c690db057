// Query/EC2 form bodies through the form decoder.
#include <cstdint>
#include <string_view>

#include "protocol/form_decoder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nlohmann::json tree = nlohmann::json::object();
  std::string error;
  chokepoint::decode_form_into({reinterpret_cast<const char*>(data), size}, tree, error);
  (void)tree.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // as the server dumps
  return 0;
}
