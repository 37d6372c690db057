#pragma once
// One problem found while loading configuration, located in the file that holds it.
// Thread-safety: a plain value type.
#include <string>

namespace chokepoint {

struct ConfigError {
  std::string file;     // the file being read (or "<built-in default.yaml>")
  int line = 0;         // 1-based; 0 when the problem has no position (an unreadable file)
  int column = 0;       // 1-based; 0 when line is 0
  std::string path;     // dotted key path, e.g. "limits[0].match.service"; empty for the whole document
  std::string message;  // what is wrong, e.g. "must be > 0"

  // "FILE:LINE:COL: path.to.key: what is wrong". The "path: " part is left out when path is empty and the
  // ":LINE:COL" part when line is 0.
  std::string format() const;

  bool operator==(const ConfigError&) const = default;
};

}  // namespace chokepoint
