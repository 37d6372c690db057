#include "admin/autoscaling_routes.hpp"

#include <algorithm>

#include "common/time_format.hpp"

namespace chokepoint {

namespace {

constexpr size_t kMaxShownActivities = 200;

nlohmann::json scaling_target_view(const std::string& account, const std::string& region, const ScalableTarget& t) {
  nlohmann::json policy = nullptr;
  if (t.policy) {
    policy = {{"name", t.policy->name},
              {"target_value", t.policy->target_value},
              {"alarm_high", t.policy->alarm_high},
              {"alarm_low", t.policy->alarm_low}};
  }
  return {{"account", account},
          {"region", region},
          {"resource_id", t.resource.resource_id},
          {"dimension", t.resource.dimension},
          {"min_capacity", t.min_capacity},
          {"max_capacity", t.max_capacity},
          {"policy", std::move(policy)}};
}

}  // namespace

void register_autoscaling_routes(AdminApi& admin, const AutoScalingService& autoscaling) {
  admin.add_route("GET", "/_chokepoint/autoscaling", [&autoscaling](const HttpRequest&, TimePoint) {
    nlohmann::json targets = nlohmann::json::array();
    std::vector<std::pair<TimePoint, nlohmann::json>> activities;
    for (const auto& region : autoscaling.view()) {
      for (const auto& target : region.targets)
        targets.push_back(scaling_target_view(region.account, region.region, target));
      for (const auto& a : region.activities) {
        activities.emplace_back(a.start, nlohmann::json{{"account", region.account},
                                                        {"region", region.region},
                                                        {"id", a.id},
                                                        {"resource_id", a.resource.resource_id},
                                                        {"dimension", a.resource.dimension},
                                                        {"description", a.description},
                                                        {"cause", a.cause},
                                                        {"status", a.status},
                                                        {"status_message", a.status_message},
                                                        {"start", iso8601_millis(a.start)}});
      }
    }
    std::stable_sort(activities.begin(), activities.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    nlohmann::json newest = nlohmann::json::array();
    for (size_t i = 0; i < std::min(activities.size(), kMaxShownActivities); ++i)
      newest.push_back(activities[i].second);
    return admin_json(200, {{"targets", std::move(targets)}, {"activities", std::move(newest)}});
  });
}

}  // namespace chokepoint
