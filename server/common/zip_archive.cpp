#include "common/zip_archive.hpp"

#include <zlib.h>

#include <cstdint>

namespace chokepoint {

namespace {

constexpr uint32_t kZipLocalHeader = 0x04034b50;
constexpr uint32_t kZipCentralHeader = 0x02014b50;
constexpr uint32_t kZipEndRecord = 0x06054b50;
constexpr uint16_t kZipVersion = 20;  // 2.0: the lowest that extractors expect for plain stored files
// "Made by" Unix (high byte 3), so that extractors honour the mode in the external attributes.
constexpr uint16_t kZipMadeByUnix = (3 << 8) | kZipVersion;
constexpr uint16_t kZipDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01, the earliest DOS date
constexpr uint32_t kZipFileMode = 0100644;                 // regular file, rw-r--r--

void zip_put16(std::string& out, uint16_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>(v >> 8);
}

void zip_put32(std::string& out, uint32_t v) {
  zip_put16(out, static_cast<uint16_t>(v & 0xffff));
  zip_put16(out, static_cast<uint16_t>(v >> 16));
}

// The fields the local header and the central directory entry share, from "version needed" to the name length.
void zip_put_common(std::string& out, uint32_t crc, uint32_t size, size_t name_length) {
  zip_put16(out, kZipVersion);
  zip_put16(out, 0);  // flags
  zip_put16(out, 0);  // method: stored
  zip_put16(out, 0);  // time 00:00:00
  zip_put16(out, kZipDosDate);
  zip_put32(out, crc);
  zip_put32(out, size);  // compressed size
  zip_put32(out, size);  // uncompressed size
  zip_put16(out, static_cast<uint16_t>(name_length));
}

}  // namespace

std::string zip_archive(const std::vector<ZipEntry>& entries) {
  std::string out, central;
  for (const ZipEntry& entry : entries) {
    const auto* bytes = reinterpret_cast<const Bytef*>(entry.data.data());
    const auto crc = static_cast<uint32_t>(crc32(crc32(0, Z_NULL, 0), bytes, static_cast<uInt>(entry.data.size())));
    const auto size = static_cast<uint32_t>(entry.data.size());
    const auto offset = static_cast<uint32_t>(out.size());

    zip_put32(out, kZipLocalHeader);
    zip_put_common(out, crc, size, entry.name.size());
    zip_put16(out, 0);  // extra field length
    out += entry.name;
    out += entry.data;

    zip_put32(central, kZipCentralHeader);
    zip_put16(central, kZipMadeByUnix);
    zip_put_common(central, crc, size, entry.name.size());
    zip_put16(central, 0);  // extra field length
    zip_put16(central, 0);  // comment length
    zip_put16(central, 0);  // disk number
    zip_put16(central, 0);  // internal attributes
    zip_put32(central, kZipFileMode << 16);
    zip_put32(central, offset);
    central += entry.name;
  }
  const auto central_offset = static_cast<uint32_t>(out.size());
  const auto count = static_cast<uint16_t>(entries.size());
  out += central;
  zip_put32(out, kZipEndRecord);
  zip_put16(out, 0);  // this disk
  zip_put16(out, 0);  // disk with the central directory
  zip_put16(out, count);
  zip_put16(out, count);
  zip_put32(out, static_cast<uint32_t>(central.size()));
  zip_put32(out, central_offset);
  zip_put16(out, 0);  // comment length
  return out;
}

}  // namespace chokepoint
