// Application Auto Scaling's durable mode. Two kinds of records, both keyed "ACCOUNT/REGION/...":
// - "target", key ".../<resource id>|<dimension>": the whole scalable target with its policies, scheduled actions
//   and last scaling times (null once deregistered);
// - "activity", key ".../<activity id>": one scaling activity (the newest ScalingRegion::kMaxActivities are kept).
// Once restored, the scaling checks of every account and region with a policy are scheduled again.
#include <algorithm>
#include <stdexcept>

#include "persistence/change_record.hpp"
#include "persistence/record_time.hpp"
#include "services/autoscaling/autoscaling_service.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr std::string_view kScalingRecords = "application-autoscaling";

json scaling_resource_record(const ScalableResource& r) {
  return {{"resource_id", r.resource_id},
          {"dimension", r.dimension},
          {"table", r.table},
          {"index", r.index},
          {"write", r.write}};
}

ScalableResource scaling_resource_from(const json& j) {
  return ScalableResource{j.at("resource_id").get<std::string>(), j.at("dimension").get<std::string>(),
                          j.at("table").get<std::string>(), j.at("index").get<std::string>(),
                          j.at("write").get<bool>()};
}

json scaling_policy_record(const TargetTrackingPolicy& p) {
  return {{"name", p.name},
          {"arn", p.arn},
          {"target_value", p.target_value},
          {"scale_out_cooldown", p.scale_out_cooldown},
          {"scale_in_cooldown", p.scale_in_cooldown},
          {"disable_scale_in", p.disable_scale_in},
          {"alarm_high", p.alarm_high},
          {"alarm_low", p.alarm_low},
          {"customized_metric", p.customized_metric},
          {"created", record_time(p.created)}};
}

TargetTrackingPolicy scaling_policy_from(const json& j) {
  TargetTrackingPolicy p;
  p.name = j.at("name").get<std::string>();
  p.arn = j.at("arn").get<std::string>();
  p.target_value = j.at("target_value").get<double>();
  p.scale_out_cooldown = j.at("scale_out_cooldown").get<long long>();
  p.scale_in_cooldown = j.at("scale_in_cooldown").get<long long>();
  p.disable_scale_in = j.at("disable_scale_in").get<bool>();
  p.alarm_high = j.at("alarm_high").get<std::string>();
  p.alarm_low = j.at("alarm_low").get<std::string>();
  p.customized_metric = j.value("customized_metric", json(nullptr));  // absent in records of older versions
  p.created = time_from_record(j.at("created"));
  return p;
}

json step_policy_record(const StepScalingPolicy& p) {
  json out = step_configuration_json(p);
  out["name"] = p.name;
  out["arn"] = p.arn;
  out["created"] = record_time(p.created);
  out["last_run"] = record_time(p.last_run);
  out["capacity_before_last_run"] = p.capacity_before_last_run;
  return out;
}

StepScalingPolicy step_policy_from(const json& j) {
  auto read = read_step_configuration(j);
  if (!read) throw std::runtime_error(read.error().message);
  StepScalingPolicy p = *read;
  p.name = j.at("name").get<std::string>();
  p.arn = j.at("arn").get<std::string>();
  p.created = time_from_record(j.at("created"));
  p.last_run = optional_time_from_record(j.at("last_run"));
  p.capacity_before_last_run = j.at("capacity_before_last_run").get<long long>();
  return p;
}

json scheduled_action_record(const ScheduledAction& a) {
  return {{"name", a.name},
          {"arn", a.arn},
          {"schedule", a.schedule},
          {"timezone", a.timezone},
          {"start", record_time(a.start)},
          {"end", record_time(a.end)},
          {"min_capacity", a.min_capacity ? json(*a.min_capacity) : json(nullptr)},
          {"max_capacity", a.max_capacity ? json(*a.max_capacity) : json(nullptr)},
          {"created", record_time(a.created)},
          {"next_run", record_time(a.next_run)}};
}

