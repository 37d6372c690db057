#include "persistence/data_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace chokepoint {

namespace fs = std::filesystem;

namespace {

std::string padded(uint64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%020llu", static_cast<unsigned long long>(n));
  return buf;
}

std::optional<uint64_t> sequence_after(std::string_view name, std::string_view prefix) {
  if (name.size() != prefix.size() + 20 || name.substr(0, prefix.size()) != prefix) return std::nullopt;
  uint64_t n = 0;
  for (const char c : name.substr(prefix.size())) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

}  // namespace

std::string segment_file_name(uint64_t first_sequence) { return "log-" + padded(first_sequence); }
std::string snapshot_file_name(uint64_t sequence) { return "snapshot-" + padded(sequence); }

std::vector<DataFile> list_data_files(const std::string& dir) {
  std::vector<DataFile> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0) {
      out.push_back({DataFile::Kind::kTemporary, 0, entry.path().string()});
    } else if (auto seq = sequence_after(name, "log-")) {
      out.push_back({DataFile::Kind::kSegment, *seq, entry.path().string()});
    } else if (auto snap = sequence_after(name, "snapshot-")) {
      out.push_back({DataFile::Kind::kSnapshot, *snap, entry.path().string()});
    }
  }
  std::sort(out.begin(), out.end(), [](const DataFile& a, const DataFile& b) {
    return a.kind != b.kind ? a.kind < b.kind : a.sequence < b.sequence;
  });
  return out;
}

bool ensure_directory(const std::string& dir, std::string& error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir, ec)) {
    error = "data directory '" + dir + "' cannot be created";
    return false;
  }
  const std::string probe = (fs::path(dir) / ".write-test.tmp").string();
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = "data directory '" + dir + "' is not writable: " + std::strerror(errno);
    return false;
  }
  ::close(fd);
  ::unlink(probe.c_str());
  return true;
}

std::optional<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

void die_on_io_error(const char* what, const std::string& path) {
  std::fprintf(stderr, "chokepoint: durable state: %s failed for '%s': %s; stopping so that no write is "
               "acknowledged that is not on disk\n", what, path.c_str(), std::strerror(errno));
  std::abort();
}

void write_all_or_die(int fd, std::string_view data, const char* what) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) die_on_io_error(what, "fd " + std::to_string(fd));
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

void sync_or_die(int fd, const char* what) {
  while (::fdatasync(fd) != 0) {
    if (errno != EINTR) die_on_io_error(what, "fd " + std::to_string(fd));
  }
}

void sync_directory_or_die(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) die_on_io_error("open directory", dir);
  while (::fsync(fd) != 0) {
    if (errno != EINTR) die_on_io_error("fsync directory", dir);
  }
  ::close(fd);
}

void truncate_or_die(const std::string& path, uint64_t bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) die_on_io_error("open", path);
  if (::ftruncate(fd, static_cast<off_t>(bytes)) != 0) die_on_io_error("truncate", path);
  sync_or_die(fd, "fdatasync after truncate");
  ::close(fd);
}

}  // namespace chokepoint
