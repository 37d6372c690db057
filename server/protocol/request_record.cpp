#include "protocol/request_record.hpp"

namespace chokepoint {

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOk: return "ok";
    case Outcome::kThrottled: return "throttled";
    case Outcome::kFault: return "fault";
    case Outcome::kError: return "error";
    case Outcome::kUpstreamError: return "upstream_error";
  }
  return "error";
}

}  // namespace chokepoint