ScheduledAction scheduled_action_from(const json& j) {
  ScheduledAction a;
  a.name = j.at("name").get<std::string>();
  a.arn = j.at("arn").get<std::string>();
  a.schedule = j.at("schedule").get<std::string>();
  a.timezone = j.at("timezone").get<std::string>();
  a.start = optional_time_from_record(j.at("start"));
  a.end = optional_time_from_record(j.at("end"));
  if (!j.at("min_capacity").is_null()) a.min_capacity = j.at("min_capacity").get<long long>();
  if (!j.at("max_capacity").is_null()) a.max_capacity = j.at("max_capacity").get<long long>();
  a.created = time_from_record(j.at("created"));
  a.next_run = optional_time_from_record(j.at("next_run"));
  return a;
}

json scalable_target_record(const ScalableTarget& t) {
  json steps = json::array(), scheduled = json::array();
  for (const auto& p : t.step_policies) steps.push_back(step_policy_record(p));
  for (const auto& [name, a] : t.scheduled_actions) scheduled.push_back(scheduled_action_record(a));
  return {{"resource", scaling_resource_record(t.resource)},
          {"arn", t.arn},
          {"min_capacity", t.min_capacity},
          {"max_capacity", t.max_capacity},
          {"role_arn", t.role_arn},
          {"scale_in_suspended", t.scale_in_suspended},
          {"scale_out_suspended", t.scale_out_suspended},
          {"scheduled_suspended", t.scheduled_suspended},
          {"created", record_time(t.created)},
          {"policy", t.policy ? scaling_policy_record(*t.policy) : json(nullptr)},
          {"last_scale_out", record_time(t.last_scale_out)},
          {"last_scale_in", record_time(t.last_scale_in)},
          {"step_policies", std::move(steps)},
          {"scheduled_actions", std::move(scheduled)},
          {"tags", t.tags}};
}

ScalableTarget scalable_target_from(const json& j) {
  ScalableTarget t;
  t.resource = scaling_resource_from(j.at("resource"));
  t.arn = j.at("arn").get<std::string>();
  t.min_capacity = j.at("min_capacity").get<long long>();
  t.max_capacity = j.at("max_capacity").get<long long>();
  t.role_arn = j.at("role_arn").get<std::string>();
  t.scale_in_suspended = j.at("scale_in_suspended").get<bool>();
  t.scale_out_suspended = j.at("scale_out_suspended").get<bool>();
  t.scheduled_suspended = j.at("scheduled_suspended").get<bool>();
  t.created = time_from_record(j.at("created"));
  if (!j.at("policy").is_null()) t.policy = scaling_policy_from(j.at("policy"));
  t.last_scale_out = optional_time_from_record(j.at("last_scale_out"));
  t.last_scale_in = optional_time_from_record(j.at("last_scale_in"));
  // Records written before step policies and scheduled actions existed have neither.
  for (const auto& p : j.value("step_policies", json::array())) t.step_policies.push_back(step_policy_from(p));
  t.tags = j.value("tags", std::map<std::string, std::string>{});
  for (const auto& a : j.value("scheduled_actions", json::array())) {
    ScheduledAction action = scheduled_action_from(a);
    t.scheduled_actions[action.name] = std::move(action);
  }
  return t;
}

json scaling_activity_record(const ScalingActivity& a) {
  return {{"id", a.id},
          {"resource", scaling_resource_record(a.resource)},
          {"description", a.description},
          {"cause", a.cause},
          {"status", a.status},
          {"status_message", a.status_message},
          {"start", record_time(a.start)},
          {"end", record_time(a.end)}};
}

ScalingActivity scaling_activity_from(const json& j) {
  ScalingActivity a;
  a.id = j.at("id").get<std::string>();
  a.resource = scaling_resource_from(j.at("resource"));
  a.description = j.at("description").get<std::string>();
  a.cause = j.at("cause").get<std::string>();
  a.status = j.at("status").get<std::string>();
  a.status_message = j.at("status_message").get<std::string>();
  a.start = time_from_record(j.at("start"));
  a.end = time_from_record(j.at("end"));
  return a;
}

