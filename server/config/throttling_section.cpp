// throttling: section. Per service: `default`, `groups` and `resources`, each replacing the value from the
// defaults only when present, so a user can retune one service's groups without restating its default.
#include <algorithm>
#include <string>

#include "config/sections.hpp"
#include "protocol/aws_service_keys.hpp"

namespace chokepoint {

namespace {

// {rate, burst} laid over `limit`; with `required`, both keys must be present (a fresh bucket has no
// sensible size of its own).
bool read_bucket_limit(YamlReader& reader, const YamlNode& node, BucketLimit& limit, bool required) {
  if (!reader.expect_mapping(node, {"rate", "burst"})) return false;
  if (node.is_null()) {
    if (required) reader.error(node, "expected a mapping");
    return !required;
  }
  std::size_t before = reader.errors().size();
  if (!required || reader.require(node, "rate")) reader.read(node, "rate", limit.rate_per_sec, kRateRange);
  if (!required || reader.require(node, "burst")) reader.read(node, "burst", limit.burst, kBurstRange);
  return reader.errors().size() == before;
}

bool read_operations(YamlReader& reader, const YamlNode& group, std::vector<std::string>& out) {
  if (!reader.require(group, "operations")) return false;
  YamlNode node = *group.child("operations");
  auto items = reader.elements(node);
  if (!items) return false;
  if (items->empty()) {
    reader.error(node, "must not be empty");
    return false;
  }
  bool ok = true;
  for (const auto& item : *items) {
    auto name = reader.string(item);
    if (name && name->empty()) reader.error(item, "must not be empty");
    if (!name || name->empty()) {
      ok = false;
      continue;
    }
    out.push_back(std::move(*name));
  }
  return ok;
}

bool read_group(YamlReader& reader, const YamlNode& node, LimitGroup& group) {
  if (!reader.expect_mapping(node,
                             {"name", "rate", "burst", "shared", "unlimited", "operations", "variant", "per_resource"})) {
    return false;
  }
  if (node.is_null()) {
    reader.error(node, "expected a mapping");
    return false;
  }
  std::size_t before = reader.errors().size();
  if (reader.require(node, "name") && reader.read(node, "name", group.name) && group.name.empty()) {
    reader.error(*node.child("name"), "must not be empty");
  }
  reader.read(node, "shared", group.shared);
  reader.read(node, "unlimited", group.unlimited);
  reader.read(node, "variant", group.variant);
  reader.read(node, "per_resource", group.per_resource);
  // An unlimited group never consults its bucket, so its size may be left out.
  bool need_size = !group.unlimited;
  if (!need_size || reader.require(node, "rate")) reader.read(node, "rate", group.limit.rate_per_sec, kRateRange);
  if (!need_size || reader.require(node, "burst")) reader.read(node, "burst", group.limit.burst, kBurstRange);
  read_operations(reader, node, group.operations);
  return reader.errors().size() == before;
}

void read_groups(YamlReader& reader, const YamlNode& node, std::vector<LimitGroup>& out) {
  auto items = reader.elements(node);
  if (!items) return;
  std::vector<LimitGroup> groups;
  bool ok = true;
  for (const auto& item : *items) {
    LimitGroup group;
    if (!read_group(reader, item, group)) {
      ok = false;
      continue;
    }
    auto same_name = [&](const LimitGroup& g) { return g.name == group.name; };
    if (std::find_if(groups.begin(), groups.end(), same_name) != groups.end()) {
      reader.error(*item.child("name"), "duplicate group name '" + group.name + "'");
      ok = false;
      continue;
    }
    groups.push_back(std::move(group));
  }
  if (ok) out = std::move(groups);  // replaced whole: first match wins, so a merged order would be a guess
}

void read_resources(YamlReader& reader, const YamlNode& node, std::map<std::string, BucketLimit>& out) {
  auto entries = reader.entries(node);
  if (!entries) return;
  std::map<std::string, BucketLimit> resources;
  bool ok = true;
  for (const auto& [name, value] : *entries) {
    BucketLimit limit;
    ok = read_bucket_limit(reader, value, limit, true) && ok;
    resources[name] = limit;
  }
  if (ok) out = std::move(resources);
}

// concurrency: {limit: N, operations: [...], reason: TEXT}
void read_concurrency(YamlReader& reader, const YamlNode& node, std::optional<ConcurrencyLimit>& out) {
  if (node.is_null()) {
    out.reset();
    return;
  }
  if (!reader.expect_mapping(node, {"limit", "operations", "reason"})) return;
  ConcurrencyLimit limit = out.value_or(ConcurrencyLimit{});
  const std::size_t before = reader.errors().size();
  reader.read(node, "limit", limit.limit, IntRange{0, 100'000'000});
  reader.read(node, "reason", limit.reason);
  if (node.child("operations")) {
    limit.operations.clear();
    read_operations(reader, node, limit.operations);
  } else if (limit.operations.empty()) {
    reader.require(node, "operations");
  }
  if (reader.errors().size() == before) out = std::move(limit);
}

// `default: unlimited` (operations no group lists are not rate limited), or {rate, burst}.
void read_default(YamlReader& reader, const YamlNode& node, ServiceThrottling& service) {
  if (node.node().IsScalar()) {
    if (reader.choice(node, {"unlimited"})) service.default_unlimited = true;
    return;
  }
  if (read_bucket_limit(reader, node, service.default_limit, service.default_unlimited)) {
    service.default_unlimited = false;
  }
}

void read_service(YamlReader& reader, const YamlNode& node, ServiceThrottling& service) {
  if (!reader.expect_mapping(node, {"default", "groups", "resources", "concurrency"})) return;
  if (auto def = node.child("default")) read_default(reader, *def, service);
  if (auto concurrency = node.child("concurrency")) read_concurrency(reader, *concurrency, service.concurrency);
  if (auto groups = node.child("groups")) read_groups(reader, *groups, service.groups);
  if (auto resources = node.child("resources")) read_resources(reader, *resources, service.resources);
}

}  // namespace

std::vector<std::string_view> throttled_services(const Config& config) {
  std::vector<std::string_view> names;
  for (const auto& [name, throttling] : config.throttling) names.push_back(name);
  return names;
}

std::vector<std::string_view> nameable_services(const Config& config) {
  std::vector<std::string_view> names = throttled_services(config);
  for (std::string_view name : aws_service_keys()) {
    if (!config.throttling.count(std::string(name))) names.push_back(name);
  }
  return names;
}

void read_throttling_section(YamlReader& reader, const YamlNode& section, Config& config) {
  // Besides the services, the section says where their buckets live.
  constexpr std::string_view kStoreKeys[] = {"store", "store_failure"};
  auto is_store_key = [&](std::string_view key) { return key == kStoreKeys[0] || key == kStoreKeys[1]; };
  // The built-in defaults, read first, say which services there are; a user's file tunes those.
  if (config.throttling.empty()) {
    for (const auto& [name, service] : reader.entries(section).value_or(std::vector<std::pair<std::string, YamlNode>>{})) {
      if (!is_store_key(name)) read_service(reader, service, config.throttling[name]);
    }
    read_bucket_store_keys(reader, section, config);
    return;
  }
  std::vector<std::string_view> keys = nameable_services(config);
  keys.insert(keys.end(), std::begin(kStoreKeys), std::end(kStoreKeys));
  if (!reader.expect_mapping(section, keys)) return;
  read_bucket_store_keys(reader, section, config);
  const std::vector<std::string_view> services = nameable_services(config);
  for (auto name : services) {
    auto service = section.child(name);
    if (!service) continue;
    const auto [it, added] = config.throttling.try_emplace(std::string(name));
    // A service the defaults give no limits: what the user leaves out is not rate limited.
    if (added) it->second.default_unlimited = true;
    read_service(reader, *service, it->second);
  }
}

}  // namespace chokepoint
