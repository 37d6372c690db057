#include "services/ec2/ec2_describe_instances.hpp"

#include <algorithm>
#include <unordered_set>

#include "protocol/params.hpp"
#include "protocol/result.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_instance_ids.hpp"
#include "services/ec2/ec2_pagination.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_volume_state.hpp"

namespace chokepoint {

namespace {

// What both Describe actions read before they look at any instance.
struct Query {
  std::vector<std::string> ids;
  std::vector<Ec2Filter> filters;
  Ec2Page page;
  bool include_all = false;  // DescribeInstanceStatus: not only running instances
};

Result<Query> read_query(const nlohmann::json& params, const std::function<bool(std::string_view)>& known_filter) {
  Query q;
  auto ids = read_instance_ids(params);
  if (!ids) return ids.error();
  q.ids = std::move(*ids);
  auto filters = read_filters(params, known_filter);
  if (!filters) return filters.error();
  q.filters = std::move(*filters);
  auto page = read_page(params, 5, 1000);
  if (!page) return page.error();
  q.page = *page;
  if (!q.ids.empty() && param(params, "MaxResults")) {
    return ec2_error("InvalidParameterCombination",
                     "The parameter instancesSet cannot be used with the parameter maxResults");
  }
  if (auto e = read_flag(params, "IncludeAllInstances", q.include_all)) return *e;
  if (auto e = check_dry_run(params)) return *e;
  return q;
}

// Lists the query's instances: every id must exist; then filters and the page apply. Returns the NextToken.
template <typename Keep, typename Emit>
Result<std::string> list_instances(Ec2RegionState& state, const Query& q, Keep keep, Emit emit) {
  auto found = find_instances(state, q.ids);
  if (!found) return found.error();
  const std::unordered_set<std::string> wanted(q.ids.begin(), q.ids.end());
  return paginate(
      q.page, state.instances, [](const auto& entry) { return entry.first; },
      [&](const auto& entry) { return (wanted.empty() || wanted.count(entry.second.id)) && keep(entry.second); },
      [&](const auto& entry) { emit(entry.second); });
}

bool is_status_filter(std::string_view name) {
  static const std::unordered_set<std::string_view> kNames = {
      "availability-zone",    "availability-zone-id",         "event.code",
      "event.description",    "event.instance-event-id",      "event.not-after",
      "event.not-before",     "event.not-before-deadline",    "instance-state-code",
      "instance-state-name",  "instance-status.reachability", "instance-status.status",
      "operator.managed",     "operator.principal",           "system-status.reachability",
      "system-status.status", "attached-ebs-status.status"};
  return kNames.count(name) != 0;
}

// Emulated instances never fail their checks: "ok" while running, "not-applicable" otherwise.
std::vector<std::string> status_filter_values(const Ec2Instance& i, const std::string& name) {
  const bool running = i.state == Ec2InstanceState::kRunning;
  if (name == "instance-status.status" || name == "system-status.status" || name == "attached-ebs-status.status") {
    return {running ? "ok" : "not-applicable"};
  }
  if (name == "instance-status.reachability" || name == "system-status.reachability") {
    return running ? std::vector<std::string>{"passed"} : std::vector<std::string>{};
  }
  if (name.rfind("event.", 0) == 0 || name.rfind("operator.", 0) == 0) return {};
  return instance_filter_values(i, name);
}

nlohmann::json status_summary(bool running) {
  nlohmann::json s = {{"status", running ? "ok" : "not-applicable"}};
  if (running) s["details"] = nlohmann::json::array({{{"name", "reachability"}, {"status", "passed"}}});
  return s;
}

nlohmann::json status_json(const Ec2Instance& i) {
  const bool running = i.state == Ec2InstanceState::kRunning;
  return {{"instanceId", i.id},
          {"availabilityZone", i.zone},
          {"availabilityZoneId", i.zone_id},
          {"instanceState", state_json(i.state)},
          {"instanceStatus", status_summary(running)},
          {"systemStatus", status_summary(running)},
          {"attachedEbsStatus", status_summary(running)}};
}

}  // namespace

ApiResult describe_instances(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto query = read_query(request.params, is_instance_filter);
  if (!query) return query.error();
  const Query& q = *query;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        settle_volumes(state, scope, ctx.now);
        nlohmann::json reservations = nlohmann::json::array();
        const auto next = list_instances(
            state, q,
            [&](const Ec2Instance& i) {
              return filters_match(q.filters, [&](const std::string& name) { return instance_filter_values(i, name); });
            },
            [&](const Ec2Instance& i) {
              // A reservation's instances are launched together, so they are neighbours in launch order.
              if (reservations.empty() || reservations.back()["reservationId"] != i.reservation_id) {
                reservations.push_back(reservation_json(i.reservation_id, i.owner_id, nlohmann::json::array()));
              }
              nlohmann::json instance = instance_json(i);
              if (i.state != Ec2InstanceState::kTerminated) add_attached_volumes(instance, state, i.id);
              reservations.back()["instancesSet"].push_back(std::move(instance));
            });
        if (!next) return next.error();
        ApiResponse response;
        response.body["reservationSet"] = std::move(reservations);
        if (!next->empty()) response.body["nextToken"] = *next;
        return response;
      });
}

ApiResult describe_instance_status(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto query = read_query(request.params, is_status_filter);
  if (!query) return query.error();
  const Query& q = *query;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        nlohmann::json statuses = nlohmann::json::array();
        const auto next = list_instances(
            state, q,
            [&](const Ec2Instance& i) {
              if (!q.include_all && i.state != Ec2InstanceState::kRunning) return false;
              return filters_match(q.filters, [&](const std::string& name) { return status_filter_values(i, name); });
            },
            [&](const Ec2Instance& i) { statuses.push_back(status_json(i)); });
        if (!next) return next.error();
        ApiResponse response;
        response.body["instanceStatusSet"] = std::move(statuses);
        if (!next->empty()) response.body["nextToken"] = *next;
        return response;
      });
}

}  // namespace chokepoint
