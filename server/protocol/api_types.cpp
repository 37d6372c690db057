#include "protocol/api_types.hpp"

namespace chokepoint {

bool is_json(Protocol p) { return p == Protocol::kJson10 || p == Protocol::kJson11; }

}  // namespace chokepoint
