#include "persistence/record_framing.hpp"

#include <zlib.h>

namespace chokepoint {

namespace {

void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void put_u64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint64_t get_le(std::string_view data, std::size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(data[at + static_cast<std::size_t>(i)]);
  return v;
}

uint32_t frame_crc(std::string_view sequence_and_payload) {
  return static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(sequence_and_payload.data()),
                                     static_cast<uInt>(sequence_and_payload.size())));
}

}  // namespace

void append_frame(std::string& out, uint64_t sequence, std::string_view payload) {
  const std::size_t start = out.size();
  put_u32(out, static_cast<uint32_t>(payload.size()));
  put_u32(out, 0);  // the CRC, filled in below
  put_u64(out, sequence);
  out.append(payload);
  const uint32_t crc = frame_crc(std::string_view(out).substr(start + 8));
  for (int i = 0; i < 4; ++i) out[start + 4 + static_cast<std::size_t>(i)] = static_cast<char>((crc >> (8 * i)) & 0xff);
}

FrameScan scan_frames(std::string_view data) {
  FrameScan scan;
  std::size_t at = 0;
  while (data.size() - at >= kFrameHeaderBytes) {
    const auto length = static_cast<uint32_t>(get_le(data, at, 4));
    if (length > kMaxFramePayloadBytes || data.size() - at - kFrameHeaderBytes < length) break;
    const auto crc = static_cast<uint32_t>(get_le(data, at + 4, 4));
    if (frame_crc(data.substr(at + 8, 8 + length)) != crc) break;
    scan.frames.push_back(Frame{get_le(data, at + 8, 8), data.substr(at + kFrameHeaderBytes, length)});
    at += kFrameHeaderBytes + length;
  }
  scan.valid_bytes = at;
  scan.torn = at != data.size();
  return scan;
}

}  // namespace chokepoint
