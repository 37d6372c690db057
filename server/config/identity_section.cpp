// identity:, accounts: and regions: sections.
#include <algorithm>
#include <cstdlib>
#include <string>

#include "config/sections.hpp"

namespace chokepoint {

namespace {

// A 12-digit account id. YAML may see an unquoted id as a number, but yaml-cpp keeps the scalar's text as
// written, so leading zeros survive.
bool read_account_id(YamlReader& reader, const YamlNode& node, std::string& out) {
  auto text = reader.string(node);
  if (!text) return false;
  if (!is_account_id(*text)) {
    reader.error(node, "must be exactly 12 digits");
    return false;
  }
  out = std::move(*text);
  return true;
}

// secret_key_env: NAME takes the secret from the environment at load, so it need not be written in the file.
void read_secret_from_env(YamlReader& reader, const YamlNode& node, AccountEntry& out) {
  const auto name_node = node.child("secret_key_env");
  std::string name;
  if (!name_node || !reader.read(node, "secret_key_env", name)) return;
  if (node.child("secret_key")) {
    reader.error(*name_node, "set either secret_key or secret_key_env, not both");
    return;
  }
  const char* value = name.empty() ? nullptr : std::getenv(name.c_str());
  if (!value || !*value) {
    reader.error(*name_node, "environment variable '" + name + "' is not set or empty");
    return;
  }
  out.secret_key = value;
}

bool read_account(YamlReader& reader, const YamlNode& node, AccountEntry& out) {
  if (!reader.expect_mapping(node, {"access_key", "secret_key", "secret_key_env", "account", "user"})) return false;
  if (node.is_null()) {
    reader.error(node, "expected a mapping");
    return false;
  }
  std::size_t before = reader.errors().size();
  if (reader.require(node, "access_key")) reader.read_non_empty(node, "access_key", out.access_key);
  reader.read(node, "secret_key", out.secret_key);
  read_secret_from_env(reader, node, out);
  if (reader.require(node, "account")) read_account_id(reader, *node.child("account"), out.account_id);
  reader.read(node, "user", out.user_name);
  return reader.errors().size() == before;
}

bool read_region(YamlReader& reader, const YamlNode& node, RegionEntry& out) {
  if (!reader.expect_mapping(node, {"name", "zones"})) return false;
  if (node.is_null()) {
    reader.error(node, "expected a mapping");
    return false;
  }
  std::size_t before = reader.errors().size();
  if (reader.require(node, "name")) reader.read_non_empty(node, "name", out.name);
  reader.read(node, "zones", out.zones);
  return reader.errors().size() == before;
}

}  // namespace

bool is_account_id(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void read_identity_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(section, {"default_account", "default_region"})) return;
  if (auto account = section.child("default_account")) read_account_id(reader, *account, config.default_account);
  if (auto region = section.child("default_region")) {
    auto name = reader.string(*region);
    if (name && name->empty()) {
      reader.error(*region, "must not be empty");
    } else if (name) {
      config.default_region = std::move(*name);
    }
  }
}

void read_accounts_section(YamlReader& reader, const YamlNode& section, Config& config) {
  auto items = reader.elements(section);
  if (!items) return;
  std::vector<AccountEntry> accounts;
  bool ok = true;
  for (const auto& item : *items) {
    AccountEntry entry;
    if (!read_account(reader, item, entry)) {
      ok = false;
      continue;
    }
    auto same_key = [&](const AccountEntry& a) { return a.access_key == entry.access_key; };
    if (std::find_if(accounts.begin(), accounts.end(), same_key) != accounts.end()) {
      reader.error(*item.child("access_key"), "duplicate access_key '" + entry.access_key + "'");
      ok = false;
      continue;
    }
    accounts.push_back(std::move(entry));
  }
  if (ok) config.accounts = std::move(accounts);  // lists are replaced whole, and only when valid
}

void read_regions_section(YamlReader& reader, const YamlNode& section, Config& config) {
  auto items = reader.elements(section);
  if (!items) return;
  if (items->empty()) {
    reader.error(section, "must not be empty");
    return;
  }
  std::vector<RegionEntry> regions;
  bool ok = true;
  for (const auto& item : *items) {
    RegionEntry entry;
    if (!read_region(reader, item, entry)) {
      ok = false;
      continue;
    }
    auto same_name = [&](const RegionEntry& r) { return r.name == entry.name; };
    if (std::find_if(regions.begin(), regions.end(), same_name) != regions.end()) {
      reader.error(*item.child("name"), "duplicate region '" + entry.name + "'");
      ok = false;
      continue;
    }
    regions.push_back(std::move(entry));
  }
  if (ok) config.regions = std::move(regions);
}

}  // namespace chokepoint
