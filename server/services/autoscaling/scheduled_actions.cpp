// Scheduled actions: PutScheduledAction, DescribeScheduledActions, DeleteScheduledAction, and their runs on the
// emulated clock. [CFN-ScheduledAction] https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/
// aws-properties-applicationautoscaling-scalabletarget-scheduledaction.html: at the scheduled time the new minimum
// and maximum apply; a capacity below the minimum is scaled out to it, one above the maximum scaled in to it. Each
// run is an activity ("Setting min capacity to ..."), and a capacity change a second one, through UpdateTable.
#include <algorithm>

#include "common/time_format.hpp"
#include "protocol/params.hpp"
#include "services/autoscaling/autoscaling_errors.hpp"
#include "services/autoscaling/autoscaling_service.hpp"
#include "services/autoscaling/scaling_params.hpp"
#include "services/autoscaling/scaling_schedule.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// A timestamp member: epoch seconds (as boto3 and the CLI send it in JSON 1.1) or ISO 8601 text.
Result<std::optional<TimePoint>> scheduled_time(const json& params, const char* member) {
  const auto* v = param(params, member);
  if (!v || v->is_null()) return std::optional<TimePoint>();
  std::optional<TimePoint> t;
  if (v->is_number()) t = from_epoch_seconds(v->get<double>());
  if (v->is_string()) t = parse_timestamp(v->get<std::string>());
  if (!t) return autoscaling_validation(std::string(member) + " must be a timestamp");
  return t;
}

json scheduled_action_json(const ScalableTarget& t, const ScheduledAction& a) {
  json out = {{"ScheduledActionName", a.name},
              {"ScheduledActionARN", a.arn},
              {"ServiceNamespace", "dynamodb"},
              {"Schedule", a.schedule},
              {"ResourceId", t.resource.resource_id},
              {"ScalableDimension", t.resource.dimension},
              {"CreationTime", epoch_seconds(a.created)}};
  if (!a.timezone.empty()) out["Timezone"] = a.timezone;
  if (a.start) out["StartTime"] = epoch_seconds(*a.start);
  if (a.end) out["EndTime"] = epoch_seconds(*a.end);
  json action = json::object();
  if (a.min_capacity) action["MinCapacity"] = *a.min_capacity;
  if (a.max_capacity) action["MaxCapacity"] = *a.max_capacity;
  out["ScalableTargetAction"] = action;
  return out;
}

// "min capacity to 15 and max capacity to 20", as the activities of scheduled actions word it.
std::string bounds_text(const ScheduledAction& a) {
  std::string out;
  if (a.min_capacity) out = "min capacity to " + std::to_string(*a.min_capacity);
  if (a.max_capacity) out += (out.empty() ? "" : " and ") + std::string("max capacity to ") + std::to_string(*a.max_capacity);
  return out;
}

// Reads the request over `action` (an update keeps what the request leaves out) and checks it.
std::optional<ApiError> read_scheduled_action(const ApiRequest& request, ScheduledAction& action) {
  if (auto schedule = param_string(request.params, "Schedule")) action.schedule = *schedule;
  if (auto zone = param_string(request.params, "Timezone")) action.timezone = *zone;
  if (action.schedule.empty()) {
    return autoscaling_validation("Schedule is required when creating a scheduled action");
  }
  if (auto e = parse_schedule(action.schedule, action.timezone); !e) return e.error();
  for (auto [member, slot] : {std::pair{"StartTime", &action.start}, std::pair{"EndTime", &action.end}}) {
    auto t = scheduled_time(request.params, member);
    if (!t) return t.error();
    if (*t) *slot = *t;
  }
  if (action.start && action.end && *action.end <= *action.start) {
    return autoscaling_validation("EndTime must be after StartTime");
  }
  if (const auto* bounds = param(request.params, "ScalableTargetAction"); bounds && bounds->is_object()) {
    bool bad = false;
    const auto min = param_int(*bounds, "MinCapacity", &bad), max = param_int(*bounds, "MaxCapacity", &bad);
    if (bad || (min && *min < 0) || (max && *max < 0)) {
      return autoscaling_validation("MinCapacity and MaxCapacity must be whole numbers >= 0");
    }
    action.min_capacity = min;
    action.max_capacity = max;
  }
  if (!action.min_capacity && !action.max_capacity) {
    return autoscaling_validation("ScalableTargetAction must set MinCapacity, MaxCapacity or both");
  }
  if (action.min_capacity && action.max_capacity && *action.min_capacity > *action.max_capacity) {
    return autoscaling_validation("Minimum capacity cannot be greater than maximum capacity");
  }
  return std::nullopt;
}

