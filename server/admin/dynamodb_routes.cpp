#include "admin/dynamodb_routes.hpp"

#include <shared_mutex>

#include "common/time_format.hpp"
#include "services/dynamodb/table.hpp"
#include "services/dynamodb/table_capacity.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kPrefix = "/_chokepoint/dynamodb/tables/";

// "{account}/{region}/{table}" split in three non-empty parts; false otherwise.
bool split_path(std::string_view rest, std::string parts[3]) {
  for (int i = 0; i < 3; ++i) {
    const auto slash = rest.find('/');
    const bool last = i == 2;
    if (last != (slash == std::string_view::npos)) return false;
    parts[i] = std::string(rest.substr(0, slash));
    if (parts[i].empty()) return false;
    if (!last) rest.remove_prefix(slash + 1);
  }
  return true;
}

HttpResponse table_view(const DynamoDbService& dynamodb, const HttpRequest& request, TimePoint now) {
  std::string parts[3];
  if (!split_path(request.path().substr(kPrefix.size()), parts)) {
    return admin_error(404, "expected /_chokepoint/dynamodb/tables/{account}/{region}/{table}");
  }
  const auto& [account, region, name] = parts;
  const auto table = dynamodb.find_table(account, region, name, now);
  if (!table) return admin_error(404, "table " + name + " not found in account " + account + ", region " + region);
  // "now" dates the per-second series (their last entry is this second), so that a caller polling the view can
  // line successive answers up into a longer history.
  nlohmann::json out = {{"account", account}, {"region", region}, {"table", name}, {"now", iso8601_millis(now)}};
  {
    std::shared_lock lock(table->mutex);
    out["table_status"] = std::string(table_status_name(table->meta.lifecycle.at(now)));
    out["item_count"] = table->items.count();
    out["size_bytes"] = table->items.bytes();
  }
  out["capacity"] = table->capacity->inspect(now);
  return admin_json(200, out);
}

}  // namespace

void register_dynamodb_routes(AdminApi& admin, const DynamoDbService& dynamodb) {
  // The list a caller (the dashboard's table picker) needs to build the paths below.
  admin.add_route("GET", std::string(kPrefix.substr(0, kPrefix.size() - 1)),
                  [&dynamodb](const HttpRequest&, TimePoint now) {
                    nlohmann::json tables = nlohmann::json::array();
                    for (const auto& [account, region, name] : dynamodb.list_tables(now)) {
                      tables.push_back({{"account", account}, {"region", region}, {"table", name}});
                    }
                    return admin_json(200, {{"tables", tables}});
                  });
  admin.add_route("GET", std::string(kPrefix), [&dynamodb](const HttpRequest& request, TimePoint now) {
    return table_view(dynamodb, request, now);
  });
}

}  // namespace chokepoint
