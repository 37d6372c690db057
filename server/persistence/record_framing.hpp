#pragma once
// The on-disk framing shared by log segments and snapshots: each frame is
//   u32 payload length (little-endian) | u32 CRC-32 of (sequence + payload) | u64 sequence | payload.
// A reader stops at the first frame that is short or fails its CRC: that is where a crash tore the file,
// and everything from there on was never acknowledged. Pure functions; thread-safe.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

inline constexpr std::size_t kFrameHeaderBytes = 16;
// A frame larger than this is treated as corrupt (no entity comes near it).
inline constexpr uint32_t kMaxFramePayloadBytes = 1u << 30;

// Appends one frame holding `payload` to `out`.
void append_frame(std::string& out, uint64_t sequence, std::string_view payload);

struct Frame {
  uint64_t sequence = 0;
  std::string_view payload;  // points into the buffer that was parsed
};

struct FrameScan {
  std::vector<Frame> frames;  // the valid prefix, in order
  std::size_t valid_bytes = 0;  // length of that prefix; the file is cut back to this
  bool torn = false;            // true when bytes followed the valid prefix
};

FrameScan scan_frames(std::string_view data);

}  // namespace chokepoint
