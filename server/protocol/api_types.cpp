#include "protocol/api_types.hpp"

#include "common/json_parser.hpp"

namespace chokepoint {

bool is_json(Protocol p) { return p == Protocol::kJson10 || p == Protocol::kJson11 || p == Protocol::kRestJson; }

nlohmann::json ApiResponse::tree() const {
  if (json_text.empty()) return body;
  nlohmann::json parsed;
  return parse_json(json_text, parsed) ? parsed : nlohmann::json::object();
}

}  // namespace chokepoint