std::string scaling_target_key(const std::string& account_and_region, const ScalableResource& r) {
  return account_and_region + "/" + r.resource_id + "|" + r.dimension;
}

}  // namespace

void AutoScalingService::attach_change_log(ChangeLog* log) {
  std::lock_guard lock(mutex_);
  change_log_ = log;
}

void AutoScalingService::journal_target(const std::string& account, const std::string& region,
                                        const ScalableResource& resource, const ScalableTarget* target) {
  if (!change_log_) return;
  change_log_->append(json_record_text(kScalingRecords, "target", scaling_target_key(account + "/" + region, resource),
                                       target ? scalable_target_record(*target) : json(nullptr)));
}

void AutoScalingService::journal_activity(const std::string& account, const std::string& region,
                                          const ScalingActivity& activity) {
  if (!change_log_) return;
  change_log_->append(json_record_text(kScalingRecords, "activity", account + "/" + region + "/" + activity.id,
                                       scaling_activity_record(activity)));
}

void AutoScalingService::dump(const RecordSink& emit) const {
  std::lock_guard lock(mutex_);
  for (const auto& [key, region] : regions_) {
    for (const auto& [id, target] : region.targets) {
      emit(json_record_text(kScalingRecords, "target", scaling_target_key(key, target.resource),
                            scalable_target_record(target)));
    }
    // Oldest first, so that restoring them one by one (each in front) leaves the newest first.
    for (auto it = region.activities.rbegin(); it != region.activities.rend(); ++it) {
      emit(json_record_text(kScalingRecords, "activity", key + "/" + it->id, scaling_activity_record(*it)));
    }
  }
}

void AutoScalingService::restore(const ChangeRecord& record, const RestoreContext&) {
  const auto key = split_regional_key(record.key);
  if (!key) return;
  try {
    std::lock_guard lock(mutex_);
    ScalingRegion& region = regions_[key->account + "/" + key->region];
    if (record.kind == "target") {
      const auto bar = key->rest.rfind('|');
      if (bar == std::string::npos) return;
      const std::pair<std::string, std::string> id{key->rest.substr(0, bar), key->rest.substr(bar + 1)};
      if (record.state.is_null()) {
        region.targets.erase(id);
      } else {
        region.targets[id] = scalable_target_from(record.state);
      }
    } else if (record.kind == "activity" && !record.state.is_null()) {
      region.record(scaling_activity_from(record.state));
    }
  } catch (const std::exception&) {
    // A record this version cannot read is skipped; the rest of the state is still worth having.
  }
}

// CloudWatch keeps no state across a restart, so the policies' alarms are put again (for the capacity the tables
// have now) before the checks that read them resume.
void AutoScalingService::resume_after_restore() {
  std::vector<std::pair<std::string, std::string>> scaled;
  {
    std::lock_guard lock(mutex_);
    for (auto& [key, region] : regions_) {
      region.ticking = false;
      region.scheduled_wakeup.reset();
      const bool has_policy = std::any_of(region.targets.begin(), region.targets.end(), [](const auto& entry) {
        const ScalableTarget& t = entry.second;
        return t.policy.has_value() || !t.step_policies.empty() || !t.scheduled_actions.empty();
      });
      const auto slash = key.find('/');
      if (has_policy) scaled.emplace_back(key.substr(0, slash), key.substr(slash + 1));
    }
  }
  for (const auto& where : scaled) {
    scheduler_.run_after(Duration::zero(), [this, account = where.first, region = where.second] {
      restore_alarms(account, region);
      schedule_check(account, region, scheduler_.now());
      arm_scheduled_actions(account, region, scheduler_.now());
    });
  }
}

void AutoScalingService::restore_alarms(const std::string& account, const std::string& region) {
  std::vector<ScalableTarget> targets;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, target] : regions_[account + "/" + region].targets) {
      if (target.policy) targets.push_back(target);
    }
  }
  const TimePoint now = scheduler_.now();
  for (const auto& target : targets) {
    if (const auto capacity = current_capacity(account, region, target.resource, now)) {
      write_alarms(account, region, target, capacity->first, now);
    }
  }
}

}  // namespace chokepoint
