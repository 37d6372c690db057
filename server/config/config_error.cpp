#include "config/config_error.hpp"

namespace chokepoint {

std::string ConfigError::format() const {
  std::string out = file;
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
    out += ':';
    out += std::to_string(column);
  }
  out += ": ";
  if (!path.empty()) {
    out += path;
    out += ": ";
  }
  out += message;
  return out;
}

}  // namespace chokepoint
