#pragma once
// File names and POSIX file operations of the data directory. Names carry the first sequence, zero-padded
// so that name order is sequence order:
//   log-00000000000000000001        a log segment (records from that sequence on)
//   snapshot-00000000000000000042   every entity as of sequence 42 (records 1..41 applied)
//   *.tmp                           a snapshot being written; removed at start-up
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

std::string segment_file_name(uint64_t first_sequence);
std::string snapshot_file_name(uint64_t sequence);

struct DataFile {
  enum class Kind { kSegment, kSnapshot, kTemporary };
  Kind kind;
  uint64_t sequence = 0;
  std::string path;
};

// The directory's files, by kind and then sequence. Other files are left alone.
std::vector<DataFile> list_data_files(const std::string& dir);

// Creates the directory (and parents) when missing; false with `error` set when it cannot be used.
bool ensure_directory(const std::string& dir, std::string& error);
std::optional<std::string> read_whole_file(const std::string& path);
// Writes all of `data` to `fd`, retrying short writes; aborts on error (see ChangeLog).
void write_all_or_die(int fd, std::string_view data, const char* what);
void sync_or_die(int fd, const char* what);
void sync_directory_or_die(const std::string& dir);
// Cuts a torn file back to its valid prefix, durably.
void truncate_or_die(const std::string& path, uint64_t bytes);
[[noreturn]] void die_on_io_error(const char* what, const std::string& path);

}  // namespace chokepoint
