#include "protocol/aws_catalog.hpp"

#include <algorithm>
#include <functional>
#include <optional>

#include "common/strings.hpp"
#include "protocol/rest_route.hpp"

namespace chokepoint {

namespace {

std::optional<WireProtocol> catalog_protocol(std::string_view name) {
  if (name == "json") return WireProtocol::kJson;
  if (name == "query") return WireProtocol::kQuery;
  if (name == "ec2") return WireProtocol::kEc2;
  if (name == "rest-json") return WireProtocol::kRestJson;
  if (name == "rest-xml") return WireProtocol::kRestXml;
  return std::nullopt;
}

// Field i of a tab-separated line; trailing empty fields are left out of the table, so a missing one is empty.
std::string catalog_field(const std::vector<std::string_view>& fields, size_t i) {
  return i < fields.size() ? std::string(fields[i]) : std::string();
}

std::vector<std::string> catalog_list(std::string_view field) {
  std::vector<std::string> items;
  if (field.empty()) return items;
  for (const std::string_view item : split(field, ',')) {
    if (!item.empty()) items.emplace_back(item);
  }
  return items;
}

// "name protocol jsonVersion targetPrefix endpointPrefix signingName apiVersion serviceId queryJsonTargetPrefix"
std::optional<AwsService> catalog_service(std::string_view line) {
  const auto fields = split(line, '\t');
  const auto protocol = catalog_protocol(fields.size() > 1 ? fields[1] : std::string_view{});
  if (fields[0].empty() || !protocol) return std::nullopt;
  AwsService service;
  service.name = std::string(fields[0]);
  service.protocol = *protocol;
  service.json_version = catalog_field(fields, 2);
  service.target_prefix = catalog_field(fields, 3);
  service.endpoint_prefix = catalog_field(fields, 4);
  service.signing_name = catalog_field(fields, 5);
  service.api_version = catalog_field(fields, 6);
  service.service_id = catalog_field(fields, 7);
  service.query_json_target_prefix = catalog_field(fields, 8);
  if (service.signing_name.empty()) service.signing_name = service.endpoint_prefix;
  return service;
}

// "<TAB>name [method requestUri [requiredQuery requiredHeaders [flags]]]"; the default is POST /.
std::optional<AwsOperation> catalog_operation(std::string_view line) {
  const auto fields = split(line.substr(1), '\t');
  if (fields[0].empty()) return std::nullopt;
  AwsOperation op;
  op.name = std::string(fields[0]);
  op.method = fields.size() > 1 && !fields[1].empty() ? std::string(fields[1]) : "POST";
  op.uri = fields.size() > 2 && !fields[2].empty() ? std::string(fields[2]) : "/";
  if (fields.size() > 3) op.required_query = catalog_list(fields[3]);
  if (fields.size() > 4) op.required_headers = catalog_list(fields[4]);
  op.deprecated = fields.size() > 5 && fields[5] == "deprecated";
  return op;
}

bool catalog_by_name(const AwsOperation& op, std::string_view name) {
  return op.name < name;
}

// The first entry with this key: a multimap keeps equal keys in insertion order, which is the table's order.
template <typename Index>
const size_t* catalog_first(const Index& index, std::string_view key) {
  const auto it = index.lower_bound(key);
  return it != index.end() && it->first == key ? &it->second : nullptr;
}

}  // namespace

const AwsOperation* AwsService::find_operation(std::string_view name) const {
  const auto it = std::lower_bound(operations.begin(), operations.end(), name, catalog_by_name);
  return it != operations.end() && it->name == name ? &*it : nullptr;
}

AwsCatalog::AwsCatalog(std::string_view table) {
  bool in_service = false;  // whether operation lines belong to a service that was read
  while (!table.empty()) {
    const size_t newline = table.find('\n');
    std::string_view line = table.substr(0, newline);
    table.remove_prefix(newline == std::string_view::npos ? table.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '\t') {
      if (!in_service) continue;
      if (auto op = catalog_operation(line)) services_.back().operations.push_back(std::move(*op));
      continue;
    }
    auto service = catalog_service(line);
    in_service = service.has_value();
    if (service) services_.push_back(std::move(*service));
  }
  build_indexes();
}

AwsCatalog AwsCatalog::built_in() {
  return AwsCatalog(built_in_aws_catalog_table());
}

void AwsCatalog::build_indexes() {
  routes_.reserve(services_.size());
  for (size_t i = 0; i < services_.size(); ++i) {
    AwsService& service = services_[i];
    std::stable_sort(service.operations.begin(), service.operations.end(),
                     [](const AwsOperation& a, const AwsOperation& b) { return a.name < b.name; });
    by_name_.emplace(service.name, i);
    by_signing_name_.emplace(service.signing_name, i);
    if (service.protocol == WireProtocol::kJson && !service.target_prefix.empty()) {
      by_target_prefix_.emplace(service.target_prefix, i);
    }
    if (!service.query_json_target_prefix.empty()) by_target_prefix_.emplace(service.query_json_target_prefix, i);
    if (service.protocol == WireProtocol::kQuery || service.protocol == WireProtocol::kEc2) {
      by_query_version_.emplace(service.api_version, i);
    }
    routes_.push_back(service.is_rest() ? std::make_shared<const RestRouteIndex>(service) : nullptr);
  }
}

const AwsService* AwsCatalog::by_name(std::string_view name) const {
  const size_t* i = catalog_first(by_name_, name);
  return i ? &services_[*i] : nullptr;
}

const AwsService* AwsCatalog::by_target_prefix(std::string_view prefix) const {
  const size_t* i = catalog_first(by_target_prefix_, prefix);
  return i ? &services_[*i] : nullptr;
}

const AwsService* AwsCatalog::by_target_prefix(std::string_view prefix, std::string_view operation) const {
  // One search, then a walk over the entries with this key (rarely more than one): this runs for every JSON call
  // Chokepoint does not emulate, and equal_range would search twice.
  const auto first = by_target_prefix_.lower_bound(prefix);
  for (auto it = first; it != by_target_prefix_.end() && it->first == prefix; ++it) {
    if (services_[it->second].find_operation(operation)) return &services_[it->second];
  }
  return first == by_target_prefix_.end() || first->first != prefix ? nullptr : &services_[first->second];
}

std::vector<const AwsService*> AwsCatalog::by_signing_name(std::string_view signing_name) const {
  std::vector<const AwsService*> found;
  const auto [first, last] = by_signing_name_.equal_range(signing_name);
  for (auto it = first; it != last; ++it) found.push_back(&services_[it->second]);
  return found;
}

const AwsService* AwsCatalog::by_api_version_query(std::string_view version) const {
  const size_t* i = catalog_first(by_query_version_, version);
  return i ? &services_[*i] : nullptr;
}

const RestRouteIndex* AwsCatalog::rest_routes(const AwsService& service) const {
  // A service of another catalog (a copy) has no routes here.
  const std::less<const AwsService*> before;
  if (services_.empty() || before(&service, services_.data()) ||
      !before(&service, services_.data() + services_.size())) {
    return nullptr;
  }
  return routes_[static_cast<size_t>(&service - services_.data())].get();
}

std::string_view wire_protocol_name(WireProtocol protocol) {
  switch (protocol) {
    case WireProtocol::kJson:
      return "json";
    case WireProtocol::kQuery:
      return "query";
    case WireProtocol::kEc2:
      return "ec2";
    case WireProtocol::kRestJson:
      return "rest-json";
    case WireProtocol::kRestXml:
      return "rest-xml";
  }
  return "json";
}

}  // namespace chokepoint
