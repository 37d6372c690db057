#include "protocol/content_encoding.hpp"

#include <zlib.h>

#include <array>

#include "common/strings.hpp"

namespace chokepoint {

namespace {

constexpr int kGzipWindowBits = 15 + 16;  // 15-bit window, gzip wrapper only
constexpr size_t kChunkBytes = 16 * 1024;

// Inflates one or more gzip members into `out`; false when the stream is bad or the output too large.
InflateStatus inflate_members(z_stream& z, size_t max_bytes, std::string& out) {
  std::array<unsigned char, kChunkBytes> chunk;
  while (true) {
    z.next_out = chunk.data();
    z.avail_out = static_cast<uInt>(chunk.size());
    const int rc = inflate(&z, Z_NO_FLUSH);
    const size_t produced = chunk.size() - z.avail_out;
    if (out.size() + produced > max_bytes) return InflateStatus::kTooLarge;
    out.append(reinterpret_cast<const char*>(chunk.data()), produced);
    if (rc == Z_STREAM_END) {
      if (z.avail_in == 0) return InflateStatus::kOk;
      if (inflateReset(&z) != Z_OK) return InflateStatus::kCorrupt;  // another member follows
      continue;
    }
    if (rc != Z_OK) return InflateStatus::kCorrupt;
    if (z.avail_in == 0 && produced == 0) return InflateStatus::kCorrupt;  // input ended inside a member
  }
}

}  // namespace

bool is_gzip_encoding(std::string_view content_encoding) {
  const std::string_view coding = trim(content_encoding);
  return iequals(coding, "gzip") || iequals(coding, "x-gzip");
}

Inflated gunzip(std::string_view compressed, size_t max_bytes) {
  Inflated result;
  z_stream z{};
  if (inflateInit2(&z, kGzipWindowBits) != Z_OK) {
    result.status = InflateStatus::kCorrupt;
    return result;
  }
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(compressed.size());
  result.status = compressed.empty() ? InflateStatus::kCorrupt : inflate_members(z, max_bytes, result.body);
  inflateEnd(&z);
  if (result.status != InflateStatus::kOk) result.body.clear();
  return result;
}

}  // namespace chokepoint