std::string no_scheduled_action(const ScalableResource& r, const std::string& name) {
  return "No scheduled action found for service namespace: dynamodb, resource ID: " + r.resource_id +
         ", scalable dimension: " + r.dimension + ", scheduled action name: " + name;
}

}  // namespace

ApiResult AutoScalingService::put_scheduled_action(const ApiRequest& request, CallContext& ctx) {
  auto name = required_scaling_param(request, "ScheduledActionName", "scheduledActionName");
  if (!name) return name.error();
  if (auto e = check_scaling_namespace(request)) return *e;
  auto resource = read_scaling_resource(request);
  if (!resource) return resource.error();
  const Identity& id = request.identity;
  {
    std::lock_guard lock(mutex_);
    auto& targets = region_for(id).targets;
    const auto it = targets.find({resource->resource_id, resource->dimension});
    if (it == targets.end()) return autoscaling_not_found(no_scalable_target(*resource));
    const auto existing = it->second.scheduled_actions.find(*name);
    ScheduledAction action = existing != it->second.scheduled_actions.end() ? existing->second : ScheduledAction{};
    if (auto e = read_scheduled_action(request, action)) return *e;
    if (action.arn.empty()) {
      action.name = *name;
      action.arn = scaling_arn(id, "scheduledAction", ids_.uuid(), *resource, "scheduledActionName/" + *name);
      action.created = ctx.now;
    }
    const auto schedule = parse_schedule(action.schedule, action.timezone);
    action.next_run = next_fire(*schedule, ctx.now - std::chrono::nanoseconds(1), action.start, action.end,
                                action.created);
    it->second.scheduled_actions[*name] = action;
    journal_target(id.account_id, id.region, *resource, &it->second);
  }
  arm_scheduled_actions(id.account_id, id.region, ctx.now);
  return ApiResponse{};
}

ApiResult AutoScalingService::describe_scheduled_actions(const ApiRequest& request, CallContext&) {
  if (auto e = check_scaling_namespace(request)) return *e;
  auto page = read_scaling_page(request);
  if (!page) return page.error();
  const ScalingResourceFilter filter = read_scaling_resource_filter(request);
  std::vector<json> matching;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, target] : region_for(request.identity).targets) {
      if (!filter.matches(target.resource)) continue;
      for (const auto& [name, action] : target.scheduled_actions) {
        if (in_scaling_list(request.params, "ScheduledActionNames", name)) {
          matching.push_back(scheduled_action_json(target, action));
        }
      }
    }
  }
  return scaling_page_of(matching, *page, "ScheduledActions", [](const json& j) { return j; });
}

ApiResult AutoScalingService::delete_scheduled_action(const ApiRequest& request, CallContext&) {
  auto name = required_scaling_param(request, "ScheduledActionName", "scheduledActionName");
  if (!name) return name.error();
  if (auto e = check_scaling_namespace(request)) return *e;
  auto resource = read_scaling_resource(request);
  if (!resource) return resource.error();
  std::lock_guard lock(mutex_);
  auto& targets = region_for(request.identity).targets;
  const auto it = targets.find({resource->resource_id, resource->dimension});
  if (it == targets.end() || it->second.scheduled_actions.erase(*name) == 0) {
    return autoscaling_not_found(no_scheduled_action(*resource, *name));
  }
  journal_target(request.identity.account_id, request.identity.region, *resource, &it->second);
  return ApiResponse{};
}

