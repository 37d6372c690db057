#pragma once
// A YAML file in the temp directory for config tests, removed when the object goes away.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace chokepoint::testing {

class TempConfigFile {
 public:
  // `tag` keeps files of different tests apart; the pid keeps concurrent test runs apart.
  explicit TempConfigFile(const std::string& tag)
      : path_(std::filesystem::temp_directory_path() /
              ("chokepoint_config_test_" + std::to_string(::getpid()) + "_" + tag + ".yaml")) {}
  ~TempConfigFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempConfigFile(const TempConfigFile&) = delete;
  TempConfigFile& operator=(const TempConfigFile&) = delete;

  void write(const std::string& text) const { std::ofstream(path_, std::ios::binary | std::ios::trunc) << text; }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace chokepoint::testing
