#pragma once
// A minimal ZIP writer: stored (uncompressed) entries, CRC-32 from zlib, no ZIP64. Enough for the small archives
// Chokepoint builds itself, such as a Lambda function's inline source packaged the way CloudFormation does.
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

struct ZipEntry {
  std::string name;
  std::string data;
};

// The archive's bytes. Entries are stored with a fixed 1980-01-01 timestamp and Unix mode 0644, so the same
// input always gives the same archive.
std::string zip_archive(const std::vector<ZipEntry>& entries);

}  // namespace chokepoint