void AutoScalingService::arm_scheduled_actions(const std::string& account, const std::string& region,
                                               TimePoint now) {
  std::optional<TimePoint> earliest;
  {
    std::lock_guard lock(mutex_);
    ScalingRegion& r = regions_[account + "/" + region];
    for (const auto& [key, target] : r.targets) {
      for (const auto& [name, action] : target.scheduled_actions) {
        if (action.next_run && (!earliest || *action.next_run < *earliest)) earliest = action.next_run;
      }
    }
    // One wake-up at a time: a pending one as early or earlier will arm the next itself.
    if (!earliest || (r.scheduled_wakeup && *r.scheduled_wakeup <= *earliest)) return;
    r.scheduled_wakeup = earliest;
  }
  const TimePoint when = *earliest;
  scheduler_.run_after(std::max(Duration::zero(), when - now),
                       [this, account, region, when] { run_scheduled_actions(account, region, when); });
}

void AutoScalingService::run_scheduled_actions(const std::string& account, const std::string& region,
                                               TimePoint woken_for) {
  const TimePoint now = scheduler_.now();
  std::vector<std::pair<ScalableResource, ScheduledAction>> due;
  {
    std::lock_guard lock(mutex_);
    ScalingRegion& r = regions_[account + "/" + region];
    if (r.scheduled_wakeup == woken_for) r.scheduled_wakeup.reset();
    for (auto& [key, target] : r.targets) {
      bool changed = false;
      for (auto& [name, action] : target.scheduled_actions) {
        if (!action.next_run || *action.next_run > now) continue;
        if (!target.scheduled_suspended) due.emplace_back(target.resource, action);
        const auto schedule = parse_schedule(action.schedule, action.timezone);
        action.next_run = schedule ? next_fire(*schedule, now, action.start, action.end, action.created)
                                   : std::nullopt;
        changed = true;
      }
      if (changed) journal_target(account, region, target.resource, &target);
    }
  }
  for (const auto& [resource, action] : due) run_scheduled_action(account, region, resource, action, now);
  arm_scheduled_actions(account, region, now);
}

void AutoScalingService::run_scheduled_action(const std::string& account, const std::string& region,
                                              const ScalableResource& resource, const ScheduledAction& action,
                                              TimePoint now) {
  long long min = 0, max = 0;
  {
    std::lock_guard lock(mutex_);
    auto& targets = regions_[account + "/" + region].targets;
    const auto it = targets.find({resource.resource_id, resource.dimension});
    if (it == targets.end()) return;
    ScalableTarget& target = it->second;
    if (action.min_capacity) target.min_capacity = *action.min_capacity;
    if (action.max_capacity) target.max_capacity = *action.max_capacity;
    // A new minimum above the old maximum (or maximum below the old minimum) moves the other bound with it.
    if (target.min_capacity > target.max_capacity) {
      (action.min_capacity ? target.max_capacity : target.min_capacity) =
          action.min_capacity ? target.min_capacity : target.max_capacity;
    }
    min = target.min_capacity;
    max = target.max_capacity;
    journal_target(account, region, resource, &target);
    ScalingActivity activity;
    activity.id = ids_.uuid();
    activity.resource = resource;
    activity.description = "Setting " + bounds_text(action);
    activity.cause = "scheduled action name " + action.name + " was triggered";
    activity.status_message = "Successfully set " + bounds_text(action);
    activity.start = activity.end = now;
    journal_activity(account, region, activity);
    regions_[account + "/" + region].record(std::move(activity));
  }
  const auto capacity = current_capacity(account, region, resource, now);
  if (!capacity) return;
  const long long clamped = std::clamp(capacity->first, min, max);
  if (clamped == capacity->first) return;
  const std::string cause = "scheduled action name " + action.name + " set " +
                            (clamped > capacity->first ? "min capacity to " : "max capacity to ") +
                            std::to_string(clamped);
  if (set_capacity(account, region, resource, clamped, cause, now)) capacity_changed(account, region, resource, clamped, now);
}

}  // namespace chokepoint
