#pragma once
// Flat string keys for the metrics maps: label values joined with a separator that cannot occur in them
// (control characters are never valid in AWS names), looked up without building a std::string key each time.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace chokepoint {

inline constexpr char kKeySeparator = '\x1f';

// A hash usable for heterogeneous lookup (find(std::string_view) on a map keyed by std::string).
struct FlatKeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Appends `part` and a separator to `key`.
inline void append_key_part(std::string& key, std::string_view part) {
  key.append(part);
  key.push_back(kKeySeparator);
}

}  // namespace chokepoint
