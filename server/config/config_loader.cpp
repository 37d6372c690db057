#include "config/config_loader.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "config/sections.hpp"
#include "config/yaml_reader.hpp"

namespace chokepoint {

namespace {

struct SectionEntry {
  std::string_view key;
  SectionReader read;
};

// Top-level key -> reader. A new section is one reader file and one line here.
constexpr std::array kSections = {
    SectionEntry{"server", read_server_section},
    SectionEntry{"identity", read_identity_section},
    SectionEntry{"auth", read_auth_section},
    SectionEntry{"accounts", read_accounts_section},
    SectionEntry{"regions", read_regions_section},
    SectionEntry{"throttling", read_throttling_section},
    SectionEntry{"limits", read_limits_section},
    SectionEntry{"faults", read_faults_section},
    SectionEntry{"scenarios", read_scenarios_section},
    SectionEntry{"ssm", read_ssm_section},
    SectionEntry{"ec2", read_ec2_section},
    SectionEntry{"cloudformation", read_cloudformation_section},
    SectionEntry{"dynamodb", read_dynamodb_section},
    SectionEntry{"service_quotas", read_service_quotas_section},
    SectionEntry{"metrics", read_metrics_section},
    SectionEntry{"admin", read_admin_section},
    SectionEntry{"persistence", read_persistence_section},
    SectionEntry{"clock", read_clock_section},
    SectionEntry{"seed", read_seed_section},
    SectionEntry{"upstream", read_upstream_section},
};

constexpr std::array<std::string_view, kSections.size()> section_keys() {
  std::array<std::string_view, kSections.size()> keys{};
  for (std::size_t i = 0; i < kSections.size(); ++i) keys[i] = kSections[i].key;
  return keys;
}

// Reads one document onto `config`, appending its errors (sorted by position, since sections are read in
// table order rather than document order).
void apply_document(std::string_view text, const std::string& file_name, Config& config,
                    std::vector<ConfigError>& errors, const OperationVocabulary* vocabulary = nullptr) {
  YamlReader reader(file_name);
  if (auto root = reader.parse(text)) {
    static constexpr auto kKeys = section_keys();
    if (reader.expect_mapping(*root, kKeys)) {
      for (const auto& section : kSections) {
        if (auto node = root->child(section.key)) section.read(reader, *node, config);
      }
    }
    // Cross-checks on a half-read document would mostly repeat its errors.
    if (reader.errors().empty()) check_cross_references(reader, *root, config);
    if (reader.errors().empty() && vocabulary) check_operation_names(reader, *root, config, *vocabulary);
  }
  auto found = reader.take_errors();
  std::stable_sort(found.begin(), found.end(), [](const ConfigError& a, const ConfigError& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  errors.insert(errors.end(), found.begin(), found.end());
}

LoadResult load(const std::string_view* user_yaml, const std::string& user_file_name,
                const OperationVocabulary* vocabulary) {
  auto config = std::make_shared<Config>();
  std::vector<ConfigError> errors;
  apply_document(default_config_yaml(), std::string(kDefaultConfigName), *config, errors);
  if (user_yaml) {
    std::optional<OperationVocabulary> known;
    if (vocabulary) known = with_default_operations(*vocabulary, *config);
    apply_document(*user_yaml, user_file_name, *config, errors, known ? &*known : nullptr);
    config->source_file = user_file_name;
  }
  if (!errors.empty()) return LoadResult{nullptr, std::move(errors)};
  return LoadResult{std::move(config), {}};
}

ConfigError file_error(const std::string& path, std::string message) {
  ConfigError e;
  e.file = path;
  e.message = std::move(message);
  return e;
}

}  // namespace

LoadResult load_config_text(std::string_view user_yaml, const std::string& user_file_name,
                            const OperationVocabulary* vocabulary) {
  return load(&user_yaml, user_file_name, vocabulary);
}

LoadResult load_config_file(const std::string& path, const OperationVocabulary* vocabulary) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return LoadResult{nullptr, {file_error(path, "is a directory")}};
  std::ifstream in(path, std::ios::binary);
  if (!in) return LoadResult{nullptr, {file_error(path, std::string("cannot open: ") + std::strerror(errno))}};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return LoadResult{nullptr, {file_error(path, "cannot read the file")}};
  return load_config_text(text.str(), path, vocabulary);
}

LoadResult load_default_config() { return load(nullptr, "", nullptr); }

}  // namespace chokepoint
