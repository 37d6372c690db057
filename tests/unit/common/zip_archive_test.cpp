#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdint>

#include "common/zip_archive.hpp"

using namespace chokepoint;

namespace {

uint32_t zip_test_u32(const std::string& b, size_t at) {
  return static_cast<uint32_t>(static_cast<uint8_t>(b[at])) |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 3])) << 24;
}

uint16_t zip_test_u16(const std::string& b, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(b[at]) | static_cast<uint8_t>(b[at + 1]) << 8);
}

}  // namespace

TEST_CASE("a zip archive stores its entry with local header, central directory and end record", "[zip]") {
  const std::string source = "def handler(event, context):\n    return 42\n";
  const std::string zip = zip_archive({{"index.py", source}});
  const uint32_t crc = static_cast<uint32_t>(
      crc32(crc32(0, Z_NULL, 0), reinterpret_cast<const Bytef*>(source.data()), static_cast<uInt>(source.size())));

  // Local file header: signature, stored method, CRC, sizes, name, then the data as it is.
  REQUIRE(zip.size() == 30 + 8 + source.size() + 46 + 8 + 22);
  CHECK(zip_test_u32(zip, 0) == 0x04034b50);
  CHECK(zip_test_u16(zip, 8) == 0);
  CHECK(zip_test_u32(zip, 14) == crc);
  CHECK(zip_test_u32(zip, 18) == source.size());
  CHECK(zip_test_u32(zip, 22) == source.size());
  CHECK(zip_test_u16(zip, 26) == 8);
  CHECK(zip.substr(30, 8) == "index.py");
  CHECK(zip.substr(38, source.size()) == source);

  // Central directory entry: same CRC and name, Unix mode 0644, pointing back at offset 0.
  const size_t central = 38 + source.size();
  CHECK(zip_test_u32(zip, central) == 0x02014b50);
  CHECK(zip_test_u32(zip, central + 16) == crc);
  CHECK(zip_test_u32(zip, central + 38) >> 16 == 0100644);
  CHECK(zip_test_u32(zip, central + 42) == 0);
  CHECK(zip.substr(central + 46, 8) == "index.py");

  // End record: one entry, the directory's size and offset.
  const size_t end = zip.size() - 22;
  CHECK(zip_test_u32(zip, end) == 0x06054b50);
  CHECK(zip_test_u16(zip, end + 10) == 1);
  CHECK(zip_test_u32(zip, end + 12) == 46 + 8);
  CHECK(zip_test_u32(zip, end + 16) == central);
}

TEST_CASE("an empty zip archive is just the end record", "[zip]") {
  const std::string zip = zip_archive({});
  REQUIRE(zip.size() == 22);
  CHECK(zip_test_u32(zip, 0) == 0x06054b50);
  CHECK(zip_test_u16(zip, 10) == 0);
}
