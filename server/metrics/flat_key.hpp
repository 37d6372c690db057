#pragma once
// Flat string keys for the metrics maps: label values joined with a separator that cannot occur in them
// (control characters are never valid in AWS names), looked up without building a std::string key each time.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace chokepoint {

inline constexpr char kKeySeparator = '\x1f';

// A key whose hash is already known: sharded maps hash a key once to pick the shard, and look it up in the
// shard's map with the same hash rather than computing it again.
struct HashedKey {
  explicit HashedKey(std::string_view key) : text(key), hash(std::hash<std::string_view>{}(key)) {}
  std::string_view text;
  size_t hash;
};

// A hash usable for heterogeneous lookup (find(std::string_view) or find(HashedKey) on a map keyed by
// std::string).
struct FlatKeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  size_t operator()(const HashedKey& k) const noexcept { return k.hash; }
};

// Equality to go with FlatKeyHash.
struct FlatKeyEqual {
  using is_transparent = void;
  static std::string_view text_of(std::string_view s) { return s; }
  static std::string_view text_of(const HashedKey& k) { return k.text; }
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const noexcept {
    return text_of(a) == text_of(b);
  }
};

// Appends `part` and a separator to `key`.
inline void append_key_part(std::string& key, std::string_view part) {
  key.append(part);
  key.push_back(kKeySeparator);
}

}  // namespace chokepoint
